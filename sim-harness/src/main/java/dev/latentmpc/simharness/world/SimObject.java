package dev.latentmpc.simharness.world;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An object and its pose (the pose's origin is the object's centre; its z axis is the object's up).
 *
 * @param kind which object
 * @param pose centre and orientation in the world
 */
public record SimObject(ObjectKind kind, Pose pose) {
  private static final int CUP_RING_POINTS = 12;

  /** Checks the parts are present and finite. */
  public SimObject {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(pose, "pose is null");
    if (!pose.translation().isFinite()) {
      throw new IllegalArgumentException("object position must be finite: " + pose.translation());
    }
  }

  /**
   * An upright object standing on a surface.
   *
   * @param kind which object
   * @param x centre x, metres
   * @param y centre y, metres
   * @param surfaceZ height of the surface it stands on
   * @param yawRad rotation about the world z axis
   * @return the object
   */
  public static SimObject standing(
      ObjectKind kind, double x, double y, double surfaceZ, double yawRad) {
    Rot3 r = Rot3.axisAngle(new Vec3(0, 0, 1), yawRad);
    return new SimObject(kind, new Pose(r, new Vec3(x, y, surfaceZ + kind.heightM() / 2)));
  }

  /** Centre, metres. */
  public Vec3 centerM() {
    return pose.translation();
  }

  /** Points on the object's hull in its own frame (cube corners; cup rim and base rings). */
  public List<Vec3> hullPointsLocal() {
    double h = kind.heightM() / 2;
    double r = kind.widthM() / 2;
    List<Vec3> out = new ArrayList<>();
    if (kind == ObjectKind.CUBE) {
      for (int i = 0; i < 8; i++) {
        out.add(new Vec3((i & 1) == 0 ? -r : r, (i & 2) == 0 ? -r : r, (i & 4) == 0 ? -h : h));
      }
      return out;
    }
    for (int i = 0; i < CUP_RING_POINTS; i++) {
      double a = 2 * Math.PI * i / CUP_RING_POINTS;
      out.add(new Vec3(r * Math.cos(a), r * Math.sin(a), -h));
      out.add(new Vec3(r * Math.cos(a), r * Math.sin(a), h));
    }
    return out;
  }

  /** Hull points in the world. */
  public List<Vec3> hullPointsM() {
    return hullPointsLocal().stream().map(pose::apply).toList();
  }

  /** Lowest world z of the object. */
  public double bottomZ() {
    return hullPointsM().stream().mapToDouble(Vec3::z).min().orElseThrow();
  }

  /** Highest world z of the object. */
  public double topZ() {
    return hullPointsM().stream().mapToDouble(Vec3::z).max().orElseThrow();
  }

  /** Yaw of the object's x axis about the world z axis, radians. */
  public double yawRad() {
    Vec3 x = pose.rotation().column(0);
    return Math.atan2(x.y(), x.x());
  }

  /** Extent of the object along a world direction (the width the fingers must span). */
  public double extentAlong(Vec3 directionM) {
    Vec3 d = directionM.normalized();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Vec3 p : hullPointsM()) {
      lo = Math.min(lo, p.dot(d));
      hi = Math.max(hi, p.dot(d));
    }
    return hi - lo;
  }

  /** True when the world point's xy lies over the object's footprint (upright objects). */
  public boolean footprintContains(double x, double y) {
    Vec3 local = pose.inverse().apply(new Vec3(x, y, centerM().z()));
    double r = kind.widthM() / 2;
    if (kind == ObjectKind.CUBE) {
      return Math.abs(local.x()) <= r && Math.abs(local.y()) <= r;
    }
    return Math.hypot(local.x(), local.y()) <= r;
  }

  /** A copy at another pose. */
  public SimObject withPose(Pose p) {
    return new SimObject(kind, p);
  }
}
