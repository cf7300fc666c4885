package dev.latentmpc.worldmodel.preprocess;

import java.util.Objects;

/**
 * An 8-bit RGB image, interleaved ({@code r, g, b} per pixel) and row-major, top row first.
 *
 * <p>The array is not copied (a camera hands over one buffer per frame); do not modify it while the
 * image is in use.
 *
 * @param width pixels per row, positive
 * @param height rows, positive
 * @param rgb {@code width * height * 3} bytes, read as unsigned
 */
public record RgbImage(int width, int height, byte[] rgb) {

  /** Validates the size against the array length. */
  public RgbImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + "x" + height);
    }
    Objects.requireNonNull(rgb, "rgb is null");
    long expected = 3L * width * height;
    if (rgb.length != expected) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " RGB image needs "
              + expected
              + " bytes, got "
              + rgb.length);
    }
  }

  /** Returns channel {@code channel} (0 = red) of pixel ({@code x}, {@code y}) as 0..255. */
  public int value(int x, int y, int channel) {
    Objects.checkIndex(x, width);
    Objects.checkIndex(y, height);
    Objects.checkIndex(channel, 3);
    return rgb[(y * width + x) * 3 + channel] & 0xFF;
  }

  @Override
  public String toString() {
    return "RgbImage[" + width + "x" + height + "]";
  }
}
