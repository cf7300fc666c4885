package dev.latentmpc.simharness.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --seed} of the {@code sim} subcommands that build one seeded episode (a picocli
 * mixin).
 */
public final class EpisodeSeedOption {
  /** Creates the option at its default; picocli fills it in. */
  public EpisodeSeedOption() {}

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Episode seed, >= 0 (default: ${DEFAULT-VALUE}).")
  long seed;

  /** Returns the seed, or throws a {@link SimUsageException} when it is negative. */
  public long seed() {
    return CliSupport.seed(seed);
  }
}
