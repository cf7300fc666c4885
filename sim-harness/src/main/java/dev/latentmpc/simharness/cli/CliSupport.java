package dev.latentmpc.simharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Option checks and error reporting shared by the {@code sim} subcommands (and the research
 * subcommands another module adds to {@code sim}).
 */
public final class CliSupport {
  /** Exit status for bad options (picocli's usage-error status). */
  public static final int EXIT_USAGE = 2;

  /** Exit status for a failure while running (I/O, simulation). */
  public static final int EXIT_FAILURE = 1;

  private CliSupport() {}

  /**
   * Runs a subcommand body, turning a {@link SimUsageException} into one error line and status 2.
   *
   * @param spec the subcommand's spec (for its error stream)
   * @param body the work
   * @return the body's status, or {@link #EXIT_USAGE}
   * @throws Exception what the body throws besides usage errors
   */
  public static int run(CommandSpec spec, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (SimUsageException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + e.getMessage());
      err.flush();
      return EXIT_USAGE;
    }
  }

  /**
   * Returns {@code seed} if it is a non-negative integer, else throws a {@link SimUsageException}.
   */
  public static long seed(long seed) {
    if (seed < 0) {
      throw new SimUsageException(
          "--seed must be >= 0, got " + seed + "; pass a non-negative integer");
    }
    return seed;
  }

  /** Returns {@code value} if it is a positive count, else throws a {@link SimUsageException}. */
  public static int positive(String option, int value) {
    if (value < 1) {
      throw new SimUsageException(option + " must be >= 1, got " + value);
    }
    return value;
  }

  /**
   * Creates {@code dir} if needed and checks that files can be written in it.
   *
   * @param option the option that named it, for the message
   * @param dir the directory
   * @return the directory
   */
  public static Path writableDirectory(String option, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new SimUsageException(
          option + " " + dir + " is a file, not a directory; pass a directory path");
    }
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check-", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new SimUsageException(
          "cannot write to "
              + option
              + " "
              + dir
              + " ("
              + e.getClass().getSimpleName()
              + "); pass a writable directory");
    }
    return dir;
  }
}
