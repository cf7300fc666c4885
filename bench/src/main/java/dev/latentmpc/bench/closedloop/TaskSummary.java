package dev.latentmpc.bench.closedloop;

import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.ObjectKind;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row of the benchmark table: a task run one way ({@link EpisodePlan}: model-only or scripted
 * gripper, and a schedule).
 *
 * @param task the task
 * @param row how its episodes ran
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
 * @param interval the 95 % Wilson interval of the success rate
 * @param failures the failed episodes by cause ({@link FailureCause})
 */
public record TaskSummary(
    SimTask task,
    EpisodePlan row,
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
    int cupSuccesses,
    SuccessInterval interval,
    Map<FailureCause, Integer> failures) {

  /** Copies the failure counts. */
  public TaskSummary {
    failures = Map.copyOf(failures);
  }

  /**
   * Summarises the episodes of one row (the row of the first episode; all must share it).
   *
   * @throws IllegalArgumentException when the episodes are of different rows or none is given
   */
  public static TaskSummary of(SimTask task, List<EpisodeResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a row needs at least one episode");
    }
    EpisodePlan row = results.get(0).row();
    if (results.stream().anyMatch(r -> !r.row().equals(row) || r.task() != task)) {
      throw new IllegalArgumentException("episodes of different rows in one summary");
    }
    Map<FailureCause, Integer> failures = new EnumMap<>(FailureCause.class);
    for (EpisodeResult r : results) {
      FailureCause.of(r).ifPresent(c -> failures.merge(c, 1, Integer::sum));
    }
    double[] finals = results.stream().mapToDouble(EpisodeResult::finalDistanceM).toArray();
    double[] plans =
        results.stream().flatMapToDouble(r -> Arrays.stream(r.planSeconds())).toArray();
    Map<ObjectKind, List<EpisodeResult>> byObject =
        results.stream().collect(Collectors.groupingBy(TaskSummary::objectOf));
    List<EpisodeResult> cube = byObject.getOrDefault(ObjectKind.CUBE, List.of());
    List<EpisodeResult> cup = byObject.getOrDefault(ObjectKind.CUP, List.of());
    return new TaskSummary(
        task,
        row,
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
        successes(cup),
        SuccessInterval.wilson95(successes(results), results.size()),
        failures);
  }

  /** The number of failed episodes with {@code cause}. */
  public int failures(FailureCause cause) {
    return failures.getOrDefault(cause, 0);
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
