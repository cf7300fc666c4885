package dev.latentmpc.deploy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the operator API listens and how it shuts down.
 *
 * @param host address to bind; {@code 127.0.0.1} (default) keeps the API on this machine, {@code
 *     0.0.0.0} opens it on every interface
 * @param port TCP port; 0 binds any free port (tests)
 * @param shutdownGrace how long running calls may take to finish at shutdown before they are
 *     cancelled
 * @param healthPort TCP port of a plaintext listener on {@code host} that serves only the gRPC
 *     health service, for probes that cannot speak TLS (the kubelet's); {@value #NO_HEALTH_PORT}
 *     for none, 0 for any free port
 */
public record ApiSettings(String host, int port, Duration shutdownGrace, int healthPort) {
  /** Default operator API host. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default operator API port. */
  public static final int DEFAULT_PORT = 50051;

  /** {@link #healthPort()} when there is no separate health listener (the default). */
  public static final int NO_HEALTH_PORT = -1;

  /** Checks the values. */
  public ApiSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    if (healthPort < NO_HEALTH_PORT || healthPort > 65_535) {
      throw new IllegalArgumentException("healthPort must be in [-1, 65535], got " + healthPort);
    }
  }
}
