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

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:LATENT_MPC_TOKEN}",
      description = "Bearer token for security.auth=token (default: $LATENT_MPC_TOKEN).")
  String token;

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description = "Use TLS, trusting the server certificate signed by this CA (PEM).")
  java.nio.file.Path tlsCa;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "Client certificate chain (PEM) for mTLS; needs --tls-key and --tls-ca.")
  java.nio.file.Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "Client private key (PKCS#8 PEM) for mTLS; needs --tls-cert.")
  java.nio.file.Path tlsKey;

  /** Returns the per-call deadline, checked. */
  Duration timeout() {
    if (!(timeoutSeconds > 0 && timeoutSeconds <= 3_600)) {
      throw new UsageException("--timeout-seconds must be in (0, 3600], got " + timeoutSeconds);
    }
    return Duration.ofNanos(Math.round(timeoutSeconds * 1e9));
  }
}
