package dev.latentmpc.deploy.monitoring;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code deploy/} folder of the checkout: Maven runs the tests in it; an IDE may run them from
 * the repository root.
 */
final class DeployDir {
  private DeployDir() {}

  /** Returns the absolute {@code deploy/} folder. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate : new Path[] {here, here.resolve("deploy")}) {
      if (Files.isRegularFile(candidate.resolve("prometheus/alerts.yaml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot find the deploy/ folder (with prometheus/alerts.yaml) from " + here);
  }

  /** Returns {@code deploy/prometheus}. */
  static Path prometheus() {
    return root().resolve("prometheus");
  }

  /** Returns the provisioned Grafana dashboard. */
  static Path dashboard() {
    return root().resolve("grafana/dashboards/latent-mpc.json");
  }
}
