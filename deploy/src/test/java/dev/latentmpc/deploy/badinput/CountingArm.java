package dev.latentmpc.deploy.badinput;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link ArmIO} that forwards to another and counts the moves it was asked for. */
final class CountingArm implements ArmIO {
  private final ArmIO delegate;
  private final AtomicInteger movesStarted = new AtomicInteger();
  private final AtomicInteger movesFinished = new AtomicInteger();
  private final AtomicInteger stops = new AtomicInteger();

  CountingArm(ArmIO delegate) {
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
  public void stop() throws ArmUnavailableException {
    stops.incrementAndGet();
    delegate.stop();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Returns the number of moves started so far. */
  int movesStarted() {
    return movesStarted.get();
  }

  /** Returns whether a move is running now. */
  boolean moving() {
    return movesStarted.get() != movesFinished.get();
  }

  /** Returns the number of {@code stop()} calls so far. */
  int stops() {
    return stops.get();
  }
}
