package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built scenes for renderer tests and the benchmark: a table, an arm-like chain of cylinders
 * and boxes, a red cube and a blue cup, independent of the simulated world's code.
 */
final class TestScenes {
  static final Rgb TABLE = new Rgb(176, 142, 102);
  static final Rgb WHITE = new Rgb(228, 228, 224);
  static final Rgb DARK = new Rgb(70, 70, 74);
  static final Rgb RED = new Rgb(200, 30, 30);
  static final Rgb BLUE = new Rgb(30, 70, 200);

  private TestScenes() {}

  /** The table: 1.0 × 1.4 m, 4 cm thick, top at z = 0, centred under the workspace. */
  static Shape.Box table() {
    return new Shape.Box(Pose.at(new Vec3(0.45, 0, -0.02)), new Vec3(0.55, 0.7, 0.02), TABLE);
  }

  /** A table, an arm reaching down over the workspace (16 primitives), a cube and a cup. */
  static List<Shape> workspace() {
    List<Shape> s = new ArrayList<>();
    s.add(table());
    s.add(cylinder(new Vec3(0, 0, 0), new Vec3(0, 0, 0.14), 0.075, DARK));
    Vec3 shoulder = new Vec3(0, 0, 0.333);
    Vec3 elbow = new Vec3(0.25, 0.05, 0.62);
    Vec3 wrist = new Vec3(0.5, 0.06, 0.34);
    Vec3 flange = new Vec3(0.52, 0.06, 0.22);
    s.add(cylinder(new Vec3(0, 0, 0.14), shoulder, 0.06, WHITE));
    s.add(jointAt(shoulder, new Vec3(0, 1, 0), 0.065, DARK));
    s.add(cylinder(shoulder, elbow, 0.055, WHITE));
    s.add(jointAt(elbow, new Vec3(0, 1, 0), 0.06, DARK));
    s.add(cylinder(elbow, wrist, 0.05, WHITE));
    s.add(jointAt(wrist, new Vec3(0, 1, 0), 0.055, DARK));
    s.add(cylinder(wrist, flange, 0.045, WHITE));
    s.add(new Shape.Sphere(wrist.plus(new Vec3(0, 0, 0.05)), 0.03, DARK));
    s.add(new Shape.Box(Pose.at(new Vec3(0.52, 0.06, 0.19)), new Vec3(0.03, 0.1, 0.03), WHITE));
    s.add(new Shape.Box(Pose.at(new Vec3(0.52, 0.1, 0.135)), new Vec3(0.01, 0.01, 0.025), DARK));
    s.add(new Shape.Box(Pose.at(new Vec3(0.52, 0.02, 0.135)), new Vec3(0.01, 0.01, 0.025), DARK));
    s.add(cylinder(new Vec3(-0.1, -0.2, 0), new Vec3(-0.1, -0.2, 0.05), 0.04, DARK));
    s.add(new Shape.Box(Pose.at(new Vec3(-0.1, 0.25, 0.03)), new Vec3(0.06, 0.04, 0.03), DARK));
    s.add(
        new Shape.Box(
            new Pose(Rot3.fromEulerXyz(0, 0, 0.3), new Vec3(0.45, 0.18, 0.025)),
            new Vec3(0.025, 0.025, 0.025),
            RED));
    s.add(cup(new Vec3(0.62, -0.14, 0)));
    return List.copyOf(s);
  }

  /** A blue cup: a cylinder standing on {@code base}. */
  static Shape.Cylinder cup(Vec3 base) {
    return new Shape.Cylinder(Pose.at(base.plus(new Vec3(0, 0, 0.05))), 0.04, 0.05, BLUE);
  }

  /** A cylinder from {@code a} to {@code b}. */
  static Shape.Cylinder cylinder(Vec3 a, Vec3 b, double radiusM, Rgb color) {
    Vec3 d = b.minus(a);
    Vec3 z = new Vec3(0, 0, 1);
    Vec3 axis = z.cross(d);
    double angle = Math.atan2(axis.norm(), z.dot(d));
    Rot3 r = axis.norm() < 1e-12 ? Rot3.IDENTITY : Rot3.axisAngle(axis, angle);
    return new Shape.Cylinder(new Pose(r, a.plus(b).times(0.5)), radiusM, d.norm() / 2, color);
  }

  /** A short joint housing at {@code center} along {@code axis}. */
  static Shape.Cylinder jointAt(Vec3 center, Vec3 axis, double radiusM, Rgb color) {
    Vec3 h = axis.normalized().times(radiusM * 1.1);
    return cylinder(center.minus(h), center.plus(h), radiusM, color);
  }
}
