package dev.latentmpc.controller.loop;

import java.util.function.LongSupplier;

/** Per-phase stopwatch of one step on the controller's clock; one clock read per phase. */
final class StepTimer {

  private final LongSupplier clockNanos;
  private final long startNanos;
  private long lastNanos;
  private long cameraNanos;
  private long encodeNanos;
  private long planNanos;
  private long executeNanos;

  StepTimer(LongSupplier clockNanos) {
    this.clockNanos = clockNanos;
    startNanos = clockNanos.getAsLong();
    lastNanos = startNanos;
  }

  /** Ends the camera phase; returns the clock reading, the snapshot's time. */
  long endCamera() {
    cameraNanos = lap();
    return lastNanos;
  }

  /** Ends the encode phase; returns the clock reading. */
  long endEncode() {
    encodeNanos = lap();
    return lastNanos;
  }

  void endPlan() {
    planNanos = lap();
  }

  void endExecute() {
    executeNanos = lap();
  }

  /** Returns the phases so far; the total runs to the last phase's end. */
  PhaseLatencies latencies() {
    return new PhaseLatencies(
        cameraNanos, encodeNanos, planNanos, executeNanos, lastNanos - startNanos);
  }

  private long lap() {
    long now = clockNanos.getAsLong();
    long elapsed = now - lastNanos;
    lastNanos = now;
    return elapsed;
  }
}
