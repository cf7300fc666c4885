package dev.latentmpc.controller.service;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.worldmodel.StateConvention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Thread-safe in-memory {@link ArmIO} for the service tests: integrates every delta exactly,
 * records each move with the state it started from, counts stops, and lets a test wait for a number
 * of moves or stops (no sleeping).
 */
final class IntegratingArm implements ArmIO {

  /** A move and the state it started from. */
  record Move(ArmState before, Delta command) {}

  private final double[] state = {0.5, 0.0, 0.3, Math.PI, 0.0, 0.0, 0.0};
  private final List<Move> moves = new ArrayList<>();
  private int stops;
  private int reads;
  private StateConvention convention = StateConvention.FRANKA_HAND_TCP;
  private Exception conventionFault;

  @Override
  public synchronized ArmState read() {
    reads++;
    return current();
  }

  @Override
  public synchronized MoveResult moveDelta(Delta delta, Duration timeout) {
    moves.add(new Move(current(), delta));
    state[0] += delta.dxM();
    state[1] += delta.dyM();
    state[2] += delta.dzM();
    state[3] += delta.dRollRad();
    state[4] += delta.dPitchRad();
    state[5] += delta.dYawRad();
    state[6] = Math.max(0, Math.min(1, state[6] + delta.dGripper()));
    notifyAll();
    return new MoveResult(current(), false, false, Duration.ofMillis(1));
  }

  /** Reports the test bundle's convention unless {@link #reportConvention} changed it. */
  @Override
  public synchronized StateConvention stateConvention()
      throws ArmUnavailableException, StateConventionException {
    if (conventionFault instanceof ArmUnavailableException e) {
      throw e;
    }
    if (conventionFault instanceof StateConventionException e) {
      throw e;
    }
    return convention;
  }

  /** Makes later convention queries answer {@code reported}. */
  synchronized void reportConvention(StateConvention reported) {
    convention = reported;
  }

  /** Makes later convention queries throw {@code fault} (ArmUnavailable or StateConvention). */
  synchronized void failConventionWith(Exception fault) {
    conventionFault = fault;
  }

  @Override
  public synchronized void stop() throws ArmUnavailableException {
    stops++;
    notifyAll();
  }

  @Override
  public void close() {}

  synchronized List<Move> moves() {
    return List.copyOf(moves);
  }

  synchronized int stops() {
    return stops;
  }

  synchronized int reads() {
    return reads;
  }

  /** Waits up to 20 s until at least {@code count} stops happened; returns whether they did. */
  synchronized boolean awaitStops(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (stops < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private ArmState current() {
    return new ArmState(
        state[0], state[1], state[2], state[3], state[4], state[5], state[6], System.nanoTime());
  }
}
