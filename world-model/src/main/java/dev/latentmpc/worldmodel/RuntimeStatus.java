package dev.latentmpc.worldmodel;

import java.util.Objects;
import java.util.Optional;

/**
 * What the runtime actually runs on, for logs, health checks and benchmark reports.
 *
 * @param requestedProvider the provider the configuration asked for
 * @param activeProvider the provider the graphs run on
 * @param fallbackReason why the active provider differs from the requested one; empty when not
 * @param intraOpThreads threads inside one operator (0 = the runtime's default, one per core)
 * @param interOpThreads threads across independent operators (0 = the runtime's default)
 * @param runtimeVersion version of the inference runtime
 */
public record RuntimeStatus(
    ExecutionProvider requestedProvider,
    ExecutionProvider activeProvider,
    Optional<String> fallbackReason,
    int intraOpThreads,
    int interOpThreads,
    String runtimeVersion) {

  /** Checks that nothing is null. */
  public RuntimeStatus {
    Objects.requireNonNull(requestedProvider, "requestedProvider");
    Objects.requireNonNull(activeProvider, "activeProvider");
    Objects.requireNonNull(fallbackReason, "fallbackReason");
    Objects.requireNonNull(runtimeVersion, "runtimeVersion");
  }

  /** Returns true when the runtime fell back from the requested provider. */
  public boolean fellBack() {
    return fallbackReason.isPresent();
  }
}
