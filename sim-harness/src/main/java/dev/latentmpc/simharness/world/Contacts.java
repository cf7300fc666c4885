package dev.latentmpc.simharness.world;

import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.GripperModel;
import dev.latentmpc.simharness.arm.HandGeometry;
import dev.latentmpc.simharness.arm.MotionPlan;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finger–object contact from above, as a pure function of a planned move: a finger that comes down
 * onto a loose object the fingers do not straddle stops on the object's top.
 *
 * <p>The fingers straddle an object when its extent across the gap fits the opening and its centre
 * lies in the gap (the {@link GraspRules} gap tolerance included), judged at the end pose with the
 * wider of two openings: the one when the fingertips reach the object's top height (the gripper
 * moves on its own clock, so fingers closing during a fast descent may still be open there) and the
 * one at the end of the move (fingers that open while pressing on the top let the hand go on down,
 * as a blocking controller would once they clear). Otherwise a finger whose pad lies over the
 * object's footprint circle at the end of the move must end at or above the object's top, provided
 * it started there: contact is only from above, and a hand that is already lower (beside or around
 * the object) moves freely. The end pose is checked, not the path in between.
 */
final class Contacts {
  /** A finger this close to an object's top (or above it) counts as above it. */
  private static final double ON_TOP_M = 1e-3;

  /** Time samples along a move when looking for the moment the fingertips reach a height. */
  private static final int TIME_SAMPLES = 64;

  private Contacts() {}

  /**
   * How far the end of a planned move must be raised so that no finger ends inside a loose object
   * it came down onto (0 when none is in the way).
   *
   * @param plan the planned move
   * @param loose the loose objects (not the held one)
   * @param gripper the gripper (opening per closedness)
   * @param rules grasp rules (the gap tolerance)
   * @return the raise, metres, ≥ 0
   */
  static double raiseNeeded(
      MotionPlan plan, Collection<SimObject> loose, GripperModel gripper, GraspRules rules) {
    EeState start = plan.start();
    EeState end = plan.end();
    double startOpening = gripper.openingM(start.gripperClosedness());
    double endOpening = gripper.openingM(end.gripperClosedness());
    double raise = 0;
    for (SimObject o : loose) {
      double top = o.topZ();
      double atTop = gripper.openingM(closednessWhenTipsReach(plan, top, gripper));
      if (straddles(o, end.pose(), Math.max(atTop, endOpening), rules)) {
        continue;
      }
      // the fingers sweep from the start opening to the end opening: both may land on the object
      for (double opening : new double[] {startOpening, endOpening}) {
        for (HandGeometry.LocalBox finger : HandGeometry.fingers(opening)) {
          List<Vec3> corners = corners(finger);
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

  /**
   * The gripper closedness at the first sampled moment the fingertips are at or below {@code z}
   * (the end closedness when they never get there).
   */
  private static double closednessWhenTipsReach(MotionPlan plan, double z, GripperModel gripper) {
    double duration = plan.durationSeconds();
    for (int i = 0; i <= TIME_SAMPLES; i++) {
      EeState s = plan.stateAt(duration * i / TIME_SAMPLES);
      List<Vec3> tips = new ArrayList<>();
      for (HandGeometry.LocalBox f :
          HandGeometry.fingers(gripper.openingM(s.gripperClosedness()))) {
        tips.addAll(corners(f));
      }
      if (HandGeometry.lowestZ(s.pose(), tips) <= z + ON_TOP_M) {
        return s.gripperClosedness();
      }
    }
    return plan.end().gripperClosedness();
  }

  private static List<Vec3> corners(HandGeometry.LocalBox box) {
    List<Vec3> out = new ArrayList<>(8);
    HandGeometry.addCorners(box, out);
    return out;
  }

  /** True when a finger pad centred at {@code fingerM} overlaps the object's footprint circle. */
  private static boolean over(SimObject o, Vec3 fingerM) {
    Vec3 c = o.centerM();
    return Math.hypot(fingerM.x() - c.x(), fingerM.y() - c.y())
        < o.kind().footprintRadiusM() + HandGeometry.FINGER_HALF_WIDTH_M;
  }
}
