package dev.latentmpc.simharness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sim}: the simulated harness. Runs standalone through {@link #main} or as a subcommand of
 * the service's command line ({@code latent-mpc sim ...}).
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description =
        "The simulated Franka harness: bridge server, scene renders, oracle and dataset generator.",
    subcommands = {
      ServeCommand.class,
      RenderCommand.class,
      OracleCommand.class,
      DatasetCommand.class,
      ReachProbesCommand.class,
      GraspProbesCommand.class
    })
public final class SimCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Creates the command; picocli injects the spec. */
  public SimCommand() {}

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing subcommand: serve, render, oracle, dataset, reach-probes or grasp-probes");
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
