package dev.latentmpc.deploy.server;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.task.GroundTruth;
import dev.latentmpc.simharness.task.EpisodeScene;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arm and camera of one robot as the composition root opened them, with a one-line description
 * for logs, and the simulated scene when the arm is the in-process sim. Closing closes arm and
 * camera (the arm first, which stops it where it can).
 *
 * @param arm the arm (bridge client or in-process sim)
 * @param camera the camera observing the scene
 * @param description what they talk to, e.g. "bridge 127.0.0.1:50061"
 * @param scene the in-process sim's scene (its ground truth, and the benchmark's reset between
 *     episodes); empty for a bridge
 */
public record RobotIo(ArmIO arm, CameraIO camera, String description, Optional<EpisodeScene> scene)
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RobotIo.class);

  /** Checks that nothing is null. */
  public RobotIo {
    Objects.requireNonNull(arm, "arm");
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(scene, "scene");
  }

  /** IO without a simulated scene (a bridge, or a test's arm and camera). */
  public RobotIo(ArmIO arm, CameraIO camera, String description) {
    this(arm, camera, description, Optional.empty());
  }

  /** Returns what the robot side knows of task success: the sim scene's, else nothing. */
  public GroundTruth groundTruth() {
    return scene.<GroundTruth>map(s -> s).orElse(GroundTruth.NONE);
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
