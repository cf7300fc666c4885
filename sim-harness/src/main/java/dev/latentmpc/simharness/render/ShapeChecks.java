package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;

/** Rejects shapes the renderer cannot draw, with a message naming the shape. */
final class ShapeChecks {
  private ShapeChecks() {}

  /**
   * Checks one shape of a scene.
   *
   * @param shape the shape
   * @param index its position in the scene list, for the message
   * @throws IllegalArgumentException when it is null, has no colour, a non-finite pose or a
   *     negative or non-finite size
   */
  static void check(Shape shape, int index) {
    if (shape == null) {
      throw new IllegalArgumentException("shape " + index + " is null");
    }
    if (shape.color() == null) {
      throw new IllegalArgumentException("shape " + index + " has no colour: " + shape);
    }
    boolean ok =
        switch (shape) {
          case Shape.Box b ->
              finite(b.pose())
                  && b.halfExtentsM() != null
                  && size(b.halfExtentsM().x())
                  && size(b.halfExtentsM().y())
                  && size(b.halfExtentsM().z());
          case Shape.Cylinder c -> finite(c.pose()) && size(c.radiusM()) && size(c.halfLengthM());
          case Shape.Sphere s -> s.centerM() != null && s.centerM().isFinite() && size(s.radiusM());
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "shape " + index + " needs a finite pose and finite non-negative sizes: " + shape);
    }
  }

  private static boolean finite(Pose pose) {
    if (pose == null || !pose.translation().isFinite()) {
      return false;
    }
    Rot3 r = pose.rotation();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        if (!Double.isFinite(r.get(i, j))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean size(double m) {
    return m >= 0 && m < Double.POSITIVE_INFINITY;
  }
}
