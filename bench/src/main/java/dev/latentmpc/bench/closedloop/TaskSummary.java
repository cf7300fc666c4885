package dev.latentmpc.bench.closedloop;

import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.ObjectKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
 * @param cubeEpisodes episodes whose task object was the cube (the paper reports per object)
 * @param cubeSuccesses of those, the successes
 * @param cupEpisodes episodes whose task object was the cup
 * @param cupSuccesses of those, the successes
 */
public record TaskSummary(
    SimTask task,
    int episodes,
    int successes,
    double finalDistanceMeanM,
    double finalDistanceMedianM,
    double stepsMean,
    double planP50Seconds,
    double planP95Seconds,
    double wallSeconds,
    int cubeEpisodes,
    int cubeSuccesses,
    int cupEpisodes,
    int cupSuccesses) {

  /** Summarises the episodes of one task. */
  public static TaskSummary of(SimTask task, List<EpisodeResult> results) {
    double[] finals = results.stream().mapToDouble(EpisodeResult::finalDistanceM).toArray();
    double[] plans =
        results.stream().flatMapToDouble(r -> Arrays.stream(r.planSeconds())).toArray();
    Map<ObjectKind, List<EpisodeResult>> byObject =
        results.stream().collect(Collectors.groupingBy(TaskSummary::objectOf));
    List<EpisodeResult> cube = byObject.getOrDefault(ObjectKind.CUBE, List.of());
    List<EpisodeResult> cup = byObject.getOrDefault(ObjectKind.CUP, List.of());
    return new TaskSummary(
        task,
        results.size(),
        successes(results),
        Stats.mean(finals),
        Stats.median(finals),
        Stats.mean(results.stream().mapToDouble(r -> r.steps().size()).toArray()),
        Stats.percentile(plans, 50),
        Stats.percentile(plans, 95),
        results.stream().mapToDouble(EpisodeResult::wallSeconds).sum(),
        cube.size(),
        successes(cube),
        cup.size(),
        successes(cup));
  }

  /** The task object of a result's episode (a pure function of its task and seed). */
  static ObjectKind objectOf(EpisodeResult r) {
    return Episode.create(r.task(), r.seed()).objectKind();
  }

  private static int successes(List<EpisodeResult> results) {
    return (int) results.stream().filter(EpisodeResult::succeeded).count();
  }

  /** Successes over episodes, in [0, 1]; NaN without episodes. */
  public double successRate() {
    return episodes == 0 ? Double.NaN : (double) successes / episodes;
  }
}
