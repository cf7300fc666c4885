package dev.latentmpc.deploy.operator;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs an operator subcommand and turns its failures into one error line naming the fix: a bad
 * argument exits with status 2, an error status from the server with status 1 (its gRPC code and
 * description shown).
 */
final class OperatorSupport {
  /** Exit status for bad arguments (picocli's usage-error status). */
  static final int EXIT_USAGE = 2;

  /** Exit status for an error answered by (or reaching) the server, or a failed task. */
  static final int EXIT_FAILURE = 1;

  private OperatorSupport() {}

  /** The body of a subcommand, given an open connection. */
  @FunctionalInterface
  interface Body {
    /** Runs the subcommand and returns its exit status. */
    int run(OperatorConnection connection) throws Exception;
  }

  /**
   * Opens the connection, runs {@code body} and closes the connection.
   *
   * @param spec the subcommand (for its error stream)
   * @param options which server
   * @param body the work
   * @return the body's status, {@link #EXIT_USAGE} or {@link #EXIT_FAILURE}
   */
  static int run(CommandSpec spec, ServerOptions options, Body body) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try (OperatorConnection connection = OperatorConnection.open(options)) {
      try {
        return body.run(connection);
      } catch (StatusRuntimeException e) {
        err.println("error: " + describe(e.getStatus(), connection.address()));
        return EXIT_FAILURE;
      }
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return EXIT_USAGE;
    } finally {
      err.flush();
    }
  }

  /** Returns the one-line message for an error status, with what to do about it. */
  static String describe(Status status, String address) {
    String description = status.getDescription() == null ? "" : status.getDescription();
    String head = status.getCode() + (description.isEmpty() ? "" : ": " + description);
    return head + "; " + fix(status.getCode(), description, address);
  }

  private static String fix(Status.Code code, String description, String address) {
    String text = description.toLowerCase(Locale.ROOT);
    return switch (code) {
      case UNAVAILABLE ->
          text.contains("bridge") || text.contains("camera") || text.contains("arm")
              ? "the robot side is down: check the bridge (latent-mpc sim serve) and the camera"
              : "is `latent-mpc serve` running at " + address + "? (or pass --server HOST:PORT)";
      case INVALID_ARGUMENT -> "fix the argument the message names";
      case NOT_FOUND -> "check the id (`latent-mpc operator status` shows the running task)";
      case FAILED_PRECONDITION ->
          text.contains("emergency")
              ? "clear the latch with `latent-mpc operator reset-estop` once it is safe"
              : "wait for the running task, cancel it, or pass --preempt";
      case DEADLINE_EXCEEDED -> "the server did not answer in time; raise --timeout-seconds";
      case RESOURCE_EXHAUSTED -> "use a smaller image, or restart the server to empty its store";
      case UNIMPLEMENTED -> "the server does not speak this API version; upgrade one of them";
      case CANCELLED -> "the call was cancelled";
      default -> "see the server log for details";
    };
  }
}
