package dev.latentmpc.simharness.world;

import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.GripperModel;
import dev.latentmpc.simharness.arm.HandGeometry;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finger–object contact from above, as a pure function of poses: a finger that comes down onto a
 * loose object it does not straddle stops on the object's top.
 *
 * <p>The fingers straddle an object when, at the narrowest opening of the move, the object's extent
 * across the gap fits the opening and its centre lies in the gap (the {@link GraspRules} gap
 * tolerance included); then the fingers pass down beside it, as in a grasp. Otherwise a finger
 * whose pad lies over the object's footprint circle at the end of the move must end at or above the
 * object's top, provided it started there: contact is only from above, and a hand that is already
 * lower (beside or around the object) moves freely. Contact is checked at the end pose of a move,
 * not along its path.
 */
final class Contacts {
  /** A finger this close to an object's top (or above it) counts as above it. */
  private static final double ON_TOP_M = 1e-3;

  private Contacts() {}

  /**
   * How far the end of a move from {@code start} to {@code end} must be raised so that no finger
   * ends inside a loose object it came down onto (0 when none is in the way). The fingers are
   * checked at the start and at the end opening, since they sweep between the two during the move.
   *
   * @param start state at the start of the move
   * @param end state at the end of the move
   * @param loose the loose objects (not the held one)
   * @param gripper the gripper (opening per closedness)
   * @param rules grasp rules (the gap tolerance)
   * @return the raise, metres, ≥ 0
   */
  static double raiseNeeded(
      EeState start,
      EeState end,
      Collection<SimObject> loose,
      GripperModel gripper,
      GraspRules rules) {
    double startOpening = gripper.openingM(start.gripperClosedness());
    double endOpening = gripper.openingM(end.gripperClosedness());
    double narrowest = Math.min(startOpening, endOpening);
    double raise = 0;
    for (SimObject o : loose) {
      if (straddles(o, end.pose(), narrowest, rules)) {
        continue;
      }
      double top = o.topZ();
      // the fingers sweep from the start opening to the end opening: both may land on the object
      for (double opening : new double[] {startOpening, endOpening}) {
        for (HandGeometry.LocalBox finger : HandGeometry.fingers(opening)) {
          List<Vec3> corners = new ArrayList<>(8);
          HandGeometry.addCorners(finger, corners);
          boolean startedAbove = HandGeometry.lowestZ(start.pose(), corners) >= top - ON_TOP_M;
          if (startedAbove && over(o, end.pose().apply(finger.centerM()))) {
            raise = Math.max(raise, top - HandGeometry.lowestZ(end.pose(), corners));
          }
        }
      }
    }
    return Math.max(0, raise);
  }

  /** True when the object fits between the fingers at {@code openingM} and lies in the gap. */
  static boolean straddles(SimObject o, Pose tcp, double openingM, GraspRules rules) {
    double extent = o.extentAlong(tcp.rotation().column(1));
    if (extent > openingM) {
      return false;
    }
    double acrossGap = tcp.inverse().times(o.pose()).translation().y();
    return Math.abs(acrossGap) <= (openingM - extent) / 2 + rules.gapToleranceM();
  }

  /** True when a finger pad centred at {@code fingerM} overlaps the object's footprint circle. */
  private static boolean over(SimObject o, Vec3 fingerM) {
    Vec3 c = o.centerM();
    return Math.hypot(fingerM.x() - c.x(), fingerM.y() - c.y())
        < o.kind().footprintRadiusM() + HandGeometry.FINGER_HALF_WIDTH_M;
  }
}
