package dev.latentmpc.controller.testing;

import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.worldmodel.StateConvention;

/**
 * A test arm's answer to {@code ArmIO.stateConvention()}: {@link StateConvention#FRANKA_HAND_TCP}
 * (the test bundle's) until told otherwise, or a fault thrown instead. Thread-safe.
 */
public final class ScriptedConvention {
  private StateConvention convention = StateConvention.FRANKA_HAND_TCP;
  private Exception fault;

  /** Returns the convention, or throws the fault set by {@link #fail}. */
  public synchronized StateConvention answer()
      throws ArmUnavailableException, StateConventionException {
    if (fault instanceof ArmUnavailableException e) {
      throw e;
    }
    if (fault instanceof StateConventionException e) {
      throw e;
    }
    return convention;
  }

  /** Makes later answers {@code reported}. */
  public synchronized void report(StateConvention reported) {
    convention = reported;
  }

  /** Makes every later answer throw {@code fault} (an ArmUnavailable or convention one). */
  public synchronized void fail(Exception fault) {
    this.fault = fault;
  }
}
