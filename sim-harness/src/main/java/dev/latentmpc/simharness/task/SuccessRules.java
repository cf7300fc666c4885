package dev.latentmpc.simharness.task;

import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.world.ObjectKind;
import dev.latentmpc.simharness.world.SimObject;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.OptionalDouble;

/**
 * The success checks of the four tasks, evaluated on a world's ground truth.
 *
 * <ul>
 *   <li>reach: end effector (TCP) within 4 cm of the target;
 *   <li>grasp: the task object held (the gripper closed on it between the pads);
 *   <li>reach-with-object: the task object held and the end effector within 4 cm of the target;
 *   <li>pick-and-place: the task object released (resting) with its bottom centre within 5 cm of
 *       the target on the table.
 * </ul>
 */
public final class SuccessRules {
  /** Reach tolerance, metres. */
  public static final double REACH_TOLERANCE_M = 0.04;

  /** Placement tolerance, metres. */
  public static final double PLACE_TOLERANCE_M = 0.05;

  private SuccessRules() {}

  /** True when the world meets the episode's success condition. */
  public static boolean isSuccess(Episode e, SimWorld w) {
    return switch (e.task()) {
      case REACH -> eeDistanceM(e, w) <= REACH_TOLERANCE_M;
      case GRASP -> holds(e, w);
      case REACH_WITH_OBJECT -> holds(e, w) && eeDistanceM(e, w) <= REACH_TOLERANCE_M;
      case PICK_AND_PLACE -> !holds(e, w) && placeDistanceM(e, w) <= PLACE_TOLERANCE_M;
    };
  }

  /**
   * The task's remaining distance: end effector to target (reach, reach-with-object); end effector
   * to the object's grasp point, zero once held (grasp); object bottom centre to the target
   * (pick-and-place).
   */
  public static double distanceM(Episode e, SimWorld w) {
    return switch (e.task()) {
      case REACH, REACH_WITH_OBJECT -> eeDistanceM(e, w);
      case GRASP ->
          holds(e, w)
              ? 0
              : w.state().positionM().minus(GoalConfigurations.graspPointM(object(e, w))).norm();
      case PICK_AND_PLACE -> placeDistanceM(e, w);
    };
  }

  /**
   * The distance (see {@link #distanceM}) within which the task counts as done: the reach tolerance
   * for reach and reach-with-object, the placement tolerance for pick-and-place; empty for grasp,
   * whose distance is 0 once the object is held.
   */
  public static OptionalDouble toleranceM(SimTask task) {
    return switch (task) {
      case REACH, REACH_WITH_OBJECT -> OptionalDouble.of(REACH_TOLERANCE_M);
      case GRASP -> OptionalDouble.empty();
      case PICK_AND_PLACE -> OptionalDouble.of(PLACE_TOLERANCE_M);
    };
  }

  /** True when the task object is held. */
  public static boolean holds(Episode e, SimWorld w) {
    return w.heldObject().filter(k -> k == e.objectKind()).isPresent();
  }

  private static double eeDistanceM(Episode e, SimWorld w) {
    return w.state().positionM().minus(e.targetM()).norm();
  }

  private static double placeDistanceM(Episode e, SimWorld w) {
    SimObject o = object(e, w);
    Vec3 bottomCentre = new Vec3(o.centerM().x(), o.centerM().y(), o.bottomZ());
    return bottomCentre.minus(e.targetM()).norm();
  }

  private static SimObject object(Episode e, SimWorld w) {
    ObjectKind k = e.objectKind();
    return w.object(k).orElseThrow(() -> new IllegalArgumentException("world has no " + k));
  }
}
