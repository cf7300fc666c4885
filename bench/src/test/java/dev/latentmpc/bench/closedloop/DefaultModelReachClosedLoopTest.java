package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

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
    BenchCli.Result run =
        BenchCli.run(
            "--tasks",
            "reach",
            "--episodes",
            String.valueOf(EPISODES),
            "--seed",
            "1000",
            "--samples",
            "400",
            "--iterations",
            "5",
            "--top-k",
            "10",
            "--unpaced",
            "--out",
            out.toString());
    System.out.print(run.stdout());
    assertThat(run.status()).as("stderr: %s", run.stderr()).isZero();

    List<List<String>> episodes = CsvReader.read(out.resolve("episodes.csv"));
    assertThat(episodes).hasSize(1 + EPISODES);
    int succeeded = BenchReport.EPISODE_HEADER.indexOf("succeeded");
    long successes =
        episodes.subList(1, episodes.size()).stream()
            .filter(row -> Boolean.parseBoolean(row.get(succeeded)))
            .count();
    assertThat(successes)
        .as("reach successes of %d (episodes.csv: %s)", EPISODES, episodes)
        .isGreaterThanOrEqualTo(REQUIRED_SUCCESSES);
  }
}
