package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;

/**
 * The current shape's unit-mesh-to-world and unit-mesh-to-view transforms (per-axis scale, then
 * pose, then camera), reused from shape to shape so a frame allocates nothing per vertex.
 */
final class ShapeTransform {
  private final PinholeView view;

  /** World rotation of the shape, row-major: rotates normals. */
  final double[] rotation = new double[9];

  /** Unit mesh → world: rotation · diag(scale). */
  private final double[] world = new double[9];

  private final double[] translation = new double[3];

  /** Unit mesh → view: viewRows · world. */
  private final double[] toView = new double[9];

  private final double[] viewOffset = new double[3];

  ShapeTransform(PinholeView view) {
    this.view = view;
  }

  /** Sets the transform for a unit mesh scaled by (sx, sy, sz) and placed at {@code pose}. */
  void set(Pose pose, double sx, double sy, double sz) {
    Rot3 r = pose.rotation();
    double[] scale = {sx, sy, sz};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rotation[3 * i + j] = r.get(i, j);
        world[3 * i + j] = r.get(i, j) * scale[j];
      }
    }
    Vec3 t = pose.translation();
    translation[0] = t.x();
    translation[1] = t.y();
    translation[2] = t.z();
    double[] v = view.rows;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        toView[3 * i + j] =
            v[3 * i] * world[j] + v[3 * i + 1] * world[3 + j] + v[3 * i + 2] * world[6 + j];
      }
    }
    double dx = t.x() - view.eyeX;
    double dy = t.y() - view.eyeY;
    double dz = t.z() - view.eyeZ;
    for (int i = 0; i < 3; i++) {
      viewOffset[i] = v[3 * i] * dx + v[3 * i + 1] * dy + v[3 * i + 2] * dz;
    }
  }

  /** Writes the view-space image of unit-mesh point (x, y, z) to {@code out[o..o+2]}. */
  void toView(double x, double y, double z, double[] out, int o) {
    double[] m = toView;
    out[o] = m[0] * x + m[1] * y + m[2] * z + viewOffset[0];
    out[o + 1] = m[3] * x + m[4] * y + m[5] * z + viewOffset[1];
    out[o + 2] = m[6] * x + m[7] * y + m[8] * z + viewOffset[2];
  }

  /** Writes the world image of unit-mesh point (x, y, z) to {@code out[o..o+2]}. */
  void toWorld(double x, double y, double z, double[] out, int o) {
    double[] m = world;
    out[o] = m[0] * x + m[1] * y + m[2] * z + translation[0];
    out[o + 1] = m[3] * x + m[4] * y + m[5] * z + translation[1];
    out[o + 2] = m[6] * x + m[7] * y + m[8] * z + translation[2];
  }

  /** World z of unit-mesh point (x, y, z). */
  double worldZ(double x, double y, double z) {
    return world[6] * x + world[7] * y + world[8] * z + translation[2];
  }

  /** Writes the view-space image of world point (x, y, z) to {@code out[o..o+2]}. */
  void worldToView(double x, double y, double z, double[] out, int o) {
    double[] v = view.rows;
    double dx = x - view.eyeX;
    double dy = y - view.eyeY;
    double dz = z - view.eyeZ;
    out[o] = v[0] * dx + v[1] * dy + v[2] * dz;
    out[o + 1] = v[3] * dx + v[4] * dy + v[5] * dz;
    out[o + 2] = v[6] * dx + v[7] * dy + v[8] * dz;
  }

  /** World z of the translation. */
  double translationZ() {
    return translation[2];
  }
}
