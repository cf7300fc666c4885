package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @TempDir Path dir;

  /**
   * Episode {@code index} (seed 10 + index) of the model-only row on the task's default schedule.
   */
  private static EpisodeResult episode(
      SimTask task,
      int index,
      String status,
      String reason,
      double initialDistanceM,
      List<StepSample> steps,
      double wallSeconds) {
    EpisodePlan row =
        EpisodePlan.modelOnly(
            BenchSchedule.fixed(
                BenchSchedules.DEFAULTS.get(task).stream().mapToInt(Integer::intValue).toArray()));
    return new EpisodeResult(
        task, index, 10 + index, status, reason, initialDistanceM, steps, wallSeconds, row);
  }

  private static StepSample step(int i, double distance, double planSeconds) {
    return new StepSample(
        i,
        0,
        distance,
        0.5,
        planSeconds,
        true,
        0.75,
        1,
        new StepSample.Xyz(0.01, -0.02, 0.03),
        new StepSample.Xyz(0.5, 0, 0.3),
        1,
        new StepSample.Xyz(0.4, 0.1, 0));
  }

  private static final EpisodeResult REACHED =
      episode(
          SimTask.REACH,
          0,
          "succeeded",
          "",
          0.30,
          List.of(step(1, 0.20, 0.4), step(2, 0.03, 0.6)),
          2.5);
  private static final EpisodeResult MISSED =
      episode(
          SimTask.REACH,
          1,
          "completed",
          "",
          0.20,
          List.of(step(1, 0.19, 0.5), step(2, 0.18, 0.5), step(3, 0.10, 1.0)),
          3.5);
  private static final EpisodeResult FAILED =
      episode(SimTask.GRASP, 0, "failed", "camera unavailable: gone", 0.4, List.of(), 0.1);

  @Test
  void anEpisodeThatEndedKeepsItsFinalDistanceInTheTrace() {
    assertThat(REACHED.distanceTrace(5)).containsExactly(0.30, 0.20, 0.03, 0.03, 0.03);
    assertThat(REACHED.finalDistanceM()).isEqualTo(0.03);
    assertThat(FAILED.finalDistanceM()).as("no step: the start").isEqualTo(0.4);
    assertThat(FAILED.distanceTrace(2)).containsExactly(0.4, 0.4);
  }

  @Test
  void summarisesSuccessDistanceStepsAndPlanningLatencyOverEveryAction() {
    TaskSummary s = TaskSummary.of(SimTask.REACH, List.of(REACHED, MISSED));

    assertThat(s.episodes()).isEqualTo(2);
    assertThat(s.successes()).isEqualTo(1);
    assertThat(s.successRate()).isEqualTo(0.5);
    assertThat(s.finalDistanceMeanM()).isCloseTo(0.065, within(1e-12));
    assertThat(s.finalDistanceMedianM()).isCloseTo(0.065, within(1e-12));
    assertThat(s.stepsMean()).isEqualTo(2.5);
    // Plan times 0.4, 0.6, 0.5, 0.5, 1.0: median 0.5, p95 at rank 3.8 → 0.6 + 0.8 · 0.4.
    assertThat(s.planP50Seconds()).isEqualTo(0.5);
    assertThat(s.planP95Seconds()).isCloseTo(0.92, within(1e-12));
    assertThat(s.wallSeconds()).isEqualTo(6.0);
  }

  @Test
  void theTableHasOneRowPerTaskWithItsFigures() {
    String table =
        BenchReport.table(
            List.of(
                TaskSummary.of(SimTask.REACH, List.of(REACHED, MISSED)),
                TaskSummary.of(SimTask.GRASP, List.of(FAILED))));

    assertThat(table.lines()).hasSize(5);
    assertThat(table.lines().toList().get(2))
        .startsWith("reach")
        .contains("model    20 ")
        .contains(" 50.0%    9- 91%")
        .contains("0.065")
        .contains("   500    920");
    // The reach miss timed out; the grasp failed on a fault.
    assertThat(table.lines().toList().get(2)).contains("   0    0    0    1    0 ");
    assertThat(table.lines().toList().get(3))
        .startsWith("grasp")
        .contains("  0.0%    0- 79%")
        .contains("   0    0    0    0    1 ");
    assertThat(table.lines().toList().get(4)).startsWith("failures: ng never grasped");
  }

  @Test
  void writesTheThreeTablesAndOnePlotPerTask() throws IOException {
    List<EpisodeResult> results = List.of(REACHED, MISSED, FAILED);
    List<TaskSummary> summaries =
        List.of(
            TaskSummary.of(SimTask.REACH, List.of(REACHED, MISSED)),
            TaskSummary.of(SimTask.GRASP, List.of(FAILED)));

    List<Path> files = BenchReport.write(dir.resolve("out"), summaries, results);

    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "summary.csv", "episodes.csv", "steps.csv", "distance-reach.png", "distance-grasp.png");
    List<List<String>> episodes = CsvReader.read(files.get(1));
    assertThat(episodes.get(0)).isEqualTo(BenchReport.EPISODE_HEADER);
    assertThat(episodes).hasSize(4);
    assertThat(episodes.get(3)).endsWith("camera unavailable: gone");
    List<List<String>> steps = CsvReader.read(files.get(2));
    assertThat(steps).hasSize(1 + (1 + 2) + (1 + 3) + 1);
    assertThat(steps.get(0)).isEqualTo(BenchReport.STEP_HEADER);
    assertThat(steps.get(1))
        .containsExactly(
            "reach", "model", "20", "0", "10", "0", "0", "0", "0.30000", "", "", "", "", "", "", "",
            "", "", "", "", "", "", "", "");
    assertThat(steps.get(3))
        .containsExactly(
            "reach",
            "model",
            "20",
            "0",
            "10",
            "2",
            "0",
            "0",
            "0.03000",
            "0.500000",
            "600.00",
            "1",
            "0.750",
            "1.000",
            "0.01000",
            "-0.02000",
            "0.03000",
            "0.50000",
            "0.00000",
            "0.30000",
            "1",
            "0.40000",
            "0.10000",
            "0.00000");
    List<List<String>> summary = CsvReader.read(files.get(0));
    assertThat(summary.get(0)).isEqualTo(BenchReport.SUMMARY_HEADER);
    assertThat(summary.get(1))
        .startsWith(
            "reach", "model", "20", "2", "1", "0.5000", "0.0945", "0.9055", "0", "0", "0", "1");
    // the per-object split adds up to the task's figures
    List<String> byObject = summary.get(1).subList(20, 24);
    assertThat(Integer.parseInt(byObject.get(0)) + Integer.parseInt(byObject.get(2))).isEqualTo(1);
    assertThat(Integer.parseInt(byObject.get(1)) + Integer.parseInt(byObject.get(3))).isEqualTo(2);
    assertThat(episodes.get(1).get(5))
        .isEqualTo(Episode.create(SimTask.REACH, REACHED.seed()).objectKind().cliName());
    assertThat(episodes.get(2).get(8)).isEqualTo("timed_out");
    assertThat(episodes.get(3).get(8)).isEqualTo("fault");
    BufferedImage plot = ImageIO.read(files.get(3).toFile());
    assertThat(plot.getWidth()).isEqualTo(900);
    assertThat(Files.size(files.get(4))).isPositive();
  }
}
