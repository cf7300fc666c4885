package dev.latentmpc.deploy.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row of a soak run's table: the resource sample taken at the end of a window, and the episodes
 * and steps that ended in it with their planning latency. Row 0 is the sample at the start.
 *
 * @param index 0 for the start, then 1, 2, ...
 * @param sample memory and threads at the window's end
 * @param episodes episodes that ended in the window
 * @param planSeconds planning latency of each step the client saw in the window, sorted
 * @param rssMinBytes the smallest RSS read in the window (every few seconds, no GC): RSS swings
 *     with the allocators' caches, so a leak shows as a rising floor
 * @param rssMaxBytes the largest
 */
record Window(
    int index,
    ResourceSample sample,
    int episodes,
    double[] planSeconds,
    long rssMinBytes,
    long rssMaxBytes) {
  /** An RSS reading during the run. */
  record RssReading(double elapsedSeconds, long rssBytes) {}

  static final String HEADER =
      "window    t_s  episodes  steps  plan_p50_ms  plan_p95_ms  heap_gc_MiB  heap_committed_MiB"
          + "  rss_MiB  rss_min_MiB  rss_max_MiB  direct_MiB  netty_MiB  threads";

  /** Splits the operator's records at the samples' times. */
  static List<Window> of(
      List<ResourceSample> samples, OperatorLoop operator, List<RssReading> rss) {
    List<Window> rows = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      double from = i == 0 ? Double.NEGATIVE_INFINITY : samples.get(i - 1).elapsedSeconds();
      double to = samples.get(i).elapsedSeconds();
      if (i == samples.size() - 1) {
        to = Double.POSITIVE_INFINITY; // the last episode ends after the last boundary
      }
      double lo = from;
      double hi = to;
      int episodes =
          (int)
              operator.episodes.stream()
                  .filter(e -> e.elapsedSeconds() > lo && e.elapsedSeconds() <= hi)
                  .count();
      double[] plans =
          operator.plans.stream()
              .filter(p -> p.elapsedSeconds() > lo && p.elapsedSeconds() <= hi)
              .mapToDouble(OperatorLoop.PlanSample::planSeconds)
              .sorted()
              .toArray();
      long[] window =
          rss.stream()
              .filter(r -> r.elapsedSeconds() > lo && r.elapsedSeconds() <= hi)
              .mapToLong(RssReading::rssBytes)
              .toArray();
      long own = samples.get(i).rssBytes();
      long min = Math.min(own, Arrays.stream(window).min().orElse(own));
      long max = Math.max(own, Arrays.stream(window).max().orElse(own));
      rows.add(
          new Window(
              i, samples.get(i), i == 0 ? 0 : episodes, i == 0 ? new double[0] : plans, min, max));
    }
    return rows;
  }

  /** The p95 of the window's planning latencies (nearest rank); NaN without steps. */
  double planP95Seconds() {
    return quantile(0.95);
  }

  private double quantile(double q) {
    if (planSeconds.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * planSeconds.length);
    return planSeconds[Math.max(0, rank - 1)];
  }

  /** The table row. */
  String row() {
    return String.format(
        Locale.ROOT,
        "%6s %6.0f %9d %6d %12.1f %12.1f %12.1f %19.1f %8.1f %12.1f %12.1f %11.2f %10.2f %8d",
        index == 0 ? "start" : Integer.toString(index),
        sample.elapsedSeconds(),
        episodes,
        planSeconds.length,
        quantile(0.5) * 1e3,
        quantile(0.95) * 1e3,
        ResourceSample.mib(sample.heapAfterGcBytes()),
        ResourceSample.mib(sample.heapCommittedBytes()),
        ResourceSample.mib(sample.rssBytes()),
        ResourceSample.mib(rssMinBytes),
        ResourceSample.mib(rssMaxBytes),
        ResourceSample.mib(sample.directBytes()),
        ResourceSample.mib(sample.nettyDirectBytes()),
        sample.threads());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Window w
        && w.index == index
        && w.sample.equals(sample)
        && w.episodes == episodes
        && Arrays.equals(w.planSeconds, planSeconds)
        && w.rssMinBytes == rssMinBytes
        && w.rssMaxBytes == rssMaxBytes;
  }

  @Override
  public int hashCode() {
    return 31 * index + Arrays.hashCode(planSeconds);
  }

  @Override
  public String toString() {
    return row();
  }
}
