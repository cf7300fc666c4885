package dev.latentmpc.simharness.bridge;

import dev.latentmpc.simharness.world.MotionPacer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A pacer that holds every motion until {@link #stop()} (or a 60 s safety bound), then reports that
 * a quarter of it ran: a test can act while a motion is certainly in flight, without timing.
 */
final class HeldPacer implements MotionPacer {
  private static final long SAFETY_BOUND_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Semaphore started = new Semaphore(0);
  private final Semaphore stopped = new Semaphore(0);
  private boolean inFlight;
  private boolean stopRequested;

  @Override
  public synchronized double await(double durationSeconds) throws InterruptedException {
    inFlight = true;
    stopRequested = false;
    started.release();
    long endNanos = System.nanoTime() + SAFETY_BOUND_NANOS;
    try {
      while (!stopRequested) {
        long leftNanos = endNanos - System.nanoTime();
        if (leftNanos <= 0) {
          return durationSeconds;
        }
        TimeUnit.NANOSECONDS.timedWait(this, leftNanos);
      }
      return durationSeconds / 4;
    } finally {
      inFlight = false;
    }
  }

  /** Cuts short the motion in flight; does nothing when none is. */
  @Override
  public synchronized void stop() {
    if (inFlight) {
      stopRequested = true;
      stopped.release();
      notifyAll();
    }
  }

  /** Waits until a motion in flight has been cut short by {@link #stop()}. */
  boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Whether a motion is held in {@link #await} now. */
  synchronized boolean inFlight() {
    return inFlight;
  }

  /** Waits until a motion has entered {@link #await} (it is held there until {@link #stop()}). */
  boolean awaitMotion(Duration timeout) throws InterruptedException {
    return started.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
