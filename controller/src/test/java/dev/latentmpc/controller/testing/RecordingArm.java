package dev.latentmpc.controller.testing;

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
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * In-memory {@link ArmIO} for tests: integrates every delta exactly (xyz and rotations added,
 * gripper clipped to [0, 1]), records every command, counts reads and stops, and fails on demand.
 */
public final class RecordingArm implements ArmIO {

  private final LongSupplier clockNanos;
  private final List<Delta> commands = new ArrayList<>();
  private double[] state;
  private int reads;
  private int stops;
  private Exception moveFault;
  private ArmUnavailableException stopFault;
  private boolean closed;
  private StateConvention convention = StateConvention.FRANKA_HAND_TCP;
  private Exception conventionFault;

  /** Creates an arm at {@code [x, y, z, roll, pitch, yaw, gripper]}. */
  public RecordingArm(LongSupplier clockNanos, double... initialState) {
    if (initialState.length != 7) {
      throw new IllegalArgumentException("7 state values");
    }
    this.clockNanos = clockNanos;
    state = initialState.clone();
  }

  /** Returns an arm in the middle of the default workspace, gripper open. */
  public static RecordingArm centred(LongSupplier clockNanos) {
    return new RecordingArm(clockNanos, 0.5, 0.0, 0.3, Math.PI, 0.0, 0.0, 0.0);
  }

  @Override
  public ArmState read() {
    reads++;
    return current();
  }

  @Override
  public MoveResult moveDelta(Delta delta, Duration timeout)
      throws ArmUnavailableException, TimeoutException {
    if (moveFault instanceof ArmUnavailableException e) {
      throw e;
    }
    if (moveFault instanceof TimeoutException e) {
      throw e;
    }
    if (moveFault instanceof RuntimeException e) {
      throw e;
    }
    commands.add(delta);
    state[0] += delta.dxM();
    state[1] += delta.dyM();
    state[2] += delta.dzM();
    state[3] += delta.dRollRad();
    state[4] += delta.dPitchRad();
    state[5] += delta.dYawRad();
    state[6] = Math.max(0, Math.min(1, state[6] + delta.dGripper()));
    return new MoveResult(current(), false, false, Duration.ofMillis(250));
  }

  /** Reports {@link StateConvention#FRANKA_HAND_TCP} (the test bundle's) unless told otherwise. */
  @Override
  public StateConvention stateConvention()
      throws ArmUnavailableException, StateConventionException {
    if (conventionFault instanceof ArmUnavailableException e) {
      throw e;
    }
    if (conventionFault instanceof StateConventionException e) {
      throw e;
    }
    return convention;
  }

  @Override
  public void stop() throws ArmUnavailableException {
    stops++;
    if (stopFault != null) {
      throw stopFault;
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Makes every later move throw {@code fault} (an ArmUnavailable, Timeout or runtime one). */
  public void failMovesWith(Exception fault) {
    moveFault = fault;
  }

  /** Makes later state convention queries answer {@code reported}. */
  public void reportConvention(StateConvention reported) {
    convention = reported;
  }

  /**
   * Makes every later convention query throw {@code fault} (an ArmUnavailable or convention one).
   */
  public void failConventionWith(Exception fault) {
    conventionFault = fault;
  }

  /** Makes every later stop throw {@code fault}. */
  public void failStopsWith(ArmUnavailableException fault) {
    stopFault = fault;
  }

  /** Returns every command moved, in order. */
  public List<Delta> commands() {
    return List.copyOf(commands);
  }

  /** Returns how often the state was read. */
  public int reads() {
    return reads;
  }

  /** Returns how often stop was called. */
  public int stops() {
    return stops;
  }

  /** Returns whether close was called. */
  public boolean closed() {
    return closed;
  }

  private ArmState current() {
    return new ArmState(
        state[0],
        state[1],
        state[2],
        state[3],
        state[4],
        state[5],
        state[6],
        clockNanos.getAsLong());
  }
}
