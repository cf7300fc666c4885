package dev.latentmpc.bench.closedloop;

import java.util.Arrays;

/** Summary statistics over samples; NaN for no samples. */
final class Stats {
  private Stats() {}

  /** The arithmetic mean. */
  static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
  }

  /** The median (the mean of the middle two for an even count). */
  static double median(double[] values) {
    return percentile(values, 50);
  }

  /**
   * The {@code p}-th percentile, linearly interpolated between the closest ranks (the common "type
   * 7" definition: rank {@code (n - 1) · p / 100} in the sorted samples).
   *
   * @param values the samples (not modified)
   * @param p in [0, 100]
   */
  static double percentile(double[] values, double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
    }
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = (sorted.length - 1) * p / 100;
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }
}
