package dev.latentmpc.deploy.operator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code latent-mpc operator}: the operator's command line against a running server. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = {
      "Talk to a running `latent-mpc serve` (latentmpc.control.v1.Control) at --server HOST:PORT"
          + " (default: $LATENT_MPC_SERVER, else 127.0.0.1:50051).",
      "Exit status: 0 ok, 1 the server answered an error (its gRPC status is shown) or the task"
          + " failed, 2 bad arguments."
    },
    subcommands = {
      UploadCommand.class,
      RunCommand.class,
      CancelCommand.class,
      EstopCommand.class,
      ResetEstopCommand.class,
      StatusCommand.class,
      InfoCommand.class,
      LandscapeCommand.class
    })
public final class OperatorCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Creates the command; picocli injects the spec. */
  public OperatorCommand() {}

  /** Reached only without a subcommand: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }
}
