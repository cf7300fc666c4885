package dev.latentmpc.controller.task;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.loop.GoalProgress;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.controller.loop.SuccessCheck;

/**
 * A success test: the end effector within {@code toleranceM} of a target position (Euclidean, xyz),
 * checked on the state each move reached. The paper's reach criterion is 0.04 m.
 *
 * @param xM target x, metres
 * @param yM target y, metres
 * @param zM target z, metres
 * @param toleranceM success radius, metres, in (0, 0.5]
 */
public record ReachTarget(double xM, double yM, double zM, double toleranceM)
    implements SuccessCheck {

  /** Largest accepted tolerance, metres. */
  public static final double MAX_TOLERANCE_M = 0.5;

  /** Checks the values are finite and the tolerance within (0, 0.5]. */
  public ReachTarget {
    if (!Double.isFinite(xM) || !Double.isFinite(yM) || !Double.isFinite(zM)) {
      throw new IllegalArgumentException("target position must be finite");
    }
    if (!(toleranceM > 0 && toleranceM <= MAX_TOLERANCE_M)) {
      throw new IllegalArgumentException(
          "tolerance_m must be in (0, " + MAX_TOLERANCE_M + "], got " + toleranceM);
    }
  }

  /** Returns the distance from {@code state}'s position to the target, metres. */
  public double distanceM(ArmState state) {
    return Math.sqrt(square(state.xM() - xM) + square(state.yM() - yM) + square(state.zM() - zM));
  }

  /** Measures the state the step reached: within the tolerance is success. */
  @Override
  public GoalProgress assess(StepEvent event) {
    double distance = distanceM(event.armStateAfter());
    return GoalProgress.measured(distance <= toleranceM, distance);
  }

  private static double square(double value) {
    return value * value;
  }
}
