package dev.latentmpc.controller.loop;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a {@link SuccessCheck} found after one step: whether the task has succeeded, and how far it
 * still is from its goal where the check can measure that.
 *
 * @param succeeded whether the task's success condition holds
 * @param distanceM distance left to the goal, metres, finite and ≥ 0; empty when unknown
 */
public record GoalProgress(boolean succeeded, OptionalDouble distanceM) {

  /** Nothing known: not succeeded, no distance (a check without ground truth). */
  public static final GoalProgress UNKNOWN = new GoalProgress(false, OptionalDouble.empty());

  /** Checks the distance is finite and not negative. */
  public GoalProgress {
    Objects.requireNonNull(distanceM, "distanceM");
    if (distanceM.isPresent()
        && !(Double.isFinite(distanceM.getAsDouble()) && distanceM.getAsDouble() >= 0)) {
      throw new IllegalArgumentException(
          "distanceM must be finite and >= 0, got " + distanceM.getAsDouble());
    }
  }

  /** Returns a progress with a measured distance. */
  public static GoalProgress measured(boolean succeeded, double distanceM) {
    return new GoalProgress(succeeded, OptionalDouble.of(distanceM));
  }
}
