package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Vec3;

/**
 * The look-at basis and intrinsics of a {@link CameraSpec}, precomputed.
 *
 * <p>View coordinates: x to the image right, y to the image top, z along the optical axis (depth,
 * positive in front of the camera). Row-major {@link #rows} maps world directions to view ones.
 */
final class PinholeView {
  /** Rows right, up, forward: view = rows · (world − eye). */
  final double[] rows = new double[9];

  final double eyeX;
  final double eyeY;
  final double eyeZ;

  /** Focal length in pixels (square pixels). */
  final double focalPx;

  /** Principal point, the image centre. */
  final double centerXPx;

  final double centerYPx;

  final int widthPx;
  final int heightPx;

  PinholeView(CameraSpec spec) {
    this(spec, 1);
  }

  /** The view of {@code spec} with {@code scale}× as many pixels per axis (for supersampling). */
  PinholeView(CameraSpec spec, int scale) {
    Vec3 forward = spec.targetM().minus(spec.eyeM()).normalized();
    Vec3 right = forward.cross(new Vec3(0, 0, 1)).normalized();
    Vec3 up = right.cross(forward);
    setRow(0, right);
    setRow(1, up);
    setRow(2, forward);
    eyeX = spec.eyeM().x();
    eyeY = spec.eyeM().y();
    eyeZ = spec.eyeM().z();
    widthPx = spec.widthPx() * scale;
    heightPx = spec.heightPx() * scale;
    focalPx = 0.5 * heightPx / StrictMath.tan(Math.toRadians(spec.verticalFovDeg()) / 2);
    centerXPx = 0.5 * widthPx;
    centerYPx = 0.5 * heightPx;
  }

  private void setRow(int r, Vec3 v) {
    rows[3 * r] = v.x();
    rows[3 * r + 1] = v.y();
    rows[3 * r + 2] = v.z();
  }

  /** Projects a world point (see {@link CameraSpec#project}). */
  ImagePoint project(Vec3 p) {
    double dx = p.x() - eyeX;
    double dy = p.y() - eyeY;
    double dz = p.z() - eyeZ;
    double vx = rows[0] * dx + rows[1] * dy + rows[2] * dz;
    double vy = rows[3] * dx + rows[4] * dy + rows[5] * dz;
    double vz = rows[6] * dx + rows[7] * dy + rows[8] * dz;
    if (!(vz > 0)) {
      return new ImagePoint(Double.NaN, Double.NaN, vz);
    }
    return new ImagePoint(screenX(vx, vz), screenY(vy, vz), vz);
  }

  /** Image column coordinate of a view-space point with positive depth. */
  double screenX(double vx, double vz) {
    return centerXPx + focalPx * vx / vz;
  }

  /** Image row coordinate of a view-space point with positive depth. */
  double screenY(double vy, double vz) {
    return centerYPx - focalPx * vy / vz;
  }

  /** World direction of the ray through continuous pixel coordinates (x, y); not normalised. */
  Vec3 rayDirection(double xPx, double yPx) {
    double vx = (xPx - centerXPx) / focalPx;
    double vy = (centerYPx - yPx) / focalPx;
    return new Vec3(
        rows[0] * vx + rows[3] * vy + rows[6],
        rows[1] * vx + rows[4] * vy + rows[7],
        rows[2] * vx + rows[5] * vy + rows[8]);
  }
}
