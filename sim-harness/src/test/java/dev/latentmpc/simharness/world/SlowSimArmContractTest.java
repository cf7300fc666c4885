package dev.latentmpc.simharness.world;

import dev.latentmpc.controller.arm.ArmIOContractTest;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.worldmodel.StateConvention;

/**
 * The ArmIO contract on a simulated arm paced in real time and slowed to 2 % of the Panda's
 * Cartesian limits, so that a 10 cm move takes about three seconds; the simulated world is the
 * independent observer. Subclasses say how the arm under test reaches that world.
 */
public abstract class SlowSimArmContractTest extends ArmIOContractTest {
  /** The slowed arm's limits: 2 % of the Panda's, 0.034 m/s. */
  protected static final SimArmConfig SLOW_ARM = SimArmConfig.defaults().withSpeedFraction(0.02);

  /** The simulated world the arm under test moves; valid after {@link #createArm}. */
  protected abstract SimWorld world();

  @Override
  protected final ArmState observe() {
    return world().armState(System.nanoTime());
  }

  /** 10 cm along y towards the middle of the workspace. */
  @Override
  protected final Delta slowMove(ArmState from) {
    return new Delta(0, from.yM() > 0 ? -0.1 : 0.1, 0, 0, 0, 0, 0);
  }

  @Override
  protected final StateConvention expectedConvention() {
    return StateConvention.FRANKA_HAND_TCP;
  }
}
