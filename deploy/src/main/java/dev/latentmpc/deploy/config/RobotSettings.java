package dev.latentmpc.deploy.config;

import dev.latentmpc.controller.bridge.BridgeClientConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The robot the service controls and where its arm and camera come from.
 *
 * @param robotId name of the robot in logs, metrics and the operator API
 * @param source bridge or in-process simulation
 * @param bridge the bridge client's address and deadlines (used when {@code source} is {@link
 *     ArmSource#BRIDGE})
 * @param sim the simulated scene (used when {@code source} is {@link ArmSource#SIM})
 * @param healthProbePeriod how often the health service checks that the robot answers
 * @param camera which camera serves the robot (the {@code camera} section) and its OpenCV settings
 */
public record RobotSettings(
    String robotId,
    ArmSource source,
    BridgeClientConfig bridge,
    SimSettings sim,
    Duration healthProbePeriod,
    CameraSettings camera) {
  /** Checks that nothing is null. */
  public RobotSettings {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(bridge, "bridge");
    Objects.requireNonNull(sim, "sim");
    Objects.requireNonNull(healthProbePeriod, "healthProbePeriod");
    Objects.requireNonNull(camera, "camera");
  }
}
