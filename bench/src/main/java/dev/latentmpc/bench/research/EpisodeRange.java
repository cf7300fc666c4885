package dev.latentmpc.bench.research;

import dev.latentmpc.simharness.cli.CliSupport;
import picocli.CommandLine.Option;

/**
 * Which seeded episodes a research subcommand runs: {@code --episodes} of them from {@code --seed}
 * on (a picocli mixin).
 */
class EpisodeRange {
  @Option(names = "--episodes", required = true, description = "Episodes per task, >= 1.")
  int episodes;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the first episode, >= 0 (default: ${DEFAULT-VALUE}).")
  long seed;

  /** Checks the episode range, or throws a usage error naming the bad option. */
  void checkEpisodes() {
    CliSupport.positive("--episodes", episodes);
    CliSupport.seed(seed);
  }
}
