package dev.latentmpc.controller.loop;

import java.util.Objects;

/**
 * Where an episode stands in its {@link SubgoalSchedule}; immutable, produced by {@link
 * SubgoalSchedule#start()} and {@link SubgoalSchedule#advance}.
 *
 * @param goalIndex the current goal (the last one once finished)
 * @param stepsOnGoal moves made on the current goal
 * @param finished whether the last goal has been switched away from
 * @param lastSwitch what the last advance did
 */
public record ScheduleCursor(
    int goalIndex, int stepsOnGoal, boolean finished, SubgoalSwitch lastSwitch) {

  /** Checks the counters are not negative. */
  public ScheduleCursor {
    Objects.requireNonNull(lastSwitch, "lastSwitch");
    if (goalIndex < 0 || stepsOnGoal < 0) {
      throw new IllegalArgumentException(
          "goalIndex and stepsOnGoal must be >= 0, got " + goalIndex + ", " + stepsOnGoal);
    }
  }
}
