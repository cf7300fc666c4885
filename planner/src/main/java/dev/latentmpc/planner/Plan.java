package dev.latentmpc.planner;

import dev.latentmpc.worldmodel.ActionBatch;
import java.util.Arrays;
import java.util.Objects;

/**
 * The result of one {@link CemPlanner#plan} call: an action sequence and how it was obtained.
 *
 * <p>{@code actions} is the sampling mean after the last completed CEM iteration (rotation deltas
 * 0, small gripper values rounded to 0); the controller executes {@code actions[0]}. When no
 * iteration completed before the deadline, the actions are all zero, the hold action, and {@link
 * #isHold()} is true: an unevaluated mean (a warm start, say) is never returned.
 *
 * <p>The arrays are copied on the way in and out, so a plan is immutable; equality compares
 * contents.
 *
 * @param actions {@code [horizon][7]} actions: Δx, Δy, Δz [m], three rotation deltas [rad] (always
 *     0 from the planner), Δgripper closedness
 * @param eliteEnergy mean energy of the elites of the last completed iteration (not the energy of
 *     the returned mean, which would cost another world-model call); +∞ when fewer elites than
 *     {@code topK} had finite energies; NaN for the hold plan
 * @param completedIterations CEM iterations that completed, 0 to {@link CemConfig#iterations()}
 * @param deadlineReached whether the deadline stopped planning before all iterations ran
 * @param iterationNanos duration of each completed iteration on the planner's clock, {@code
 *     completedIterations} values
 * @param nonFiniteEnergies how many energies over all iterations were NaN or infinite
 */
public record Plan(
    float[][] actions,
    double eliteEnergy,
    int completedIterations,
    boolean deadlineReached,
    long[] iterationNanos,
    long nonFiniteEnergies) {

  /** Checks the shapes and copies the arrays. */
  public Plan {
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(iterationNanos, "iterationNanos");
    if (actions.length == 0) {
      throw new IllegalArgumentException("a plan needs at least one action");
    }
    actions = copy(actions);
    if (completedIterations < 0 || iterationNanos.length != completedIterations) {
      throw new IllegalArgumentException(
          "iterationNanos must hold completedIterations="
              + completedIterations
              + " values, got "
              + iterationNanos.length);
    }
    iterationNanos = iterationNanos.clone();
    if (completedIterations == 0 && !allZero(actions)) {
      throw new IllegalArgumentException("a plan without completed iterations must be all zeros");
    }
    if (nonFiniteEnergies < 0) {
      throw new IllegalArgumentException("nonFiniteEnergies must be >= 0: " + nonFiniteEnergies);
    }
  }

  /**
   * Returns the hold plan: {@code horizon} zero actions, no iteration completed.
   *
   * @param horizon number of actions
   * @param deadlineReached whether the deadline is the reason nothing completed
   */
  public static Plan hold(int horizon, boolean deadlineReached) {
    return new Plan(
        new float[horizon][ActionBatch.ACTION_DIM], Double.NaN, 0, deadlineReached, new long[0], 0);
  }

  /** Returns whether this is the hold plan: no iteration completed, all actions zero. */
  public boolean isHold() {
    return completedIterations == 0;
  }

  /** Returns the number of actions. */
  public int horizon() {
    return actions.length;
  }

  /** Returns a copy of the {@code [horizon][7]} actions. */
  @Override
  public float[][] actions() {
    return copy(actions);
  }

  /** Returns a copy of the first action, the one to execute now. */
  public float[] firstAction() {
    return actions[0].clone();
  }

  /** Returns component {@code component} of action {@code step}. */
  public float action(int step, int component) {
    return actions[step][component];
  }

  /** Returns a copy of the per-iteration durations [ns]. */
  @Override
  public long[] iterationNanos() {
    return iterationNanos.clone();
  }

  /** Returns the sum of the per-iteration durations [ns]. */
  public long totalIterationNanos() {
    return Arrays.stream(iterationNanos).sum();
  }

  private static float[][] copy(float[][] actions) {
    float[][] copy = new float[actions.length][];
    for (int step = 0; step < actions.length; step++) {
      if (actions[step].length != ActionBatch.ACTION_DIM) {
        throw new IllegalArgumentException(
            "action " + step + " must have 7 values, got " + actions[step].length);
      }
      copy[step] = actions[step].clone();
      for (float value : copy[step]) {
        if (!Float.isFinite(value)) {
          throw new IllegalArgumentException("action " + step + " is not finite");
        }
      }
    }
    return copy;
  }

  private static boolean allZero(float[][] actions) {
    for (float[] action : actions) {
      for (float value : action) {
        if (value != 0) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Plan that
        && Arrays.deepEquals(actions, that.actions)
        && Double.compare(eliteEnergy, that.eliteEnergy) == 0
        && completedIterations == that.completedIterations
        && deadlineReached == that.deadlineReached
        && Arrays.equals(iterationNanos, that.iterationNanos)
        && nonFiniteEnergies == that.nonFiniteEnergies;
  }

  @Override
  public int hashCode() {
    int hash = Arrays.deepHashCode(actions);
    hash = 31 * hash + Double.hashCode(eliteEnergy);
    hash = 31 * hash + completedIterations;
    hash = 31 * hash + Boolean.hashCode(deadlineReached);
    hash = 31 * hash + Arrays.hashCode(iterationNanos);
    return 31 * hash + Long.hashCode(nonFiniteEnergies);
  }

  @Override
  public String toString() {
    return "Plan[firstAction="
        + Arrays.toString(actions[0])
        + ", horizon="
        + actions.length
        + ", eliteEnergy="
        + eliteEnergy
        + ", completedIterations="
        + completedIterations
        + ", deadlineReached="
        + deadlineReached
        + ", nonFiniteEnergies="
        + nonFiniteEnergies
        + "]";
  }
}
