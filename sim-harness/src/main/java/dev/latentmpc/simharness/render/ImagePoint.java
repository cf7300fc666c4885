package dev.latentmpc.simharness.render;

/**
 * Where a world point lands in a camera image.
 *
 * @param xPx column coordinate, continuous: pixel i spans [i, i+1); NaN behind the camera
 * @param yPx row coordinate, continuous, row 0 at the top; NaN behind the camera
 * @param depthM distance along the optical axis; ≤ 0 means the point is behind the camera
 */
public record ImagePoint(double xPx, double yPx, double depthM) {

  /** True when the point is in front of the camera. */
  public boolean inFront() {
    return depthM > 0;
  }

  /** The column index of the pixel containing the point (may lie outside the image). */
  public int column() {
    return (int) Math.floor(xPx);
  }

  /** The row index of the pixel containing the point (may lie outside the image). */
  public int row() {
    return (int) Math.floor(yPx);
  }

  /**
   * True when the point is in front of the camera and inside a {@code width}×{@code height} image.
   */
  public boolean insideImage(int width, int height) {
    return inFront() && xPx >= 0 && yPx >= 0 && xPx < width && yPx < height;
  }
}
