package dev.latentmpc.controller.admission;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of {@link DiagnosticsGate}, named in refusals by the configuration keys that set them.
 *
 * @param maxConcurrent diagnostic calls running at once, ≥ 1
 * @param maxQueued calls waiting for their turn at most, ≥ 0
 * @param maxPerPrincipal calls one caller may have running or waiting, ≥ 1
 * @param maxWait longest a call may wait in all (for its turn, and paused while tasks run), ≥ 0
 */
public record DiagnosticsLimits(
    int maxConcurrent, int maxQueued, int maxPerPrincipal, Duration maxWait) {
  /** Configuration key of {@link #maxConcurrent}. */
  public static final String MAX_CONCURRENT_KEY = "diagnostics.maxConcurrent";

  /** Configuration key of {@link #maxQueued}. */
  public static final String MAX_QUEUED_KEY = "diagnostics.maxQueued";

  /** Configuration key of {@link #maxPerPrincipal}. */
  public static final String MAX_PER_PRINCIPAL_KEY = "diagnostics.maxPerPrincipal";

  /** Configuration key of {@link #maxWait}, in milliseconds. */
  public static final String MAX_WAIT_MS_KEY = "diagnostics.maxWaitMs";

  /**
   * One call at a time (on a CPU a second one only halves the speed of both), 16 waiting, 4 per
   * caller, 60 s of waiting.
   */
  public static final DiagnosticsLimits DEFAULTS =
      new DiagnosticsLimits(1, 16, 4, Duration.ofSeconds(60));

  /** Checks the bounds. */
  public DiagnosticsLimits {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxConcurrent < 1 || maxQueued < 0 || maxPerPrincipal < 1 || maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "diagnostics limits out of range: maxConcurrent "
              + maxConcurrent
              + ", maxQueued "
              + maxQueued
              + ", maxPerPrincipal "
              + maxPerPrincipal
              + ", maxWait "
              + maxWait);
    }
  }
}
