package dev.latentmpc.worldmodel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code model}: inspect and benchmark model bundles. Runs standalone through {@link #main} or as a
 * subcommand of the service's command line.
 */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Inspect and benchmark V-JEPA 2-AC model bundles.",
    subcommands = {ModelInfoCommand.class, ModelBenchCommand.class})
public final class ModelCommand implements Runnable {
  /** Exit code for a bundle that cannot be used (bad path, bad model.json, bad graph). */
  static final int EXIT_BAD_BUNDLE = 2;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: info or bench");
  }

  /** Returns a command line for {@code model} with case-insensitive enum values. */
  public static CommandLine commandLine() {
    return new CommandLine(new ModelCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** Runs {@code model} with {@code args} and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
