package dev.latentmpc.controller.arm;

import dev.latentmpc.worldmodel.StateConvention;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ArmIO} that forwards every call to another; subclasses override the calls they guard or
 * record. Closing it closes the delegate unless a subclass says otherwise.
 */
public abstract class ForwardingArmIO implements ArmIO {
  private final ArmIO delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingArmIO(ArmIO delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Returns the arm the calls go to. */
  protected final ArmIO delegate() {
    return delegate;
  }

  @Override
  public ArmState read() throws ArmUnavailableException {
    return delegate.read();
  }

  @Override
  public MoveResult moveDelta(Delta delta, Duration timeout)
      throws ArmUnavailableException, TimeoutException {
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
    delegate.close();
  }
}
