package dev.latentmpc.bench.closedloop;

import dev.latentmpc.simharness.task.SimTask;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark episode: how it ended and its steps.
 *
 * @param task the task
 * @param index 0-based index of the episode within its task
 * @param seed the episode's seed (scene and planner)
 * @param status the outcome's status ({@code succeeded}, {@code completed}, {@code cancelled},
 *     {@code failed})
 * @param reason the outcome's reason; empty if none
 * @param initialDistanceM the task's distance to its goal before the first step, metres
 * @param steps the steps in order
 * @param wallSeconds wall time of the episode (scene reset to outcome)
 * @param row the benchmark row the episode belongs to (gripper control and schedule)
 */
public record EpisodeResult(
    SimTask task,
    int index,
    long seed,
    String status,
    String reason,
    double initialDistanceM,
    List<StepSample> steps,
    double wallSeconds,
    EpisodePlan row) {

  /** Checks nothing is null and copies the steps. */
  public EpisodeResult {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(row, "row");
    steps = List.copyOf(steps);
  }

  /** The goal image (index into the episode's goal images) a step planned towards. */
  public int imageOf(StepSample step) {
    return row.goalImages().get(Math.min(step.subgoalIndex(), row.goalImages().size() - 1));
  }

  /** Whether the service reported the task as succeeded (the sim's success check held). */
  public boolean succeeded() {
    return status.equals("succeeded");
  }

  /** The distance after the last step (before the first when there was none), metres. */
  public double finalDistanceM() {
    return steps.isEmpty() ? initialDistanceM : steps.get(steps.size() - 1).distanceM();
  }

  /** The planning time of every step that planned, seconds. */
  public double[] planSeconds() {
    return steps.stream()
        .filter(s -> Double.isFinite(s.energy()))
        .mapToDouble(StepSample::planSeconds)
        .toArray();
  }

  /** The {@code p}-th percentile of {@link #planSeconds()}; NaN when no step planned. */
  public double planPercentileSeconds(double p) {
    return Stats.percentile(planSeconds(), p);
  }

  /**
   * The distance before the first step and after each step, then held at its last value up to
   * {@code length} entries (an episode that ended stays where it ended).
   */
  public double[] distanceTrace(int length) {
    double[] trace = new double[length];
    double last = initialDistanceM;
    for (int i = 0; i < length; i++) {
      if (i > 0 && i <= steps.size()) {
        last = steps.get(i - 1).distanceM();
      }
      trace[i] = last;
    }
    return trace;
  }
}
