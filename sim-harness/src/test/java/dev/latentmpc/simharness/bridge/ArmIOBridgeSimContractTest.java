package dev.latentmpc.simharness.bridge;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmIOContractTest;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.bridge.ArmIOBridge;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.worldmodel.StateConvention;
import org.junit.jupiter.api.AfterEach;

/**
 * The ArmIO contract on {@link ArmIOBridge} over the Java sim bridge, real gRPC on a loopback
 * socket: the simulated arm paced in real time, slowed to 2 % of the Panda's Cartesian limits so
 * that a 10 cm move takes about three seconds. The simulated world is the independent observer.
 */
class ArmIOBridgeSimContractTest extends ArmIOContractTest {
  private BridgeFixture bridge;

  @Override
  protected ArmIO createArm() throws Exception {
    bridge =
        new BridgeFixture(
            MotionPacer.wallClock(System::nanoTime),
            System::nanoTime,
            SimArmConfig.defaults().withSpeedFraction(0.02));
    return ArmIOBridge.connect(bridge.config(), System::nanoTime);
  }

  @AfterEach
  void closeBridge() {
    bridge.close();
  }

  @Override
  protected ArmState observe() {
    return bridge.world.armState(System.nanoTime());
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
