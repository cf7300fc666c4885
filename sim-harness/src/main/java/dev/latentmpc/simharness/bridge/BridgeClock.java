package dev.latentmpc.simharness.bridge;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The two clocks a bridge stamps messages with: the wall clock (Unix time on the wire) and the
 * monotonic clock that {@code ArmState} and {@code CameraFrame} timestamps are read on.
 *
 * @param wall wall clock, for {@code *_unix_nanos} fields
 * @param monotonicNanos the monotonic clock of the arm and camera (e.g. {@code System::nanoTime})
 */
public record BridgeClock(InstantSource wall, LongSupplier monotonicNanos) {
  /** The system clocks: {@link InstantSource#system()} and {@link System#nanoTime()}. */
  public static final BridgeClock SYSTEM =
      new BridgeClock(InstantSource.system(), System::nanoTime);

  /** Checks both clocks are present. */
  public BridgeClock {
    Objects.requireNonNull(wall, "wall is null");
    Objects.requireNonNull(monotonicNanos, "monotonicNanos is null");
  }

  /** The current monotonic time, nanoseconds. */
  long nowNanos() {
    return monotonicNanos.getAsLong();
  }

  /**
   * Converts a monotonic timestamp into Unix nanoseconds by its distance from now.
   *
   * @param timestampNanos a reading of {@link #monotonicNanos}
   * @return the same instant on the wall clock, nanoseconds since the Unix epoch
   */
  long toUnixNanos(long timestampNanos) {
    Instant now = wall.instant();
    long wallNowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return wallNowNanos - (nowNanos() - timestampNanos);
  }
}
