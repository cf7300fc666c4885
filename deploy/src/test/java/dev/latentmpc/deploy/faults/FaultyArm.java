package dev.latentmpc.deploy.faults;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.ForwardingArmIO;
import dev.latentmpc.controller.arm.MoveResult;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The bridge side's arm with switchable faults: forwards to the simulated arm, records moves and
 * {@code stop()} calls, and runs a trigger (switching on a fault, here or elsewhere) right after
 * the k-th move finished, before the bridge answers it (so the fault is on from step k on), or when
 * the k-th move starts (so it strikes while that move's call is in flight).
 */
final class FaultyArm extends ForwardingArmIO {
  /** What a move does. */
  enum Fault {
    /** Forwards to the simulated arm. */
    NONE,
    /** Never finishes until {@code stop()} is called (a stalled motion), whatever its timeout. */
    STALL,
    /** Fails at once, as an arm controller that rejects the motion. */
    ERROR
  }

  /** Longest a stalled move waits for its stop: only a bound so a broken test cannot hang. */
  private static final Duration STALL_BOUND = Duration.ofSeconds(30);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private Fault fault = Fault.NONE; // guarded by lock
  private int movesStarted; // guarded by lock
  private int movesFinished; // guarded by lock
  private int stops; // guarded by lock
  private int triggerAfterMoves = -1; // guarded by lock
  private Runnable trigger; // guarded by lock
  private int startTriggerAt = -1; // guarded by lock
  private Runnable startTrigger; // guarded by lock
  private int movesAtTrigger = -1; // guarded by lock
  private int stopsAtTrigger = -1; // guarded by lock

  FaultyArm(ArmIO delegate) {
    super(delegate);
  }

  /** Runs {@code action} (once) right after the {@code moves}-th move finished. */
  void afterMoves(int moves, Runnable action) {
    withLock(() -> {
      triggerAfterMoves = movesFinished + moves;
      trigger = action;
    });
  }

  /**
   * Runs {@code action} (once) when the {@code moves}-th move from now has started, before the arm
   * runs it: the bridge has accepted the call and the client is waiting for its answer.
   */
  void whenMoveStarts(int moves, Runnable action) {
    withLock(() -> {
      startTriggerAt = movesStarted + moves;
      startTrigger = action;
    });
  }

  /** Switches the move fault (NONE heals it). */
  void inject(Fault f) {
    withLock(() -> fault = f);
  }

  @Override
  public MoveResult moveDelta(Delta delta, Duration timeout)
      throws ArmUnavailableException, TimeoutException {
    Fault f;
    int stopsAtStart;
    Runnable atStart = null;
    lock.lock();
    try {
      movesStarted++;
      f = fault;
      stopsAtStart = stops;
      if (startTrigger != null && movesStarted == startTriggerAt) {
        atStart = startTrigger;
        startTrigger = null;
        movesAtTrigger = movesStarted;
        stopsAtTrigger = stops;
      }
    } finally {
      lock.unlock();
    }
    if (atStart != null) {
      atStart.run();
    }
    try {
      return switch (f) {
        case NONE -> super.moveDelta(delta, timeout);
        case ERROR ->
            throw new ArmUnavailableException("injected fault: the arm controller rejected it");
        case STALL -> stallUntilStopped(stopsAtStart);
      };
    } finally {
      finishMove();
    }
  }

  private MoveResult stallUntilStopped(int stopsAtStart) throws ArmUnavailableException {
    lock.lock();
    try {
      long left = STALL_BOUND.toNanos();
      while (stops == stopsAtStart && left > 0) {
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    throw new ArmUnavailableException("injected stall: the motion was stopped before it finished");
  }

  private void finishMove() {
    Runnable run = null;
    lock.lock();
    try {
      movesFinished++;
      if (trigger != null && movesFinished == triggerAfterMoves) {
        run = trigger;
        trigger = null;
        movesAtTrigger = movesStarted;
        stopsAtTrigger = stops;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (run != null) {
      run.run();
    }
  }

  @Override
  public void stop() throws ArmUnavailableException {
    try {
      super.stop();
    } finally {
      withLock(() -> {
        stops++;
        changed.signalAll();
      });
    }
  }

  int movesStarted() {
    return locked(() -> movesStarted);
  }

  boolean moving() {
    return locked(() -> movesStarted != movesFinished);
  }

  int stops() {
    return locked(() -> stops);
  }

  /** Waits up to {@code timeout} until at least {@code count} stops were recorded. */
  boolean awaitStops(int count, Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long left = timeout.toNanos();
      while (stops < count && left > 0) {
        left = changed.awaitNanos(left);
      }
      return stops >= count;
    } finally {
      lock.unlock();
    }
  }

  /** Moves started when the trigger ran (-1 before). */
  int movesAtTrigger() {
    return locked(() -> movesAtTrigger);
  }

  /** Stops recorded when the trigger ran (-1 before). */
  int stopsAtTrigger() {
    return locked(() -> stopsAtTrigger);
  }

  /** Runs {@code update} holding the lock. */
  private void withLock(Runnable update) {
    lock.lock();
    try {
      update.run();
    } finally {
      lock.unlock();
    }
  }

  /** Reads {@code value} holding the lock. */
  private <T> T locked(Supplier<T> value) {
    lock.lock();
    try {
      return value.get();
    } finally {
      lock.unlock();
    }
  }
}
