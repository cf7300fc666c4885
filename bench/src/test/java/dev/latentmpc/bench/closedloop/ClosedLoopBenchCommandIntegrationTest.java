package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latent-mpc bench} end to end on the embedded bundle at tiny CEM settings: one short reach
 * and one pick-and-place episode through the real service; the printed table and the CSV and PNG
 * files it writes.
 */
class ClosedLoopBenchCommandIntegrationTest {
  @TempDir Path out;

  @Test
  void runsTheEpisodesAndWritesTablesAndPlots() throws Exception {
    BenchCli.Result run =
        BenchCli.run(
            "--tasks",
            "reach,pick-and-place",
            "--episodes",
            "1",
            "--seed",
            "3",
            "--samples",
            "16",
            "--iterations",
            "2",
            "--top-k",
            "4",
            "--max-steps",
            "reach=3,pick-and-place=2/2/2",
            "--unpaced",
            "--out",
            out.toString());
    assertThat(run.status()).as("stderr: %s", run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("CEM 16 samples x 2 iterations, top 4")
        .containsPattern("pick-and-place +moves per goal \\[2, 2, 2\\]")
        .containsPattern("(?m)^reach +1/1 seed 3: ")
        .containsPattern("(?m)^pick-and-place +1/1 seed 3: ")
        .containsPattern("(?m)^task +episodes +success")
        .containsPattern("(?m)^reach +1 ")
        .containsPattern("(?m)^pick-and-place +1 ");

    List<List<String>> summary = CsvReader.read(out.resolve("summary.csv"));
    assertThat(summary.get(0)).isEqualTo(BenchReport.SUMMARY_HEADER);
    assertThat(summary).hasSize(3).allMatch(row -> row.size() == BenchReport.SUMMARY_HEADER.size());
    assertThat(summary.get(1).get(0)).isEqualTo("reach");

    List<List<String>> episodes = CsvReader.read(out.resolve("episodes.csv"));
    assertThat(episodes.get(0)).isEqualTo(BenchReport.EPISODE_HEADER);
    assertThat(episodes)
        .hasSize(3)
        .allMatch(row -> row.size() == BenchReport.EPISODE_HEADER.size());
    List<String> reach = episodes.get(1);
    int steps = Integer.parseInt(reach.get(6));
    assertThat(steps).isBetween(1, 3);
    Episode seed3 = Episode.create(SimTask.REACH, 3);
    assertThat(Double.parseDouble(reach.get(7)))
        .as("initial distance is the sim's")
        .isCloseTo(seed3.distanceM(seed3.startWorld()), org.assertj.core.data.Offset.offset(1e-5));
    int pickSteps = Integer.parseInt(episodes.get(2).get(6));
    assertThat(pickSteps).isBetween(1, 6);

    List<List<String>> stepRows = CsvReader.read(out.resolve("steps.csv"));
    assertThat(stepRows.get(0)).isEqualTo(BenchReport.STEP_HEADER);
    assertThat(stepRows)
        .as("a start row plus one per step, per episode")
        .hasSize(1 + (1 + steps) + (1 + pickSteps))
        .allMatch(row -> row.size() == BenchReport.STEP_HEADER.size());
    for (List<String> row : stepRows.subList(1, stepRows.size())) {
      assertThat(Double.parseDouble(row.get(5))).as("distance_m of %s", row).isNotNegative();
      if (!row.get(3).equals("0")) {
        assertThat(Double.parseDouble(row.get(10))).as("gripper of %s", row).isBetween(0.0, 1.0);
        assertThat(Math.abs(Double.parseDouble(row.get(9)))).as("d_gripper").isLessThanOrEqualTo(1);
      }
    }
    assertThat(stepRows.get(1 + steps).get(5)).isEqualTo(reach.get(8));
    List<String> lastReach = stepRows.get(1 + steps);
    int hand = BenchReport.STEP_HEADER.indexOf("hand_x_m");
    double handToTarget =
        Math.sqrt(
            Math.pow(Double.parseDouble(lastReach.get(hand)) - seed3.targetM().x(), 2)
                + Math.pow(Double.parseDouble(lastReach.get(hand + 1)) - seed3.targetM().y(), 2)
                + Math.pow(Double.parseDouble(lastReach.get(hand + 2)) - seed3.targetM().z(), 2));
    assertThat(handToTarget)
        .as("the hand position reported is the one the final distance was measured at")
        .isCloseTo(Double.parseDouble(reach.get(8)), org.assertj.core.data.Offset.offset(1e-4));
    int dx = BenchReport.STEP_HEADER.indexOf("dx_m");
    for (int i = 2; i <= 1 + steps; i++) {
      for (int axis = 0; axis < 3; axis++) {
        assertThat(Math.abs(Double.parseDouble(stepRows.get(i).get(dx + axis))))
            .as("a sent translation component, row %s", stepRows.get(i))
            .isLessThanOrEqualTo(0.05 + 1e-9);
      }
    }
    assertThat(reach.get(3)).isEqualTo(seed3.objectKind().cliName());

    for (String task : List.of("reach", "pick-and-place")) {
      BufferedImage plot = ImageIO.read(out.resolve("distance-" + task + ".png").toFile());
      assertThat(plot.getWidth()).isEqualTo(900);
      assertThat(plot.getHeight()).isEqualTo(520);
    }
  }
}
