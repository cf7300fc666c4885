package dev.latentmpc.deploy.server;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.controller.arm.ArmIO;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arm and camera of one robot as the composition root opened them, with a one-line description
 * for logs. Closing closes both (the arm first, which stops it where it can).
 *
 * @param arm the arm (bridge client or in-process sim)
 * @param camera the camera observing the scene
 * @param description what they talk to, e.g. "bridge 127.0.0.1:50061"
 */
public record RobotIo(ArmIO arm, CameraIO camera, String description) implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RobotIo.class);

  /** Checks that nothing is null. */
  public RobotIo {
    Objects.requireNonNull(arm, "arm");
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(description, "description");
  }

  /** Closes the arm, then the camera; never throws. */
  @Override
  public void close() {
    try {
      arm.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the arm ({}) failed", description, e);
    }
    try {
      camera.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the camera ({}) failed", description, e);
    }
  }
}
