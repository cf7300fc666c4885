package dev.latentmpc.controller.bridge;

import dev.latentmpc.controller.testing.PythonBridgeConfig;

/** The ArmIO contract over the Python bridge's kinematic driver (no robot library). */
class PythonBridgeKinematicContractTest extends PythonBridgeContractTest {
  @Override
  PythonBridgeConfig config() {
    return PythonBridgeConfig.kinematic().withMaxSpeedMps(SLOW_SPEED_MPS);
  }
}
