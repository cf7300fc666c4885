package dev.latentmpc.simharness.world;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * How a simulated motion maps to wall-clock time. The core never sleeps ({@link #instant()}); the
 * bridge server paces moves in real time ({@link #wallClock(LongSupplier)}) so a remote client sees
 * a robot-like blocking call that {@code stop} can cut short.
 */
public interface MotionPacer {
  /**
   * Lets a motion of {@code durationSeconds} run.
   *
   * @param durationSeconds how long the motion takes
   * @return the seconds it actually ran: the duration, or less when {@link #stop()} cut it short
   * @throws InterruptedException when the waiting thread is interrupted
   */
  double await(double durationSeconds) throws InterruptedException;

  /** Cuts short a motion in {@link #await}; later motions are not affected. */
  void stop();

  /** Simulated time only: every motion completes at once. */
  static MotionPacer instant() {
    return new MotionPacer() {
      @Override
      public double await(double durationSeconds) {
        return durationSeconds;
      }

      @Override
      public void stop() {
        // Motions complete inside await, so there is never one in flight to stop.
      }
    };
  }

  /**
   * Real time: {@link #await} blocks for the duration on {@code nanoTime} (e.g. System::nanoTime)
   * unless stopped.
   */
  static MotionPacer wallClock(LongSupplier nanoTime) {
    return new WallClock(nanoTime);
  }

  /** The real-time pacer. */
  final class WallClock implements MotionPacer {
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long stops;

    private WallClock(LongSupplier nanoTime) {
      this.nanoTime = nanoTime;
    }

    @Override
    public double await(double durationSeconds) throws InterruptedException {
      lock.lock();
      try {
        long generation = stops;
        long start = nanoTime.getAsLong();
        long deadline = start + Math.round(durationSeconds * 1e9);
        while (true) {
          long now = nanoTime.getAsLong();
          if (stops != generation) {
            return Math.min(durationSeconds, (now - start) / 1e9);
          }
          if (now >= deadline) {
            return durationSeconds;
          }
          changed.awaitNanos(deadline - now);
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void stop() {
      lock.lock();
      try {
        stops++;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
