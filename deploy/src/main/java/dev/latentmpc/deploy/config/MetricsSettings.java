package dev.latentmpc.deploy.config;

import java.util.Objects;

/**
 * Where the Prometheus scrape endpoint ({@code GET /metrics}) listens.
 *
 * @param host address to bind; {@code 127.0.0.1} (default) keeps it on this machine, {@code
 *     0.0.0.0} lets a Prometheus on another host (or in another container) scrape it
 * @param port TCP port; 0 binds any free port (tests), {@link #DISABLED} serves no endpoint
 */
public record MetricsSettings(String host, int port) {
  /** Default metrics host. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default metrics port (the port the OpenTelemetry Prometheus exporter uses by convention). */
  public static final int DEFAULT_PORT = 9464;

  /** The port value that turns the endpoint off. */
  public static final int DISABLED = -1;

  /** Checks the values. */
  public MetricsSettings {
    Objects.requireNonNull(host, "host");
    if (port < DISABLED || port > 65_535) {
      throw new IllegalArgumentException("port must be in [-1, 65535], got " + port);
    }
  }

  /** Returns whether the endpoint is served (the port is not {@link #DISABLED}). */
  public boolean enabled() {
    return port != DISABLED;
  }
}
