package dev.latentmpc.deploy.bench;

import dev.latentmpc.simharness.task.TaskKind;
import java.util.Arrays;
import java.util.List;

/**
 * One task's row of the benchmark table.
 *
 * @param task the task
 * @param episodes episodes run
 * @param successes episodes the service reported as succeeded
 * @param finalDistanceMeanM mean final distance to the goal, metres
 * @param finalDistanceMedianM median final distance, metres
 * @param stepsMean mean control steps per episode
 * @param planP50Seconds median CEM planning time per action, over every action of the task
 * @param planP95Seconds 95th percentile of the same
 * @param wallSeconds wall time of all the task's episodes
 */
public record TaskSummary(
    TaskKind task,
    int episodes,
    int successes,
    double finalDistanceMeanM,
    double finalDistanceMedianM,
    double stepsMean,
    double planP50Seconds,
    double planP95Seconds,
    double wallSeconds) {

  /** Summarises the episodes of one task. */
  public static TaskSummary of(TaskKind task, List<EpisodeResult> results) {
    double[] finals = results.stream().mapToDouble(EpisodeResult::finalDistanceM).toArray();
    double[] plans =
        results.stream().flatMapToDouble(r -> Arrays.stream(r.planSeconds())).toArray();
    return new TaskSummary(
        task,
        results.size(),
        (int) results.stream().filter(EpisodeResult::succeeded).count(),
        Stats.mean(finals),
        Stats.median(finals),
        Stats.mean(results.stream().mapToDouble(r -> r.steps().size()).toArray()),
        Stats.percentile(plans, 50),
        Stats.percentile(plans, 95),
        results.stream().mapToDouble(EpisodeResult::wallSeconds).sum());
  }

  /** Successes over episodes, in [0, 1]; NaN without episodes. */
  public double successRate() {
    return episodes == 0 ? Double.NaN : (double) successes / episodes;
  }
}
