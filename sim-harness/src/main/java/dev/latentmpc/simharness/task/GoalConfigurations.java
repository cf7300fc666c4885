package dev.latentmpc.simharness.task;

import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.world.SimObject;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.List;

/**
 * The goal configurations of an episode, for rendering goal images. The hand keeps the start
 * orientation throughout (as the oracle and the paper's planner, which samples no rotations).
 *
 * <ul>
 *   <li>reach: the end effector at the target;
 *   <li>grasp: the object grasped where it stands (hand closed around it at its grasp point);
 *   <li>reach-with-object: the object held, the end effector at the target;
 *   <li>pick-and-place, the paper's three sub-goals: "grasped" (as the grasp goal: "the object
 *       being grasped"), "near-target" (held, 10 cm above the target), "placed" (resting on the
 *       target, gripper open, hand 8 cm above its grasp point).
 * </ul>
 */
public final class GoalConfigurations {
  /** How high a carried object is lifted (near-target goal, reach-with-object start), metres. */
  public static final double LIFT_HEIGHT_M = 0.10;

  /** How far the open hand retreats above a placed object, metres. */
  public static final double RETREAT_M = 0.08;

  private GoalConfigurations() {}

  /** Names of the goal images per task ("goal", or the three pick-and-place sub-goals). */
  public static List<String> names(SimTask task) {
    return task == SimTask.PICK_AND_PLACE
        ? List.of("grasped", "near-target", "placed")
        : List.of("goal");
  }

  /**
   * The goal worlds of an episode, built from its start world (which is not modified).
   *
   * @param e the episode
   * @param start the episode's start world (any arm settings)
   * @return one world, or three for pick-and-place
   */
  public static List<SimWorld> of(Episode e, SimWorld start) {
    return switch (e.task()) {
      case REACH -> {
        SimWorld w = start.copy();
        w.teleportArm(e.start().withPosition(e.targetM()));
        yield List.of(w);
      }
      case GRASP -> List.of(grasped(e, start));
      case REACH_WITH_OBJECT -> {
        SimWorld w = start.copy(); // the start holds the object
        w.teleportArm(w.state().withPosition(e.targetM()));
        yield List.of(w);
      }
      case PICK_AND_PLACE -> List.of(grasped(e, start), nearTarget(e, start), placed(e, start));
    };
  }

  /** Where the TCP goes to grasp an object: its centre. */
  public static Vec3 graspPointM(SimObject o) {
    return o.centerM();
  }

  private static SimWorld grasped(Episode e, SimWorld start) {
    SimWorld w = start.copy();
    graspWhereItStands(w, e.start(), e.object());
    return w;
  }

  /**
   * Puts the closed hand (orientation of {@code hand}) at the object's grasp point and makes the
   * object held there.
   */
  static void graspWhereItStands(SimWorld w, EeState hand, SimObject o) {
    w.teleportArm(hand.withPosition(graspPointM(o)).withGripper(1));
    w.attach(o.kind());
  }

  private static SimWorld nearTarget(Episode e, SimWorld start) {
    SimWorld w = grasped(e, start);
    Vec3 above = placedGraspPoint(e).plus(new Vec3(0, 0, LIFT_HEIGHT_M));
    w.teleportArm(w.state().withPosition(above));
    return w;
  }

  private static SimWorld placed(Episode e, SimWorld start) {
    SimWorld w = start.copy();
    Vec3 t = e.targetM();
    w.placeObject(e.objectKind(), t.x(), t.y(), e.object().yawRad());
    Vec3 retreat = placedGraspPoint(e).plus(new Vec3(0, 0, RETREAT_M));
    w.teleportArm(new EeState(retreat, e.start().rotation(), 0));
    return w;
  }

  /** The TCP grasp point of the object standing on the target. */
  private static Vec3 placedGraspPoint(Episode e) {
    Vec3 t = e.targetM();
    return new Vec3(t.x(), t.y(), t.z() + e.objectKind().heightM() / 2);
  }
}
