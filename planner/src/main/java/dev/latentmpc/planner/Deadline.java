package dev.latentmpc.planner;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A point in time on a nanosecond clock after which the planner starts no new CEM iteration.
 *
 * <p>The clock is injected (for example {@code System::nanoTime} in production, a manual clock in
 * tests) and compared as {@link System#nanoTime()} values are: by the sign of the difference, so
 * the clock may wrap, and deadlines must lie within 2<sup>63</sup> ns (292 years) of its readings.
 * Instances are immutable; thread-safe when the clock is.
 */
public final class Deadline {

  private static final Deadline NONE = new Deadline(null, 0);

  private final LongSupplier clockNanos;
  private final long expiresAtNanos;

  private Deadline(LongSupplier clockNanos, long expiresAtNanos) {
    this.clockNanos = clockNanos;
    this.expiresAtNanos = expiresAtNanos;
  }

  /** Returns the deadline that never expires. */
  public static Deadline none() {
    return NONE;
  }

  /**
   * Returns the deadline {@code budgetNanos} after the clock's current reading.
   *
   * @param clockNanos monotonic clock in nanoseconds
   * @param budgetNanos time from now; zero or negative gives a deadline that has already passed
   */
  public static Deadline after(LongSupplier clockNanos, long budgetNanos) {
    Objects.requireNonNull(clockNanos, "clockNanos");
    return new Deadline(clockNanos, clockNanos.getAsLong() + budgetNanos);
  }

  /**
   * Returns the deadline at reading {@code expiresAtNanos} of the clock.
   *
   * @param clockNanos monotonic clock in nanoseconds
   * @param expiresAtNanos the clock reading at which the deadline has passed
   */
  public static Deadline at(LongSupplier clockNanos, long expiresAtNanos) {
    Objects.requireNonNull(clockNanos, "clockNanos");
    return new Deadline(clockNanos, expiresAtNanos);
  }

  /** Returns whether this deadline can expire, i.e. it is not {@link #none()}. */
  public boolean isBounded() {
    return clockNanos != null;
  }

  /** Returns whether the clock has reached the deadline; never true for {@link #none()}. */
  public boolean isExpired() {
    return remainingNanos() <= 0;
  }

  /**
   * Returns the time left before the deadline, zero or negative once it has passed, {@link
   * Long#MAX_VALUE} for {@link #none()}.
   */
  public long remainingNanos() {
    return clockNanos == null ? Long.MAX_VALUE : expiresAtNanos - clockNanos.getAsLong();
  }

  @Override
  public String toString() {
    return clockNanos == null ? "Deadline[none]" : "Deadline[at " + expiresAtNanos + " ns]";
  }
}
