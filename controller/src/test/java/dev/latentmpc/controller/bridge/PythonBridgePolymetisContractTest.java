package dev.latentmpc.controller.bridge;

import dev.latentmpc.controller.testing.PythonBridgeConfig;

/**
 * The ArmIO contract over the Python bridge's polymetis driver, with Polymetis replaced by its
 * recording double (the real library needs a Polymetis server on the robot's control PC).
 */
class PythonBridgePolymetisContractTest extends PythonBridgeContractTest {
  @Override
  PythonBridgeConfig config() {
    return PythonBridgeConfig.polymetisDouble(SLOW_SPEED_MPS);
  }
}
