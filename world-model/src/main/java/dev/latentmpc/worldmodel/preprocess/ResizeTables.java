package dev.latentmpc.worldmodel.preprocess;

/**
 * Precomputed bilinear sampling positions for the pixels inside the crop window, for one source
 * size: source byte offsets of the two neighbours and their weights, per crop row and column.
 *
 * <p>Source coordinates follow {@code torch.nn.functional.interpolate(mode="bilinear",
 * align_corners=False)} on float32: {@code ratio = (float) in / out}, {@code src = ratio * (dst +
 * 0.5) - 0.5} clamped at 0, {@code i0 = floor(src)}, {@code i1 = min(i0 + 1, in - 1)}, {@code w1 =
 * src - i0}, {@code w0 = 1 - w1}.
 */
final class ResizeTables {
  final int sourceWidth;
  final int sourceHeight;
  final int[] col0;
  final int[] col1;
  final float[] colWeight0;
  final float[] colWeight1;
  final int[] row0;
  final int[] row1;
  final float[] rowWeight0;
  final float[] rowWeight1;

  ResizeTables(int sourceWidth, int sourceHeight, int shortSide, int crop) {
    this.sourceWidth = sourceWidth;
    this.sourceHeight = sourceHeight;
    int[] resized = FramePreprocessor.resizedSize(sourceWidth, sourceHeight, shortSide);
    col0 = new int[crop];
    col1 = new int[crop];
    colWeight0 = new float[crop];
    colWeight1 = new float[crop];
    row0 = new int[crop];
    row1 = new int[crop];
    rowWeight0 = new float[crop];
    rowWeight1 = new float[crop];
    // Columns index bytes within a row (3 per pixel); rows index the first byte of a row.
    fill(sourceWidth, resized[0], crop, 3, col0, col1, colWeight0, colWeight1);
    fill(sourceHeight, resized[1], crop, 3 * sourceWidth, row0, row1, rowWeight0, rowWeight1);
  }

  boolean fits(int width, int height) {
    return width == sourceWidth && height == sourceHeight;
  }

  private static void fill(
      int in, int out, int crop, int stride, int[] i0, int[] i1, float[] w0, float[] w1) {
    int offset = (out - crop) / 2;
    float ratio = (float) in / out;
    for (int k = 0; k < crop; k++) {
      int dst = k + offset;
      // float ratio, double arithmetic, rounded to float: what torch does for float32 tensors.
      float src = (float) (ratio * (dst + 0.5) - 0.5);
      if (src < 0) {
        src = 0;
      }
      int lo = (int) src;
      int hi = lo < in - 1 ? lo + 1 : lo;
      float lambda = Math.min(Math.max(src - lo, 0f), 1f);
      i0[k] = lo * stride;
      i1[k] = hi * stride;
      w1[k] = lambda;
      w0[k] = 1f - lambda;
    }
  }
}
