package dev.latentmpc.simharness.dataset;

import dev.latentmpc.simharness.render.AppearanceJitter;
import dev.latentmpc.simharness.render.CameraSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the dataset generator makes, validated once. Everything here goes into {@code dataset.json}
 * and must match on a resumed run (except {@link #episodes}, which may grow).
 *
 * @param episodes number of episodes, 1..999999
 * @param seed dataset seed, ≥ 0; every episode's seed, kind and task derive from it and its index
 * @param randomFraction share of random-motion episodes, 0..1 (the rest are noisy demonstrations)
 * @param tasks task names, cycled over episode indices
 * @param camera the base camera (its size is the frame size)
 * @param jitter per-episode appearance variation (camera, light, table texture)
 * @param demoNoiseStdM largest Gaussian translation noise per axis of a demonstration, metres; each
 *     demonstration draws its own level uniformly in [0, this]
 * @param demoRandomActionProbability largest chance per step that a demonstration takes a random
 *     action instead; drawn per demonstration like the noise level (with the same factor)
 * @param maxDemoSteps step limit of a demonstration, 0 = the oracle's per-task default; an
 *     unfinished demonstration is kept as a failure
 * @param randomSteps actions per random-motion episode (frames = steps + 1)
 * @param randomMaxDeltaM largest |dx|, |dy|, |dz| of a random action, metres
 * @param randomGripperProbability chance per random step of a gripper change
 * @param randomGripperStillProbability chance that a random step's gripper change comes with the
 *     hand held still, so the fingers' own effect on the image is seen apart from any motion
 */
public record DatasetSettings(
    int episodes,
    long seed,
    double randomFraction,
    List<String> tasks,
    CameraSpec camera,
    AppearanceJitter jitter,
    double demoNoiseStdM,
    double demoRandomActionProbability,
    int maxDemoSteps,
    int randomSteps,
    double randomMaxDeltaM,
    double randomGripperProbability,
    double randomGripperStillProbability) {

  /** Frames per second of the recording: one step is 0.25 s of motion (V-JEPA 2-AC's 4 fps). */
  public static final int FPS = 4;

  /** Default actions per random episode: 16 frames, a 4-s clip at 4 fps as in Droid. */
  public static final int DEFAULT_RANDOM_STEPS = 15;

  /** Default largest per-axis random translation, metres (the planner's L1 ball is 0.075). */
  public static final double DEFAULT_RANDOM_MAX_DELTA_M = 0.05;

  /** Default largest demonstration noise, metres per axis. */
  public static final double DEFAULT_DEMO_NOISE_STD_M = 0.02;

  /** Default largest random-action probability of a demonstration. */
  public static final double DEFAULT_DEMO_RANDOM_ACTION_PROBABILITY = 0.3;

  /** Default chance per random step of a gripper change. */
  public static final double DEFAULT_RANDOM_GRIPPER_PROBABILITY = 0.3;

  /** Default chance that a random gripper change holds the hand still. */
  public static final double DEFAULT_RANDOM_GRIPPER_STILL_PROBABILITY = 0.5;

  /** Validates every field, reporting all problems at once. */
  public DatasetSettings {
    Objects.requireNonNull(camera, "camera is null");
    Objects.requireNonNull(jitter, "jitter is null");
    tasks = List.copyOf(tasks);
    List<String> bad = new ArrayList<>();
    check(bad, episodes >= 1 && episodes <= 999_999, "episodes must be in [1, 999999]");
    check(bad, seed >= 0, "seed must be >= 0");
    check(bad, randomFraction >= 0 && randomFraction <= 1, "random fraction must be in [0, 1]");
    check(bad, !tasks.isEmpty(), "at least one task is needed");
    check(bad, demoNoiseStdM >= 0 && demoNoiseStdM <= 0.1, "demo noise must be in [0, 0.1] m");
    check(
        bad,
        demoRandomActionProbability >= 0 && demoRandomActionProbability <= 1,
        "demo random-action probability must be in [0, 1]");
    check(bad, maxDemoSteps >= 0 && maxDemoSteps <= 10_000, "max demo steps must be in [0, 10000]");
    check(bad, randomSteps >= 1 && randomSteps <= 10_000, "random steps must be in [1, 10000]");
    check(
        bad,
        randomMaxDeltaM > 0 && randomMaxDeltaM <= 0.2,
        "random max delta must be in (0, 0.2] m");
    check(
        bad,
        randomGripperProbability >= 0 && randomGripperProbability <= 1,
        "random gripper probability must be in [0, 1]");
    check(
        bad,
        randomGripperStillProbability >= 0 && randomGripperStillProbability <= 1,
        "random gripper still probability must be in [0, 1]");
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", bad));
    }
  }

  /** The given episodes, seed, fraction and tasks with every other setting at its default. */
  public static DatasetSettings defaults(
      int episodes, long seed, double randomFraction, List<String> tasks) {
    return new DatasetSettings(
        episodes,
        seed,
        randomFraction,
        tasks,
        CameraSpec.DEFAULT,
        AppearanceJitter.NONE,
        DEFAULT_DEMO_NOISE_STD_M,
        DEFAULT_DEMO_RANDOM_ACTION_PROBABILITY,
        0,
        DEFAULT_RANDOM_STEPS,
        DEFAULT_RANDOM_MAX_DELTA_M,
        DEFAULT_RANDOM_GRIPPER_PROBABILITY,
        DEFAULT_RANDOM_GRIPPER_STILL_PROBABILITY);
  }

  /** A copy with another camera (e.g. another image size). */
  public DatasetSettings withCamera(CameraSpec newCamera) {
    return new DatasetSettings(
        episodes,
        seed,
        randomFraction,
        tasks,
        newCamera,
        jitter,
        demoNoiseStdM,
        demoRandomActionProbability,
        maxDemoSteps,
        randomSteps,
        randomMaxDeltaM,
        randomGripperProbability,
        randomGripperStillProbability);
  }

  /** A copy with another appearance jitter. */
  public DatasetSettings withJitter(AppearanceJitter newJitter) {
    return new DatasetSettings(
        episodes,
        seed,
        randomFraction,
        tasks,
        camera,
        newJitter,
        demoNoiseStdM,
        demoRandomActionProbability,
        maxDemoSteps,
        randomSteps,
        randomMaxDeltaM,
        randomGripperProbability,
        randomGripperStillProbability);
  }

  /** A copy with other random-motion gripper settings (chance of a change, chance it is still). */
  public DatasetSettings withRandomGripper(double probability, double stillProbability) {
    return new DatasetSettings(
        episodes,
        seed,
        randomFraction,
        tasks,
        camera,
        jitter,
        demoNoiseStdM,
        demoRandomActionProbability,
        maxDemoSteps,
        randomSteps,
        randomMaxDeltaM,
        probability,
        stillProbability);
  }

  private static void check(List<String> bad, boolean ok, String message) {
    if (!ok) {
      bad.add(message);
    }
  }
}
