package dev.latentmpc.bench.closedloop;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default model closes the loop: five seeded reach episodes on the simulated arm and
 * camera, through the real service and ONNX Runtime, at a reduced CEM (400 samples × 5 iterations,
 * top 10) — at least four must succeed (end effector within 4 cm of the target, judged by the sim's
 * ground truth). A model that does not predict the scene fails this (the untrained bundle reaches
 * none).
 */
class DefaultModelReachClosedLoopTest {
  private static final int EPISODES = 5;
  private static final int REQUIRED_SUCCESSES = 4;

  @TempDir Path out;

  @Test
  void reachesFourOfFiveTargets() throws Exception {
    List<List<String>> episodes = DefaultModelRuns.run(out, EPISODES, 1000, "--tasks", "reach");
    DefaultModelRuns.assertSucceeded(episodes, REQUIRED_SUCCESSES, "reach");
  }
}
