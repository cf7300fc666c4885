package dev.latentmpc.simharness.world;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmIOContractTest;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.StateConvention;

/**
 * The ArmIO contract on {@link ArmIOSim} paced in real time (as the sim bridge and the service's
 * in-process sim run it), on an arm slowed to 2 % of the Panda's Cartesian limits so that a 10 cm
 * move takes about three seconds.
 */
class ArmIOSimContractTest extends ArmIOContractTest {
  /** Sim arms move at 2 % of the Panda's limits here: 0.034 m/s. */
  static final double SLOW_SPEED_FRACTION = 0.02;

  private SimWorld world;

  @Override
  protected ArmIO createArm() {
    world =
        Episode.create(SimTask.REACH, 3)
            .startWorld(SimArmConfig.defaults().withSpeedFraction(SLOW_SPEED_FRACTION));
    return new ArmIOSim(world, System::nanoTime, MotionPacer.wallClock(System::nanoTime));
  }

  @Override
  protected ArmState observe() {
    return world.armState(System.nanoTime());
  }

  /** 10 cm along y towards the middle of the workspace. */
  @Override
  protected Delta slowMove(ArmState from) {
    return new Delta(0, from.yM() > 0 ? -0.1 : 0.1, 0, 0, 0, 0, 0);
  }

  @Override
  protected StateConvention expectedConvention() {
    return StateConvention.FRANKA_HAND_TCP;
  }
}
