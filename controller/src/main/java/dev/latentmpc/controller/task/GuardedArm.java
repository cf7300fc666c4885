package dev.latentmpc.controller.task;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.worldmodel.StateConvention;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The runner's view of the arm: refuses every move while the emergency stop is latched, so no step
 * that passed its cancellation check before the latch can start a motion after it. Reads and stops
 * always go through. Closing it leaves the delegate open: the composition root owns the arm.
 */
final class GuardedArm implements ArmIO {

  private final ArmIO delegate;
  private volatile boolean latched;

  GuardedArm(ArmIO delegate) {
    this.delegate = delegate;
  }

  void latch() {
    latched = true;
  }

  void unlatch() {
    latched = false;
  }

  @Override
  public ArmState read() throws ArmUnavailableException {
    return delegate.read();
  }

  @Override
  public MoveResult moveDelta(Delta delta, Duration timeout)
      throws ArmUnavailableException, TimeoutException {
    if (latched) {
      throw new ArmUnavailableException("emergency stop latched: no motion accepted");
    }
    return delegate.moveDelta(delta, timeout);
  }

  @Override
  public StateConvention stateConvention()
      throws ArmUnavailableException, StateConventionException {
    return delegate.stateConvention();
  }

  @Override
  public void stop() throws ArmUnavailableException {
    delegate.stop();
  }

  @Override
  public void close() {
    // The delegate belongs to the composition root, which closes it after the runner.
  }
}
