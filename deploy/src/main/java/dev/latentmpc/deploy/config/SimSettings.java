package dev.latentmpc.deploy.config;

import dev.latentmpc.simharness.task.TaskKind;
import java.util.Objects;

/**
 * The in-process simulated scene used when the arm source is {@link ArmSource#SIM}.
 *
 * @param task the task whose seeded episode sets up the scene (arm start, objects, target)
 * @param seed the episode seed, ≥ 0
 * @param pacing whether moves take real time (as on a robot, so {@code stop} can cut one short) or
 *     complete at once
 */
public record SimSettings(TaskKind task, long seed, boolean pacing) {
  /** Checks the values. */
  public SimSettings {
    Objects.requireNonNull(task, "task");
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be >= 0, got " + seed);
    }
  }
}
