package dev.latentmpc.simharness.bridge;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.bridge.ArmIOBridge;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.simharness.world.SimWorld;
import dev.latentmpc.simharness.world.SlowSimArmContractTest;
import org.junit.jupiter.api.AfterEach;

/**
 * The ArmIO contract on {@link ArmIOBridge} over the Java sim bridge, real gRPC on a loopback
 * socket: the simulated arm paced in real time, slowed to 2 % of the Panda's Cartesian limits so
 * that a 10 cm move takes about three seconds. The simulated world is the independent observer.
 */
class ArmIOBridgeSimContractTest extends SlowSimArmContractTest {
  private BridgeFixture bridge;

  @Override
  protected ArmIO createArm() throws Exception {
    bridge = new BridgeFixture(MotionPacer.wallClock(System::nanoTime), System::nanoTime, SLOW_ARM);
    return ArmIOBridge.connect(bridge.config(), System::nanoTime);
  }

  @AfterEach
  void closeBridge() {
    bridge.close();
  }

  @Override
  protected SimWorld world() {
    return bridge.world;
  }
}
