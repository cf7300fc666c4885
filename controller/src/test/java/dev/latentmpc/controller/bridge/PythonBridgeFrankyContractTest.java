package dev.latentmpc.controller.bridge;

import dev.latentmpc.controller.testing.PythonBridgeConfig;

/**
 * The ArmIO contract over the Python bridge's franky driver, with franky replaced by its recording
 * double (the real library needs libfranka and a robot).
 */
class PythonBridgeFrankyContractTest extends PythonBridgeContractTest {
  @Override
  PythonBridgeConfig config() {
    return PythonBridgeConfig.frankyDouble();
  }
}
