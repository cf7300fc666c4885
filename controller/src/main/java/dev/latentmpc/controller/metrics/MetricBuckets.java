package dev.latentmpc.controller.metrics;

import java.time.Duration;
import java.util.Arrays;

/**
 * Histogram bucket boundaries of the metric contract. They are service-level objectives rather than
 * Micrometer's percentile histogram (about 70 buckets per series), so a histogram costs 15 series
 * and its boundaries sit where the budgets are: a step of 1 s, a plan of tens of milliseconds to
 * seconds, a bridge call of a few milliseconds.
 */
public final class MetricBuckets {
  private static final Duration[] LATENCY =
      ms(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1e3, 2.5e3, 5e3, 10e3, 30e3, 60e3);
  private static final Duration[] BRIDGE =
      ms(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1e3, 2.5e3, 5e3);
  private static final Duration[] FRAME_AGE = ms(10, 25, 50, 100, 250, 500, 1e3, 2.5e3, 5e3);
  private static final double[] ENERGY = {
    0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 2, 3
  };

  private MetricBuckets() {}

  /** Step phases, CEM iterations and model inference: 1 ms … 60 s. */
  public static Duration[] latency() {
    return LATENCY.clone();
  }

  /** Robot bridge calls: 1 ms … 5 s. */
  public static Duration[] bridgeCall() {
    return BRIDGE.clone();
  }

  /** Camera frame age: 10 ms … 5 s. */
  public static Duration[] frameAge() {
    return FRAME_AGE.clone();
  }

  /** Plan elite energy: 0.1 … 3. */
  public static double[] energy() {
    return ENERGY.clone();
  }

  private static Duration[] ms(double... millis) {
    return Arrays.stream(millis)
        .mapToObj(m -> Duration.ofNanos(Math.round(m * 1e6)))
        .toArray(Duration[]::new);
  }
}
