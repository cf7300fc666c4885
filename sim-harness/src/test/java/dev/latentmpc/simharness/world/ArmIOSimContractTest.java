package dev.latentmpc.simharness.world;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;

/**
 * The ArmIO contract on {@link ArmIOSim} paced in real time (as the sim bridge and the service's
 * in-process sim run it), on an arm slowed to 2 % of the Panda's Cartesian limits so that a 10 cm
 * move takes about three seconds.
 */
class ArmIOSimContractTest extends SlowSimArmContractTest {
  private SimWorld world;

  @Override
  protected ArmIO createArm() {
    world = Episode.create(SimTask.REACH, 3).startWorld(SLOW_ARM);
    return new ArmIOSim(world, System::nanoTime, MotionPacer.wallClock(System::nanoTime));
  }

  @Override
  protected SimWorld world() {
    return world;
  }
}
