package dev.latentmpc.bench.closedloop;

import dev.latentmpc.bench.report.Csv;
import dev.latentmpc.bench.report.LinePlot;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.task.SuccessRules;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * The benchmark's results: the table it prints, and the files it writes: {@code summary.csv} (the
 * table), {@code episodes.csv} (one row per episode), {@code steps.csv} (one row per episode and
 * step, step 0 being the start, with the distance to the goal, the gripper change and translation
 * sent, and the gripper closedness and hand position reached) and {@code distance-TASK.png} (the
 * distance to the goal per step, like figure 8 of the V-JEPA 2 paper: one thin line per episode,
 * the mean in bold, the task's tolerance dashed).
 */
public final class BenchReport {
  static final List<String> SUMMARY_HEADER =
      List.of(
          "task",
          "gripper_by",
          "schedule",
          "episodes",
          "successes",
          "success_rate",
          "success_ci95_low",
          "success_ci95_high",
          "never_grasped",
          "dropped_in_carry",
          "placed_off_target",
          "timed_out",
          "fault",
          "unknown",
          "final_distance_mean_m",
          "final_distance_median_m",
          "steps_mean",
          "plan_p50_ms",
          "plan_p95_ms",
          "wall_s",
          "cube_successes",
          "cube_episodes",
          "cup_successes",
          "cup_episodes");

  /** The columns that name an episode, first in {@code episodes.csv} and {@code steps.csv}. */
  private static final List<String> EPISODE_KEY =
      List.of("task", "gripper_by", "schedule", "episode", "seed");

  static final List<String> EPISODE_HEADER =
      header(
          "object",
          "status",
          "succeeded",
          "failure_cause",
          "steps",
          "initial_distance_m",
          "final_distance_m",
          "plan_p50_ms",
          "plan_p95_ms",
          "wall_s",
          "reason");
  static final List<String> STEP_HEADER =
      header(
          "step",
          "subgoal",
          "image",
          "distance_m",
          "energy",
          "plan_ms",
          "moved",
          "d_gripper",
          "gripper",
          "dx_m",
          "dy_m",
          "dz_m",
          "hand_x_m",
          "hand_y_m",
          "hand_z_m",
          "held",
          "object_x_m",
          "object_y_m",
          "object_z_m");

  private BenchReport() {}

  /** The printed table; see {@link BenchTable#of}. */
  public static String table(List<TaskSummary> rows) {
    return BenchTable.of(rows);
  }

  /**
   * Writes the CSV files and one plot per task into {@code dir} (created if missing).
   *
   * @return the files written
   */
  public static List<Path> write(Path dir, List<TaskSummary> summaries, List<EpisodeResult> results)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    written.add(dir.resolve("summary.csv"));
    Csv.write(written.get(0), SUMMARY_HEADER, summaries.stream().map(BenchReport::row).toList());
    written.add(dir.resolve("episodes.csv"));
    Csv.write(written.get(1), EPISODE_HEADER, results.stream().map(BenchReport::row).toList());
    written.add(dir.resolve("steps.csv"));
    Csv.write(written.get(2), STEP_HEADER, stepRows(results));
    for (TaskSummary s : summaries) {
      List<EpisodeResult> ofRow =
          results.stream().filter(r -> r.task() == s.task() && r.row().equals(s.row())).toList();
      boolean onlyRow = summaries.stream().filter(o -> o.task() == s.task()).count() == 1;
      String name =
          "distance-"
              + s.task().cliName()
              + (onlyRow ? "" : "-" + s.row().label().replaceAll("[^A-Za-z0-9.]+", "-"))
              + ".png";
      Path png = dir.resolve(name);
      LinePlot.writePng(png, List.of(distancePanel(s.task(), ofRow)), 900, 520);
      written.add(png);
    }
    return written;
  }

  /**
   * Writes {@code episodes.csv} and {@code steps.csv} of the episodes so far into {@code dir}
   * (created if missing), so that a long run that is stopped keeps what it measured; {@link #write}
   * rewrites both at the end.
   */
  public static void writeProgress(Path dir, List<EpisodeResult> results) throws IOException {
    Files.createDirectories(dir);
    Csv.write(
        dir.resolve("episodes.csv"),
        EPISODE_HEADER,
        results.stream().map(BenchReport::row).toList());
    Csv.write(dir.resolve("steps.csv"), STEP_HEADER, stepRows(results));
  }

  /** Writes {@code steps.csv}-style rows of {@code results} to {@code file}. */
  public static void writeSteps(Path file, List<EpisodeResult> results) throws IOException {
    Csv.write(file, STEP_HEADER, stepRows(results));
  }

  /**
   * One episode's plot: the distance to the goal (start and after each step, the tolerance dashed)
   * above the plan energy of each step, sub-goal switches dotted.
   */
  public static List<LinePlot.Panel> episodePanels(EpisodeResult r) {
    int n = r.steps().size();
    double[] x = IntStream.rangeClosed(0, n).asDoubleStream().toArray();
    double[] distance = r.distanceTrace(n + 1);
    // Energy starts at step 1; a leading NaN at step 0 lines its x axis up with the distance's.
    double[] stepX = IntStream.rangeClosed(0, n).asDoubleStream().toArray();
    double[] energy =
        DoubleStream.concat(
                DoubleStream.of(Double.NaN), r.steps().stream().mapToDouble(StepSample::energy))
            .toArray();
    List<Double> switches = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      if (r.steps().get(i).subgoalIndex() != r.steps().get(i - 1).subgoalIndex()) {
        switches.add((double) i);
      }
    }
    List<LinePlot.Line> distanceLines = new ArrayList<>();
    distanceLines.add(new LinePlot.Line(x, distance, new Color(0x1f77b4), 2.5f, false, "distance"));
    SuccessRules.toleranceM(r.task())
        .ifPresent(t ->
            distanceLines.add(
                LinePlot.Line.horizontal(t, 0, Math.max(1, n), new Color(0xd62728), "tolerance")));
    String title =
        String.format(
            Locale.ROOT,
            "%s seed %d: %s after %d steps",
            r.task().cliName(),
            r.seed(),
            r.status(),
            n);
    return List.of(
        new LinePlot.Panel(title, "control step", "distance to goal [m]", distanceLines, switches),
        new LinePlot.Panel(
            "plan energy per step (sub-goal switches dotted)",
            "control step",
            "energy",
            List.of(new LinePlot.Line(stepX, energy, new Color(0xff7f0e), 2.5f, false, "energy")),
            switches));
  }

  private static List<String> row(TaskSummary s) {
    List<String> row = new ArrayList<>();
    row.addAll(
        List.of(
            s.task().cliName(),
            s.row().gripper(),
            s.row().schedule().label(),
            Integer.toString(s.episodes()),
            Integer.toString(s.successes()),
            Csv.number(s.successRate(), 4),
            Csv.number(s.interval().low(), 4),
            Csv.number(s.interval().high(), 4)));
    for (FailureCause c : FailureCause.values()) {
      row.add(Integer.toString(s.failures(c)));
    }
    row.addAll(tail(s));
    return row;
  }

  private static List<String> tail(TaskSummary s) {
    return List.of(
        Csv.number(s.finalDistanceMeanM(), 5),
        Csv.number(s.finalDistanceMedianM(), 5),
        Csv.number(s.stepsMean(), 2),
        Csv.number(s.planP50Seconds() * 1e3, 2),
        Csv.number(s.planP95Seconds() * 1e3, 2),
        Csv.number(s.wallSeconds(), 2),
        Integer.toString(s.cubeSuccesses()),
        Integer.toString(s.cubeEpisodes()),
        Integer.toString(s.cupSuccesses()),
        Integer.toString(s.cupEpisodes()));
  }

  private static List<String> row(EpisodeResult r) {
    return concat(
        key(r),
        TaskSummary.objectOf(r).cliName(),
        r.status(),
        Boolean.toString(r.succeeded()),
        FailureCause.of(r).map(FailureCause::column).orElse(""),
        Integer.toString(r.steps().size()),
        Csv.number(r.initialDistanceM(), 5),
        Csv.number(r.finalDistanceM(), 5),
        Csv.number(r.planPercentileSeconds(50) * 1e3, 2),
        Csv.number(r.planPercentileSeconds(95) * 1e3, 2),
        Csv.number(r.wallSeconds(), 3),
        r.reason());
  }

  private static List<List<String>> stepRows(List<EpisodeResult> results) {
    List<List<String>> rows = new ArrayList<>();
    for (EpisodeResult r : results) {
      List<String> head = key(r);
      List<String> start = concat(head, "0", "0", "0", Csv.number(r.initialDistanceM(), 5));
      // the start row has no step: the remaining columns stay empty
      start.addAll(Collections.nCopies(STEP_HEADER.size() - start.size(), ""));
      rows.add(start);
      for (StepSample s : r.steps()) {
        rows.add(
            concat(
                head,
                Integer.toString(s.step()),
                Integer.toString(s.subgoalIndex()),
                Integer.toString(r.imageOf(s)),
                Csv.number(s.distanceM(), 5),
                Csv.number(s.energy(), 6),
                Csv.number(s.planSeconds() * 1e3, 2),
                s.moved() ? "1" : "0",
                Csv.number(s.dGripperSent(), 3),
                Csv.number(s.gripperAfter(), 3),
                Csv.number(s.translationSentM().x(), 5),
                Csv.number(s.translationSentM().y(), 5),
                Csv.number(s.translationSentM().z(), 5),
                Csv.number(s.handAfterM().x(), 5),
                Csv.number(s.handAfterM().y(), 5),
                Csv.number(s.handAfterM().z(), 5),
                s.held() < 0 ? "" : Integer.toString(s.held()),
                Csv.number(s.objectM().x(), 5),
                Csv.number(s.objectM().y(), 5),
                Csv.number(s.objectM().z(), 5)));
      }
    }
    return rows;
  }

  /** {@link #EPISODE_KEY} followed by {@code columns}, unmodifiable. */
  private static List<String> header(String... columns) {
    return List.copyOf(concat(EPISODE_KEY, columns));
  }

  /** The {@link #EPISODE_KEY} columns of {@code r}. */
  private static List<String> key(EpisodeResult r) {
    return List.of(
        r.task().cliName(),
        r.row().gripper(),
        r.row().schedule().label(),
        Integer.toString(r.index()),
        Long.toString(r.seed()));
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> row = new ArrayList<>(head);
    row.addAll(List.of(tail));
    return row;
  }

  /** Distance to the goal per step: one thin line per episode, the mean bold, the tolerance. */
  static LinePlot.Panel distancePanel(SimTask task, List<EpisodeResult> results) {
    int length = 1 + results.stream().mapToInt(r -> r.steps().size()).max().orElse(0);
    double[] x = IntStream.range(0, length).asDoubleStream().toArray();
    double[] mean = new double[length];
    List<LinePlot.Line> lines = new ArrayList<>();
    // Fainter the more episodes overlap: 200/255 for a couple, 50/255 from 8 on.
    int alpha = Math.max(50, Math.min(200, 400 / Math.max(1, results.size())));
    Color thin = new Color(0x1f, 0x77, 0xb4, alpha);
    for (EpisodeResult r : results) {
      double[] trace = r.distanceTrace(length);
      for (int i = 0; i < length; i++) {
        mean[i] += trace[i] / results.size();
      }
      lines.add(new LinePlot.Line(x, trace, thin, 1.2f, false, lines.isEmpty() ? "episode" : ""));
    }
    lines.add(new LinePlot.Line(x, mean, new Color(0x0b3c6e), 3.5f, false, "mean"));
    OptionalDouble tolerance = SuccessRules.toleranceM(task);
    if (tolerance.isPresent()) {
      lines.add(
          LinePlot.Line.horizontal(
              tolerance.getAsDouble(),
              0,
              length - 1,
              new Color(0xd62728),
              String.format(Locale.ROOT, "tolerance %.2f m", tolerance.getAsDouble())));
    }
    long successes = results.stream().filter(EpisodeResult::succeeded).count();
    String title =
        String.format(
            Locale.ROOT,
            "%s: distance to goal per step (%d episodes, %d succeeded)",
            task.cliName(),
            results.size(),
            successes);
    return new LinePlot.Panel(title, "control step", "distance to goal [m]", lines, List.of());
  }
}
