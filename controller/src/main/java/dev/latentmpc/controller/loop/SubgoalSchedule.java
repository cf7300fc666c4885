package dev.latentmpc.controller.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * When to move from one goal image to the next.
 *
 * <p>Every goal g has a step limit {@code maxStepsPerGoal[g]}: after that many moves on it the
 * schedule switches. With an {@code energyThreshold}, it also switches as soon as a step's energy
 * falls below the threshold. That energy is the plan's elite energy, the energy the CEM elites
 * predicted for the state after the executed action, so the switch takes effect from the next step.
 * A step that held (stale frame, no plan) does not count and cannot switch. After the last goal's
 * switch the schedule is finished.
 *
 * <p>{@link #pickAndPlace()} is the paper's pick-and-place schedule: 4, 10 and 4 steps on the
 * grasp, near-target and final goal images.
 *
 * @param maxStepsPerGoal step limit per goal, in goal order; not empty, each ≥ 1
 * @param energyThreshold switch below this energy; empty for fixed step counts only
 */
public record SubgoalSchedule(List<Integer> maxStepsPerGoal, OptionalDouble energyThreshold) {

  /** Validates and copies the step limits. */
  public SubgoalSchedule {
    Objects.requireNonNull(maxStepsPerGoal, "maxStepsPerGoal");
    Objects.requireNonNull(energyThreshold, "energyThreshold");
    maxStepsPerGoal = List.copyOf(maxStepsPerGoal);
    List<String> errors = new ArrayList<>();
    if (maxStepsPerGoal.isEmpty()) {
      errors.add("at least one goal is needed");
    }
    for (int g = 0; g < maxStepsPerGoal.size(); g++) {
      if (maxStepsPerGoal.get(g) < 1) {
        errors.add("goal " + g + " needs a step limit >= 1, got " + maxStepsPerGoal.get(g));
      }
    }
    if (energyThreshold.isPresent() && !Double.isFinite(energyThreshold.getAsDouble())) {
      errors.add("energy threshold must be finite, got " + energyThreshold.getAsDouble());
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid SubgoalSchedule: " + String.join("; ", errors));
    }
  }

  /** Returns a schedule of fixed step counts, one per goal. */
  public static SubgoalSchedule fixedSteps(int... stepsPerGoal) {
    return new SubgoalSchedule(box(stepsPerGoal), OptionalDouble.empty());
  }

  /**
   * Returns a schedule that switches when the energy falls below {@code threshold} or at the step
   * limit, whichever comes first.
   */
  public static SubgoalSchedule energyThreshold(double threshold, int... maxStepsPerGoal) {
    return new SubgoalSchedule(box(maxStepsPerGoal), OptionalDouble.of(threshold));
  }

  /** Returns the paper's pick-and-place schedule: 4, 10 and 4 steps on three goals. */
  public static SubgoalSchedule pickAndPlace() {
    return fixedSteps(4, 10, 4);
  }

  private static List<Integer> box(int[] steps) {
    Objects.requireNonNull(steps, "steps");
    List<Integer> boxed = new ArrayList<>(steps.length);
    for (int step : steps) {
      boxed.add(step);
    }
    return boxed;
  }

  /** Returns the number of goals. */
  public int goals() {
    return maxStepsPerGoal.size();
  }

  /** Returns the most moves an episode can take, the sum of the step limits. */
  public int maxTotalSteps() {
    return maxStepsPerGoal.stream().mapToInt(Integer::intValue).sum();
  }

  /** Returns the cursor at the first goal, before any step. */
  public ScheduleCursor start() {
    return new ScheduleCursor(0, 0, false, SubgoalSwitch.NONE);
  }

  /**
   * Returns the cursor after one more move on the current goal.
   *
   * @param cursor where the schedule stands; not finished
   * @param energy the step's elite energy; NaN never switches on the threshold
   */
  public ScheduleCursor advance(ScheduleCursor cursor, double energy) {
    Objects.requireNonNull(cursor, "cursor");
    if (cursor.finished()) {
      throw new IllegalStateException("the schedule has finished");
    }
    int steps = cursor.stepsOnGoal() + 1;
    SubgoalSwitch reason = SubgoalSwitch.NONE;
    if (energyThreshold.isPresent() && energy < energyThreshold.getAsDouble()) {
      reason = SubgoalSwitch.ENERGY_THRESHOLD;
    } else if (steps >= maxStepsPerGoal.get(cursor.goalIndex())) {
      reason = SubgoalSwitch.STEP_LIMIT;
    }
    if (reason == SubgoalSwitch.NONE) {
      return new ScheduleCursor(cursor.goalIndex(), steps, false, reason);
    }
    boolean last = cursor.goalIndex() == goals() - 1;
    int next = last ? cursor.goalIndex() : cursor.goalIndex() + 1;
    return new ScheduleCursor(next, last ? steps : 0, last, reason);
  }
}
