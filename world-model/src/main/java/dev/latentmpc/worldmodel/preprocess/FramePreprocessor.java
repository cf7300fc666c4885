package dev.latentmpc.worldmodel.preprocess;

import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.ModelSpec.InputSpec;
import java.util.Objects;

/**
 * Turns an 8-bit RGB frame of any size into the encoder's input clip, {@code float[3 * tubelet * S
 * * S]} in [channel, time, height, width] order, as described by the bundle's {@code input}.
 *
 * <p>The steps, which the Python reference ({@code world-model/python}) reproduces exactly:
 *
 * <ol>
 *   <li><b>Resize</b> so that the short side is {@code resize_short_side} (R) and the long side
 *       {@code L' = floor(L * R / short + 1/2)}, computed in integers as {@code (2 * L * R + short)
 *       / (2 * short)}; a square image becomes R × R. Bilinear interpolation with half-pixel
 *       centres and no antialiasing, exactly {@code torch.nn.functional.interpolate(x, size=(H',
 *       W'), mode="bilinear", align_corners=False)} on a float32 tensor of the 0..255 values:
 *       source coordinate {@code (dst + 0.5) * in / out - 0.5} clamped at 0, neighbours {@code
 *       floor} and {@code floor + 1} clamped to the last pixel.
 *   <li><b>Centre crop</b> to {@code image_size} (S) with offsets {@code (W' - S) / 2} and {@code
 *       (H' - S) / 2} (integer division, so an odd margin leaves the extra pixel on the right or
 *       bottom).
 *   <li><b>Normalise</b> each channel c: {@code (v * value_scale - mean[c]) / std[c]} in float32.
 *   <li><b>Repeat</b> the frame over the {@code tubelet_size} time steps.
 * </ol>
 *
 * <p>Only the pixels inside the crop are interpolated, from sampling tables cached per source size,
 * so a frame costs one pass over S × S × 3 values and no allocation beyond the output. Instances
 * are immutable apart from that cache and safe to share between threads.
 */
public final class FramePreprocessor {
  private final int crop;
  private final int shortSide;
  private final int tubelet;
  private final float valueScale;
  private final float[] mean = new float[3];
  private final float[] std = new float[3];
  private volatile ResizeTables tables;

  /**
   * Creates a preprocessor for a bundle's input spec.
   *
   * @param input the {@code input} section of model.json
   */
  public FramePreprocessor(InputSpec input) {
    Objects.requireNonNull(input, "input");
    if (input.channels() != 3 || input.mean().size() != 3 || input.std().size() != 3) {
      throw new IllegalArgumentException("only 3-channel RGB input is supported: " + input);
    }
    if (input.resizeShortSide() < input.imageSize() || input.imageSize() <= 0) {
      throw new IllegalArgumentException("resize_short_side must be >= image_size > 0: " + input);
    }
    crop = input.imageSize();
    shortSide = input.resizeShortSide();
    tubelet = input.tubeletSize();
    valueScale = (float) input.valueScale();
    for (int c = 0; c < 3; c++) {
      mean[c] = input.mean().get(c).floatValue();
      std[c] = input.std().get(c).floatValue();
    }
  }

  /** Creates a preprocessor for the bundle described by {@code spec}. */
  public static FramePreprocessor of(ModelSpec spec) {
    return new FramePreprocessor(spec.input());
  }

  /**
   * Returns the resized {@code {width, height}} of a {@code width × height} image whose short side
   * becomes {@code shortSide}: the long side is {@code floor(long * shortSide / short + 1/2)}.
   */
  public static int[] resizedSize(int width, int height, int shortSide) {
    if (width <= 0 || height <= 0 || shortSide <= 0) {
      throw new IllegalArgumentException(
          "sizes must be positive: " + width + "x" + height + " -> " + shortSide);
    }
    if (width <= height) {
      return new int[] {shortSide, scaleLongSide(height, width, shortSide)};
    }
    return new int[] {scaleLongSide(width, height, shortSide), shortSide};
  }

  private static int scaleLongSide(long longSide, long shortSrc, long shortDst) {
    return Math.toIntExact((2 * longSide * shortDst + shortSrc) / (2 * shortSrc));
  }

  /** Returns the number of floats in one output clip. */
  public int outputFloats() {
    return 3 * tubelet * crop * crop;
  }

  /** Preprocesses {@code image} into a new clip array. */
  public float[] preprocess(RgbImage image) {
    float[] out = new float[outputFloats()];
    preprocessInto(image, out, 0);
    return out;
  }

  /**
   * Preprocesses {@code image} into {@code out} starting at {@code offset}, without allocating; for
   * filling a batch buffer.
   */
  public void preprocessInto(RgbImage image, float[] out, int offset) {
    Objects.requireNonNull(image, "image is null");
    Objects.requireNonNull(out, "out is null");
    if (offset < 0 || (long) offset + outputFloats() > out.length) {
      throw new IllegalArgumentException(
          "out holds "
              + out.length
              + " floats; a clip of "
              + outputFloats()
              + " does not fit at offset "
              + offset);
    }
    ResizeTables t = tablesFor(image.width(), image.height());
    int plane = crop * crop;
    for (int c = 0; c < 3; c++) {
      int base = offset + c * tubelet * plane;
      fillPlane(image.rgb(), t, c, out, base);
      for (int k = 1; k < tubelet; k++) {
        System.arraycopy(out, base, out, base + k * plane, plane);
      }
    }
  }

  private void fillPlane(byte[] rgb, ResizeTables t, int channel, float[] out, int base) {
    float scale = valueScale;
    float m = mean[channel];
    float s = std[channel];
    int i = base;
    for (int y = 0; y < crop; y++) {
      int r0 = t.row0[y] + channel;
      int r1 = t.row1[y] + channel;
      float wy0 = t.rowWeight0[y];
      float wy1 = t.rowWeight1[y];
      for (int x = 0; x < crop; x++) {
        int c0 = t.col0[x];
        int c1 = t.col1[x];
        float wx0 = t.colWeight0[x];
        float wx1 = t.colWeight1[x];
        float top = (rgb[r0 + c0] & 0xFF) * wx0 + (rgb[r0 + c1] & 0xFF) * wx1;
        float bottom = (rgb[r1 + c0] & 0xFF) * wx0 + (rgb[r1 + c1] & 0xFF) * wx1;
        float value = top * wy0 + bottom * wy1;
        out[i++] = (value * scale - m) / s;
      }
    }
  }

  private ResizeTables tablesFor(int width, int height) {
    ResizeTables t = tables;
    if (t == null || !t.fits(width, height)) {
      t = new ResizeTables(width, height, shortSide, crop);
      tables = t;
    }
    return t;
  }
}
