package dev.latentmpc.bench.closedloop;

import java.util.List;
import java.util.Optional;

/**
 * Why a benchmark episode failed, read from its recorded steps ({@code steps.csv}: the sim's ground
 * truth after every step, whether the task object was held, and the goal image each step planned
 * towards). Only episodes that did not succeed have a cause.
 *
 * <ul>
 *   <li>{@link #FAULT}: the task ended failed or cancelled (a fault, not a planning outcome);
 *   <li>{@link #NEVER_GRASPED} (grasp, pick-and-place): the object was held after none of the
 *       steps;
 *   <li>{@link #DROPPED_IN_CARRY}: reach-with-object: not held after the last step (released on the
 *       way); pick-and-place: held after some step and last released (held after one step, not
 *       after the next) by a step planning towards a goal image before the last, the placing one;
 *   <li>{@link #PLACED_OFF_TARGET} (pick-and-place): last released by a step planning towards the
 *       last goal image, the object resting more than the placement tolerance from the target;
 *   <li>{@link #TIMED_OUT}: the moves ran out with the task unfinished: reach: the hand still more
 *       than 4 cm from the target; reach-with-object: still held, the hand more than 4 cm from the
 *       target; pick-and-place: still held after the last step;
 *   <li>{@link #UNKNOWN}: the steps carry no ground truth (a service without the sim's scene).
 * </ul>
 */
public enum FailureCause {
  /** The object was never held. */
  NEVER_GRASPED("never grasped"),
  /** The object was released before the placing goal (or on the way, reach-with-object). */
  DROPPED_IN_CARRY("dropped in carry"),
  /** Released towards the placing goal, off the target. */
  PLACED_OFF_TARGET("placed off target"),
  /** The moves ran out. */
  TIMED_OUT("timed out"),
  /** A fault or cancellation ended the task. */
  FAULT("fault"),
  /** No ground truth recorded. */
  UNKNOWN("unknown");

  private final String label;

  FailureCause(String label) {
    this.label = label;
  }

  /** The cause as the report prints it, e.g. {@code never grasped}. */
  public String label() {
    return label;
  }

  /** The cause as a CSV column name, e.g. {@code never_grasped}. */
  public String column() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The cause of {@code r}'s failure; empty when it succeeded. */
  public static Optional<FailureCause> of(EpisodeResult r) {
    if (r.succeeded()) {
      return Optional.empty();
    }
    if (!r.status().equals("completed")) {
      return Optional.of(FAULT);
    }
    List<StepSample> steps = r.steps();
    boolean needsScene = r.task() != dev.latentmpc.simharness.task.SimTask.REACH;
    if (needsScene && steps.stream().anyMatch(s -> s.held() < 0)) {
      return Optional.of(UNKNOWN);
    }
    boolean heldAtEnd = !steps.isEmpty() && steps.get(steps.size() - 1).held() == 1;
    boolean everHeld = steps.stream().anyMatch(s -> s.held() == 1);
    return Optional.of(
        switch (r.task()) {
          case REACH -> TIMED_OUT;
          case GRASP -> everHeld ? DROPPED_IN_CARRY : NEVER_GRASPED;
          case REACH_WITH_OBJECT -> heldAtEnd || steps.isEmpty() ? TIMED_OUT : DROPPED_IN_CARRY;
          case PICK_AND_PLACE -> pickAndPlace(r, everHeld, heldAtEnd);
        });
  }

  private static FailureCause pickAndPlace(EpisodeResult r, boolean everHeld, boolean heldAtEnd) {
    if (!everHeld) {
      return NEVER_GRASPED;
    }
    if (heldAtEnd) {
      return TIMED_OUT;
    }
    List<StepSample> steps = r.steps();
    int lastRelease = -1;
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i - 1).held() == 1 && steps.get(i).held() == 0) {
        lastRelease = i;
      }
    }
    int placingImage = r.row().goalImages().stream().mapToInt(Integer::intValue).max().orElse(0);
    return r.imageOf(steps.get(lastRelease)) < placingImage ? DROPPED_IN_CARRY : PLACED_OFF_TARGET;
  }
}
