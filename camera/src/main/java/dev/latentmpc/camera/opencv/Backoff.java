package dev.latentmpc.camera.opencv;

import java.time.Duration;

/** Exponential backoff: the first wait, doubled after every failed attempt, up to a cap. */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private long nextNanos;

  Backoff(Duration initial, Duration max) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.nextNanos = initialNanos;
  }

  /** Returns the wait before the next attempt and doubles the one after, up to the cap. */
  long nextNanos() {
    long wait = nextNanos;
    nextNanos = wait > maxNanos / 2 ? maxNanos : Math.min(maxNanos, 2 * wait);
    return wait;
  }

  /** Starts over at the first wait (after a frame came through). */
  void reset() {
    nextNanos = initialNanos;
  }
}
