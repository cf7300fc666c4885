package dev.latentmpc.simharness.world;

import dev.latentmpc.simharness.arm.HandGeometry;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.Collection;
import java.util.Optional;

/** The grasp and drop rules as pure functions of poses (see {@link GraspRules}). */
final class Grasping {
  private Grasping() {}

  /**
   * The object's pose in the TCP frame if the closing fingers catch it, centred across the gap
   * (parallel fingers push the object to the middle) unless that would push it into the table.
   */
  static Optional<Pose> graspedPoseInTcp(
      SimObject o, Pose tcp, double openingBeforeM, GraspRules rules, double tableZ) {
    double extent = o.extentAlong(tcp.rotation().column(1));
    if (extent > openingBeforeM) {
      return Optional.empty();
    }
    Pose inTcp = tcp.inverse().times(o.pose());
    Vec3 c = inTcp.translation();
    boolean between =
        Math.abs(c.x()) <= rules.lateralToleranceM()
            && Math.abs(c.y()) <= (openingBeforeM - extent) / 2 + rules.gapToleranceM()
            && c.z() >= HandGeometry.PALM_Z_M
            && c.z() <= HandGeometry.FINGERTIP_Z_M + rules.depthToleranceM();
    if (!between) {
      return Optional.empty();
    }
    Pose centred = new Pose(inTcp.rotation(), new Vec3(c.x(), 0, c.z()));
    boolean centredClearsTable = new SimObject(o.kind(), tcp.times(centred)).bottomZ() >= tableZ;
    return Optional.of(centredClearsTable ? centred : inTcp);
  }

  /**
   * Where a released (or unsupported) object comes to rest: upright, its yaw kept, on the highest
   * surface below it under its centre (the table or the top of a loose object lower down); if it
   * would overlap another object without resting on it, it is pushed sideways until their footprint
   * circles touch.
   */
  static SimObject settle(SimObject o, Collection<SimObject> others, double tableZ) {
    double x = o.centerM().x();
    double y = o.centerM().y();
    double surface = tableZ;
    double bottom = o.bottomZ();
    for (SimObject other : others) {
      // only an object below can carry this one (never two objects on each other)
      if (other.topZ() <= bottom + 1e-9 && other.footprintContains(x, y)) {
        surface = Math.max(surface, other.topZ());
      }
    }
    if (surface == tableZ) {
      for (SimObject other : others) {
        Vec3 away = new Vec3(x - other.centerM().x(), y - other.centerM().y(), 0);
        double need = o.kind().footprintRadiusM() + other.kind().footprintRadiusM();
        double dist = away.norm();
        if (dist < need && other.bottomZ() < tableZ + o.kind().heightM()) {
          Vec3 dir = dist > 1e-9 ? away.times(1 / dist) : new Vec3(1, 0, 0);
          x = other.centerM().x() + dir.x() * need;
          y = other.centerM().y() + dir.y() * need;
        }
      }
    }
    return SimObject.standing(o.kind(), x, y, surface, o.yawRad());
  }

  /** True when an upright object rests exactly on some surface (table or another object). */
  static boolean isResting(SimObject o, Collection<SimObject> others, double tableZ) {
    SimObject settled = settle(o, others, tableZ);
    return settled.centerM().minus(o.centerM()).norm() < 1e-9
        && o.pose().rotation().column(2).z() > 1 - 1e-9;
  }
}
