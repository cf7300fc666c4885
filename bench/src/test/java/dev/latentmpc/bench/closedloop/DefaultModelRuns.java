package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the default-model closed-loop tests share: a bench run at the reduced CEM they use (400
 * samples × 5 iterations, top 10, unpaced) and the check of the successes in its {@code
 * episodes.csv}.
 */
final class DefaultModelRuns {
  private DefaultModelRuns() {}

  /**
   * Runs {@code episodes} episodes from {@code seed} with the task options given, checks the run
   * exited 0 and wrote one row per episode, and returns {@code episodes.csv}, the header first.
   */
  static List<List<String>> run(Path out, int episodes, int seed, String... taskOptions)
      throws IOException {
    List<String> args = new ArrayList<>(List.of(taskOptions));
    args.addAll(
        List.of(
            "--episodes",
            String.valueOf(episodes),
            "--seed",
            String.valueOf(seed),
            "--samples",
            "400",
            "--iterations",
            "5",
            "--top-k",
            "10",
            "--unpaced",
            "--out",
            out.toString()));
    BenchCli.Result run = BenchCli.run(args.toArray(String[]::new));
    System.out.print(run.stdout());
    assertThat(run.status()).as("stderr: %s", run.stderr()).isZero();
    List<List<String>> rows = CsvReader.read(out.resolve("episodes.csv"));
    assertThat(rows).hasSize(1 + episodes);
    return rows;
  }

  /**
   * Checks that at least {@code required} of the episode rows (header left out) of {@code
   * episodesCsv} succeeded; the failure message names {@code task} and shows the rows.
   */
  static void assertSucceeded(List<List<String>> episodesCsv, int required, String task) {
    int succeeded = BenchReport.EPISODE_HEADER.indexOf("succeeded");
    List<List<String>> rows = episodesCsv.subList(1, episodesCsv.size());
    long successes = rows.stream().filter(row -> Boolean.parseBoolean(row.get(succeeded))).count();
    assertThat(successes)
        .as("%s successes of %d (episodes.csv: %s)", task, rows.size(), episodesCsv)
        .isGreaterThanOrEqualTo(required);
  }
}
