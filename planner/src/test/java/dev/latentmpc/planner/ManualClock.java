package dev.latentmpc.planner;

import java.util.function.LongSupplier;

/** A nanosecond clock that only moves when a test advances it. */
final class ManualClock implements LongSupplier {

  private long nowNanos;

  ManualClock(long startNanos) {
    nowNanos = startNanos;
  }

  @Override
  public long getAsLong() {
    return nowNanos;
  }

  void advanceNanos(long deltaNanos) {
    nowNanos += deltaNanos;
  }
}
