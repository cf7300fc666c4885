package dev.latentmpc.simharness.world;

import dev.latentmpc.simharness.arm.HandGeometry;
import dev.latentmpc.simharness.arm.HandGeometry.LocalBox;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.render.Rgb;
import dev.latentmpc.simharness.render.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the shapes of a scene: table, robot base, link cylinders between the kinematic frames,
 * joint housings, hand, fingers, objects and the target marker, each kind in its own colour.
 */
public final class SceneShapes {
  /** Table top colour. */
  public static final Rgb TABLE = new Rgb(176, 142, 104);

  /** Robot link colour (the Panda's white). */
  public static final Rgb LINK = new Rgb(232, 232, 228);

  /** Joint housing and base colour. */
  public static final Rgb JOINT = new Rgb(72, 74, 80);

  /** Hand colour. */
  public static final Rgb HAND = new Rgb(205, 208, 212);

  /** Finger colour. */
  public static final Rgb FINGER = new Rgb(40, 40, 44);

  /** Target marker colour. */
  public static final Rgb MARKER = new Rgb(40, 200, 70);

  private static final double LINK_RADIUS_M = 0.05;
  private static final double JOINT_RADIUS_M = 0.058;
  private static final double JOINT_HALF_LENGTH_M = 0.06;

  private SceneShapes() {}

  /** Shapes of {@code world} with the arm drawn from {@code frames} (see PandaKinematics). */
  static List<Shape> build(SimWorld world, Pose[] frames) {
    List<Shape> out = new ArrayList<>();
    double tableZ = world.tableZ();
    out.add(
        new Shape.Box(Pose.at(new Vec3(0.4, 0, tableZ - 0.025)), new Vec3(0.8, 0.9, 0.025), TABLE));
    out.add(new Shape.Cylinder(Pose.at(new Vec3(0, 0, tableZ + 0.07)), 0.11, 0.07, JOINT));
    addArm(out, frames);
    Pose tcp = frames[frames.length - 1];
    addBox(out, tcp, HandGeometry.housing(), HAND);
    for (LocalBox f : HandGeometry.fingers(world.fingerOpeningM())) {
      addBox(out, tcp, f, FINGER);
    }
    for (SimObject o : world.objects()) {
      addObject(out, o);
    }
    world.targetMarkerM().ifPresent(p -> out.add(new Shape.Sphere(p, 0.015, MARKER)));
    return out;
  }

  private static void addArm(List<Shape> out, Pose[] frames) {
    // frames: 0 base, 1..7 joints, 8 flange, 9 TCP
    for (int i = 0; i < 8; i++) {
      addSegment(out, frames[i].translation(), frames[i + 1].translation(), LINK_RADIUS_M, LINK);
    }
    for (int i = 1; i <= 7; i++) {
      out.add(new Shape.Cylinder(frames[i], JOINT_RADIUS_M, JOINT_HALF_LENGTH_M, JOINT));
    }
  }

  private static void addSegment(List<Shape> out, Vec3 a, Vec3 b, double radius, Rgb color) {
    Vec3 d = b.minus(a);
    double len = d.norm();
    if (len < 1e-3) {
      return;
    }
    Pose pose = new Pose(alignZ(d.times(1 / len)), a.plus(d.times(0.5)));
    out.add(new Shape.Cylinder(pose, radius, len / 2, color));
  }

  private static void addBox(List<Shape> out, Pose frame, LocalBox b, Rgb color) {
    out.add(new Shape.Box(frame.times(Pose.at(b.centerM())), b.halfExtentsM(), color));
  }

  private static void addObject(List<Shape> out, SimObject o) {
    ObjectKind k = o.kind();
    double r = k.widthM() / 2;
    if (k == ObjectKind.CUBE) {
      out.add(new Shape.Box(o.pose(), new Vec3(r, r, r), k.color()));
      return;
    }
    out.add(new Shape.Cylinder(o.pose(), r, k.heightM() / 2, k.color()));
    Pose handle = o.pose().times(Pose.at(new Vec3(r + 0.01, 0, 0)));
    out.add(new Shape.Box(handle, new Vec3(0.011, 0.005, 0.022), k.color()));
  }

  /** A rotation whose z axis is the unit vector {@code d}. */
  static Rot3 alignZ(Vec3 d) {
    Vec3 a = Math.abs(d.x()) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
    Vec3 x = a.minus(d.times(a.dot(d))).normalized();
    Vec3 y = d.cross(x);
    return Rot3.ofRows(x.x(), y.x(), d.x(), x.y(), y.y(), d.y(), x.z(), y.z(), d.z());
  }
}
