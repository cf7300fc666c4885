package dev.latentmpc.worldmodel.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Ratios of two quantities timed in the same round, and their median over rounds. The machine's
 * speed drifts between rounds, but both sides of a round share it, so the ratio of a round cancels
 * the drift where the ratio of two separately timed medians would not.
 *
 * @param perRound the ratio of each round, in round order
 */
record RoundRatios(double[] perRound) {

  RoundRatios {
    if (perRound.length == 0) {
      throw new IllegalArgumentException("no rounds");
    }
    perRound = perRound.clone();
  }

  /** Returns {@code numerators[i] / denominators[i]} for each round {@code i}. */
  static RoundRatios of(double[] numerators, double[] denominators) {
    if (numerators.length != denominators.length) {
      throw new IllegalArgumentException(
          "rounds differ: " + numerators.length + " and " + denominators.length);
    }
    double[] ratios = new double[numerators.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerators[i] / denominators[i];
    }
    return new RoundRatios(ratios);
  }

  /** Returns the median over rounds, the mean of the two middle ones for an even count. */
  double median() {
    double[] sorted = perRound.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  double min() {
    return Arrays.stream(perRound).min().orElseThrow();
  }

  double max() {
    return Arrays.stream(perRound).max().orElseThrow();
  }

  int rounds() {
    return perRound.length;
  }

  /** Returns each round's ratio times {@code scale} with one decimal, space-separated. */
  String compact(double scale) {
    return Arrays.stream(perRound)
        .mapToObj(r -> String.format(Locale.ROOT, "%.1f", r * scale))
        .collect(Collectors.joining(" "));
  }

  /** Returns e.g. {@code median of 7 interleaved rounds; 30.1 .. 39.3} with the ratios scaled. */
  String summary(double scale) {
    return String.format(
        Locale.ROOT,
        "median of %d interleaved rounds; %.1f .. %.1f",
        rounds(),
        min() * scale,
        max() * scale);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoundRatios r && Arrays.equals(perRound, r.perRound);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(perRound);
  }

  @Override
  public String toString() {
    return "RoundRatios" + Arrays.toString(perRound);
  }
}
