package dev.latentmpc.deploy.config;

import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.task.SimTask;
import java.util.Objects;

/**
 * The in-process simulated scene used when the arm source is {@link ArmSource#SIM}.
 *
 * @param task the task whose seeded episode sets up the scene (arm start, objects, target)
 * @param seed the episode seed, ≥ 0
 * @param pacing whether moves take real time (as on a robot, so {@code stop} can cut one short) or
 *     complete at once
 * @param camera the simulated camera: the one the model bundle was trained through when its
 *     model.json records it ({@link TrainingCamera}), otherwise {@link CameraSpec#DEFAULT}
 */
public record SimSettings(SimTask task, long seed, boolean pacing, CameraSpec camera) {
  /** Checks the values. */
  public SimSettings {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(camera, "camera");
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be >= 0, got " + seed);
    }
  }
}
