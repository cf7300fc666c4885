package dev.latentmpc.bench.closedloop;

import dev.latentmpc.deploy.operator.SamplingSpec;
import dev.latentmpc.proto.control.v1.SamplingHooks;
import dev.latentmpc.simharness.task.SimTask;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows a benchmark runs, from its options: for each task, its headline schedule and any extra
 * schedules, each with the gripper left to the model and/or scripted ({@link EpisodePlan}), with
 * the operator's sampling hooks on top.
 */
public final class BenchRows {

  /**
   * One row: a task and how its episodes run.
   *
   * @param task the task
   * @param plan how its episodes run
   */
  public record Row(SimTask task, EpisodePlan plan) {}

  private BenchRows() {}

  /**
   * Lists the rows in task order, then schedule order (headline first), then gripper order.
   *
   * @param tasks the tasks
   * @param headline each task's headline schedule
   * @param extra further schedules per task, each its own row
   * @param grippers {@code model} and/or {@code scripted}
   * @param sampling the operator's hooks per task (task-wide) and per task and goal image
   * @throws IllegalArgumentException naming an unknown gripper or a schedule the script cannot
   *     split
   */
  public static List<Row> of(
      List<SimTask> tasks,
      Map<SimTask, BenchSchedule> headline,
      Map<SimTask, List<BenchSchedule>> extra,
      List<String> grippers,
      Sampling sampling) {
    for (String g : grippers) {
      if (!g.equals(EpisodePlan.MODEL) && !g.equals(EpisodePlan.SCRIPTED)) {
        throw new IllegalArgumentException(
            "--gripper takes model and/or scripted, comma-separated, got '" + g + "'");
      }
    }
    List<Row> rows = new ArrayList<>();
    for (SimTask task : tasks) {
      List<BenchSchedule> schedules = new ArrayList<>();
      schedules.add(headline.get(task));
      schedules.addAll(extra.getOrDefault(task, List.of()));
      for (BenchSchedule schedule : schedules) {
        for (String gripper : grippers) {
          EpisodePlan plan =
              gripper.equals(EpisodePlan.MODEL)
                  ? EpisodePlan.modelOnly(schedule)
                  : EpisodePlan.scripted(task, schedule);
          rows.add(new Row(task, sampling.applyTo(task, plan)));
        }
      }
    }
    return rows;
  }

  /**
   * Parses {@code TASK=SCHEDULE} entries (as {@code --max-steps} takes them) into extra schedules.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static Map<SimTask, List<BenchSchedule>> extra(String option, List<String> entries) {
    Map<SimTask, List<BenchSchedule>> out = new EnumMap<>(SimTask.class);
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            option + " '" + entry + "': give TASK=SCHEDULE, e.g. pick-and-place=12/12/6");
      }
      SimTask task = SimTask.parse(entry.substring(0, eq));
      out.computeIfAbsent(task, k -> new ArrayList<>())
          .add(BenchSchedule.parse(option, task, entry.substring(eq + 1)));
    }
    return out;
  }

  /**
   * The operator's sampling hooks: task-wide ones per task, and per task and goal image.
   *
   * @param taskWide per task, the hooks of all its goals
   * @param perImage per task, per goal image index, the hooks of that image's goals
   */
  public record Sampling(
      Map<SimTask, SamplingHooks> taskWide, Map<SimTask, Map<Integer, SamplingHooks>> perImage) {

    /** No hooks. */
    public static final Sampling NONE = new Sampling(Map.of(), Map.of());

    /**
     * Parses {@code --sampling [TASK:]SPEC} (no task: every task) and {@code --goal-sampling
     * TASK:IMAGE:SPEC} entries; SPEC as {@link SamplingSpec} reads it.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Sampling parse(List<String> sampling, List<String> goalSampling) {
      Map<SimTask, SamplingHooks> taskWide = new EnumMap<>(SimTask.class);
      for (String entry : sampling) {
        int colon = entry.indexOf(':');
        List<SimTask> tasks = List.of(SimTask.values());
        String spec = entry;
        if (colon > 0 && !entry.substring(0, colon).contains("=")) {
          tasks = List.of(SimTask.parse(entry.substring(0, colon)));
          spec = entry.substring(colon + 1);
        }
        SamplingHooks hooks = SamplingSpec.parse("--sampling", spec);
        for (SimTask t : tasks) {
          taskWide.merge(t, hooks, (a, b) -> a.toBuilder().mergeFrom(b).build());
        }
      }
      Map<SimTask, Map<Integer, SamplingHooks>> perImage = new EnumMap<>(SimTask.class);
      for (String entry : goalSampling) {
        String[] parts = entry.split(":", 3);
        int image = parts.length == 3 ? index(parts[1]) : -1;
        SimTask task = parts.length == 3 ? SimTask.parse(parts[0]) : null;
        int images = task == null ? 0 : BenchSchedules.DEFAULTS.get(task).size();
        if (task == null || image < 0 || image >= images) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "--goal-sampling '%s': give TASK:IMAGE:KEY=VALUE[,...] with the goal image's"
                      + " 0-based index (pick-and-place: 0 grasp, 1 carry, 2 place), e.g."
                      + " pick-and-place:1:gripper-std=0.2",
                  entry));
        }
        perImage
            .computeIfAbsent(task, k -> new HashMap<>())
            .put(image, SamplingSpec.parse("--goal-sampling", parts[2]));
      }
      return new Sampling(taskWide, perImage);
    }

    EpisodePlan applyTo(SimTask task, EpisodePlan plan) {
      SamplingHooks wide = taskWide.get(task);
      Map<Integer, SamplingHooks> images = perImage.getOrDefault(task, Map.of());
      if (wide == null && images.isEmpty()) {
        return plan;
      }
      return plan.withSampling(wide == null ? SamplingHooks.getDefaultInstance() : wide, images);
    }

    private static int index(String text) {
      try {
        return Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
