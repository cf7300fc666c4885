package dev.latentmpc.deploy.server;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.worldmodel.StateConvention;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link ArmIO} that forwards to another and records what it was asked: moves started and
 * finished, and {@code stop()} calls, with waits on those counts (deadline-bounded, no sleeping).
 */
public final class RecordingArm implements ArmIO {
  private final ArmIO delegate;
  private final AtomicInteger movesStarted = new AtomicInteger();
  private final AtomicInteger movesFinished = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int stops; // guarded by lock

  /** Wraps {@code delegate}. */
  public RecordingArm(ArmIO delegate) {
    this.delegate = delegate;
  }

  @Override
  public ArmState read() throws ArmUnavailableException {
    return delegate.read();
  }

  @Override
  public MoveResult moveDelta(Delta delta, Duration timeout)
      throws ArmUnavailableException, TimeoutException {
    movesStarted.incrementAndGet();
    try {
      return delegate.moveDelta(delta, timeout);
    } finally {
      movesFinished.incrementAndGet();
    }
  }

  @Override
  public StateConvention stateConvention()
      throws ArmUnavailableException, StateConventionException {
    return delegate.stateConvention();
  }

  @Override
  public void stop() throws ArmUnavailableException {
    delegate.stop();
    lock.lock();
    try {
      stops++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Returns the number of moves started so far. */
  public int movesStarted() {
    return movesStarted.get();
  }

  /** Returns whether a move is running now. */
  public boolean moving() {
    return movesStarted.get() != movesFinished.get();
  }

  /** Returns the number of {@code stop()} calls so far. */
  public int stops() {
    lock.lock();
    try {
      return stops;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until more than {@code count} stops were recorded.
   *
   * @return whether that happened before the deadline
   */
  public boolean awaitStopsAbove(int count, Duration deadline) throws InterruptedException {
    long left = deadline.toNanos();
    lock.lock();
    try {
      while (stops <= count) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
