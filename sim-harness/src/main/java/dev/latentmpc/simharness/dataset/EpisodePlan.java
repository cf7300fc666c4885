package dev.latentmpc.simharness.dataset;

import java.util.List;

/**
 * What one episode of a dataset will be: its seed, kind and task, a pure function of the dataset
 * settings and the episode index (so a resumed or parallel run makes exactly the same episode).
 *
 * @param index episode index
 * @param seed episode seed, ≥ 0
 * @param kind demonstration or random motion
 * @param task task name
 */
public record EpisodePlan(int index, long seed, EpisodeKind kind, String task) {

  /**
   * The plan of episode {@code index}.
   *
   * @param settings dataset settings (seed, random fraction, tasks)
   * @param index episode index, ≥ 0
   * @return the episode's plan
   */
  public static EpisodePlan of(DatasetSettings settings, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("episode index must be >= 0, got " + index);
    }
    long seed = mix(settings.seed() * 0x9E3779B97F4A7C15L + index) & Long.MAX_VALUE;
    // A second, independent draw decides the kind: uniform in [0, 1) from the top 53 bits.
    double u = (mix(seed ^ 0xD1B54A32D192ED03L) >>> 11) * 0x1.0p-53;
    EpisodeKind kind = u < settings.randomFraction() ? EpisodeKind.RANDOM : EpisodeKind.DEMO;
    List<String> tasks = settings.tasks();
    return new EpisodePlan(index, seed, kind, tasks.get(index % tasks.size()));
  }

  /** SplitMix64's finaliser: a bijective 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
