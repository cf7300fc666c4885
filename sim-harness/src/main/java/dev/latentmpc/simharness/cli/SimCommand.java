package dev.latentmpc.simharness.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sim}: the simulated harness. Runs standalone through {@link #main} or as a subcommand of
 * the service's command line ({@code latent-mpc sim ...}), where the bench module adds its research
 * subcommands ({@code oracle}, {@code reach-probes}, {@code grasp-probes}).
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description =
        "The simulated Franka harness: bridge server, scene renders and dataset generator.",
    subcommands = {BridgeServerCommand.class, RenderCommand.class, DatasetCommand.class})
public final class SimCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Creates the command; picocli injects the spec. */
  public SimCommand() {}

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: " + subcommandNames());
  }

  /** The registered subcommands as "a, b or c": those of this module and any added to it. */
  private String subcommandNames() {
    List<String> names = new ArrayList<>(spec.subcommands().keySet());
    names.remove("help");
    int last = names.size() - 1;
    return last < 1
        ? String.join("", names)
        : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
  }

  /** Returns a command line for {@code sim}. */
  public static CommandLine commandLine() {
    return new CommandLine(new SimCommand());
  }

  /**
   * Runs {@code sim} with {@code args} and exits with its status.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
