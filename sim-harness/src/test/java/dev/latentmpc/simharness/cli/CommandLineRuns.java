package dev.latentmpc.simharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command line in-process with what it prints captured, for the tests of the tools'
 * commands (this module's {@code sim} and the commands built on it).
 */
public final class CommandLineRuns {
  private CommandLineRuns() {}

  /**
   * Runs {@code cli} on {@code args}, its output into {@code out} and {@code err}; the exit status.
   */
  public static int execute(CommandLine cli, StringWriter out, StringWriter err, String... args) {
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** Runs {@code sub --help} on {@code cli} and asserts it prints the usage of {@code sim sub}. */
  public static void assertSimHelp(CommandLine cli, String sub) {
    StringWriter out = new StringWriter();
    assertThat(execute(cli, out, new StringWriter(), sub, "--help")).isZero();
    assertThat(out.toString()).contains("Usage: sim " + sub);
  }

  /** Runs {@code cli} with no arguments and asserts the usage error lists {@code subcommands}. */
  public static void assertMissingSubcommand(CommandLine cli, String subcommands) {
    StringWriter err = new StringWriter();
    assertThat(execute(cli, new StringWriter(), err)).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand: " + subcommands);
  }

  /** Asserts {@code err} is one line, {@code error: ...}, that contains every fragment. */
  public static void assertOneLineError(StringWriter err, String... fragments) {
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).startsWith("error: ");
    for (String f : fragments) {
      assertThat(err.toString()).contains(f);
    }
  }
}
