package dev.latentmpc.controller.testing;

import java.util.function.LongSupplier;

/**
 * A nanosecond clock that moves only when a test advances it, or by a fixed tick on every read when
 * one is set (so per-phase latencies become deterministic, non-zero numbers).
 */
public final class ManualClock implements LongSupplier {

  private long nowNanos;
  private long tickPerReadNanos;
  private long reads;

  /** Creates a clock reading {@code startNanos}. */
  public ManualClock(long startNanos) {
    nowNanos = startNanos;
  }

  @Override
  public long getAsLong() {
    reads++;
    long now = nowNanos;
    nowNanos += tickPerReadNanos;
    return now;
  }

  /** Returns the current reading without counting or ticking. */
  public long peekNanos() {
    return nowNanos;
  }

  /** Moves the clock forward. */
  public void advanceNanos(long deltaNanos) {
    nowNanos += deltaNanos;
  }

  /** Makes every later read advance the clock by {@code tickNanos} after returning. */
  public void tickPerRead(long tickNanos) {
    tickPerReadNanos = tickNanos;
  }

  /** Returns how often the clock was read. */
  public long reads() {
    return reads;
  }
}
