package dev.latentmpc.bench.closedloop;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * The 95 % Wilson score interval of a success rate (Apache Commons Statistics' {@code
 * BinomialConfidenceInterval.WILSON_SCORE}): unlike the normal approximation it stays inside [0, 1]
 * and keeps its coverage at 0 or all successes and at the benchmark's 50 episodes.
 *
 * @param low the lower bound, in [0, 1]
 * @param high the upper bound, in [0, 1]
 */
public record SuccessInterval(double low, double high) {

  /** The error rate of a 95 % interval. */
  static final double ALPHA = 0.05;

  /**
   * Returns the 95 % Wilson interval of {@code successes} in {@code trials}; NaN bounds without
   * trials.
   *
   * @throws IllegalArgumentException if successes is negative or exceeds trials
   */
  public static SuccessInterval wilson95(int successes, int trials) {
    if (trials == 0) {
      return new SuccessInterval(Double.NaN, Double.NaN);
    }
    Interval i = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(trials, successes, ALPHA);
    return new SuccessInterval(i.getLowerBound(), i.getUpperBound());
  }
}
