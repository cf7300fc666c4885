package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default model picks and places with the gripper scripted by the public planning
 * code's hooks: five seeded pick-and-place episodes (the paper's 4/10/4 moves, sent as five goals:
 * the grasp image open then closing, the carry image closing, the place image closed then opening)
 * on the simulated arm and camera, through the real service and ONNX Runtime, at a reduced CEM (400
 * samples × 5 iterations, top 10). At least four must place the object within 5 cm of its target
 * (the sim's ground truth), and every failure must have a cause read from the recorded steps.
 *
 * <p>It fails when sub-goal switching, the per-goal sampling hooks (pin, close from step 0), the
 * sim's grasp and release, or the model's arm motion towards the goal images break. Measured on
 * tuning seeds 0–39 at these settings: 31 of 40 placed (3 never grasped, 6 placed off target),
 * seeds 0–4 all five; the model's own gripper placed none of the 40 (34 never grasped, 6 dropped in
 * carry), so this test scripts it.
 */
class DefaultModelPickAndPlaceClosedLoopTest {
  private static final int EPISODES = 5;
  private static final int REQUIRED_SUCCESSES = 4;

  @TempDir Path out;

  @Test
  void placesFourOfFiveWithTheScriptedGripper() throws Exception {
    List<List<String>> episodes =
        DefaultModelRuns.run(
            out, EPISODES, 0, "--tasks", "pick-and-place", "--gripper", "scripted");
    int succeeded = BenchReport.EPISODE_HEADER.indexOf("succeeded");
    int cause = BenchReport.EPISODE_HEADER.indexOf("failure_cause");
    List<List<String>> rows = episodes.subList(1, episodes.size());
    DefaultModelRuns.assertSucceeded(episodes, REQUIRED_SUCCESSES, "pick-and-place");
    for (List<String> row : rows) {
      boolean ok = Boolean.parseBoolean(row.get(succeeded));
      assertThat(row.get(cause))
          .as("a failure has a cause from the ground truth, a success none: %s", row)
          .isIn(
              ok
                  ? List.of("")
                  : List.of("never_grasped", "dropped_in_carry", "placed_off_target", "timed_out"));
    }
    // The object was held, then released: the steps carry the ground truth.
    List<List<String>> steps = CsvReader.read(out.resolve("steps.csv"));
    int held = BenchReport.STEP_HEADER.indexOf("held");
    assertThat(steps.subList(1, steps.size())).extracting(row -> row.get(held)).contains("1", "0");
  }
}
