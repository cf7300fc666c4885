package dev.latentmpc.deploy.operator;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every operator subcommand shares: which server, and how long a call may take. */
final class ServerOptions {
  /** Default operator API address (the server's default bind address). */
  static final String DEFAULT_SERVER = "127.0.0.1:50051";

  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:LATENT_MPC_SERVER:-" + DEFAULT_SERVER + "}",
      description =
          "Operator API address (default: $LATENT_MPC_SERVER, else " + DEFAULT_SERVER + ").")
  String server;

  @Option(
      names = "--timeout-seconds",
      paramLabel = "S",
      defaultValue = "30",
      description = "Deadline of each unary call, seconds (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  /** Returns the per-call deadline, checked. */
  Duration timeout() {
    if (!(timeoutSeconds > 0 && timeoutSeconds <= 3_600)) {
      throw new UsageException("--timeout-seconds must be in (0, 3600], got " + timeoutSeconds);
    }
    return Duration.ofNanos(Math.round(timeoutSeconds * 1e9));
  }
}
