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
        .contains("seeds 3-3 (tuning range 0-999)")
        .containsPattern("pick-and-place +model +schedule 2/2/2: goal images \\[0, 1, 2\\]")
        .containsPattern("(?m)^reach +model +1/1 seed 3: ")
        .containsPattern("(?m)^pick-and-place +model +1/1 seed 3: ")
        .containsPattern("(?m)^task +gripper +schedule +eps +rate +interval")
        .containsPattern("(?m)^reach +model +3 +1 ")
        .containsPattern("(?m)^pick-and-place +model +2/2/2 +1 ");

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
    int stepsColumn = BenchReport.EPISODE_HEADER.indexOf("steps");
    int initial = BenchReport.EPISODE_HEADER.indexOf("initial_distance_m");
    int last = BenchReport.EPISODE_HEADER.indexOf("final_distance_m");
    int steps = Integer.parseInt(reach.get(stepsColumn));
    assertThat(steps).isBetween(1, 3);
    Episode seed3 = Episode.create(SimTask.REACH, 3);
    assertThat(Double.parseDouble(reach.get(initial)))
        .as("initial distance is the sim's")
        .isCloseTo(seed3.distanceM(seed3.startWorld()), org.assertj.core.data.Offset.offset(1e-5));
    int pickSteps = Integer.parseInt(episodes.get(2).get(stepsColumn));
    assertThat(pickSteps).isBetween(1, 6);

    List<List<String>> stepRows = CsvReader.read(out.resolve("steps.csv"));
    assertThat(stepRows.get(0)).isEqualTo(BenchReport.STEP_HEADER);
    assertThat(stepRows)
        .as("a start row plus one per step, per episode")
        .hasSize(1 + (1 + steps) + (1 + pickSteps))
        .allMatch(row -> row.size() == BenchReport.STEP_HEADER.size());
    int distance = BenchReport.STEP_HEADER.indexOf("distance_m");
    int step = BenchReport.STEP_HEADER.indexOf("step");
    int gripper = BenchReport.STEP_HEADER.indexOf("gripper");
    int held = BenchReport.STEP_HEADER.indexOf("held");
    for (List<String> row : stepRows.subList(1, stepRows.size())) {
      assertThat(Double.parseDouble(row.get(distance))).as("distance_m of %s", row).isNotNegative();
      if (!row.get(step).equals("0")) {
        assertThat(Double.parseDouble(row.get(gripper)))
            .as("gripper of %s", row)
            .isBetween(0.0, 1.0);
        assertThat(Math.abs(Double.parseDouble(row.get(gripper - 1))))
            .as("d_gripper")
            .isLessThanOrEqualTo(1);
        assertThat(row.get(held)).as("the scene's ground truth of %s", row).isIn("0", "1");
      }
    }
    assertThat(stepRows.get(1 + steps).get(distance)).isEqualTo(reach.get(last));
    List<String> lastReach = stepRows.get(1 + steps);
    int hand = BenchReport.STEP_HEADER.indexOf("hand_x_m");
    double handToTarget =
        Math.sqrt(
            Math.pow(Double.parseDouble(lastReach.get(hand)) - seed3.targetM().x(), 2)
                + Math.pow(Double.parseDouble(lastReach.get(hand + 1)) - seed3.targetM().y(), 2)
                + Math.pow(Double.parseDouble(lastReach.get(hand + 2)) - seed3.targetM().z(), 2));
    assertThat(handToTarget)
        .as("the hand position reported is the one the final distance was measured at")
        .isCloseTo(Double.parseDouble(reach.get(last)), org.assertj.core.data.Offset.offset(1e-4));
    int dx = BenchReport.STEP_HEADER.indexOf("dx_m");
    for (int i = 2; i <= 1 + steps; i++) {
      for (int axis = 0; axis < 3; axis++) {
        assertThat(Math.abs(Double.parseDouble(stepRows.get(i).get(dx + axis))))
            .as("a sent translation component, row %s", stepRows.get(i))
            .isLessThanOrEqualTo(0.05 + 1e-9);
      }
    }
    assertThat(reach.get(BenchReport.EPISODE_HEADER.indexOf("object")))
        .isEqualTo(seed3.objectKind().cliName());
    assertThat(reach.get(BenchReport.EPISODE_HEADER.indexOf("failure_cause")))
        .isIn("", "timed_out");

    for (String task : List.of("reach", "pick-and-place")) {
      BufferedImage plot = ImageIO.read(out.resolve("distance-" + task + ".png").toFile());
      assertThat(plot.getWidth()).isEqualTo(900);
      assertThat(plot.getHeight()).isEqualTo(520);
    }
  }
}
