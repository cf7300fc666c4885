package dev.latentmpc.deploy.config;

/** Where the arm and the camera the service controls come from. */
public enum ArmSource {
  /** A robot (or simulator) bridge over gRPC: {@code ArmIOBridge} and {@code CameraIOBridge}. */
  BRIDGE,
  /**
   * The simulated arm, scene and camera in this process: {@code ArmIOSim} and {@code CameraIOSim}.
   */
  SIM
}
