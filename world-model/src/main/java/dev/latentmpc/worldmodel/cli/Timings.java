package dev.latentmpc.worldmodel.cli;

import java.util.Arrays;

/** Wall-clock timings of repeated runs, with nearest-rank percentiles. */
record Timings(double[] seconds) {

  /** Runs {@code task} {@code warmups} times untimed, then {@code runs} times timed. */
  static Timings measure(int warmups, int runs, Runnable task) {
    for (int i = 0; i < warmups; i++) {
      task.run();
    }
    double[] seconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      task.run();
      seconds[i] = (System.nanoTime() - started) / 1e9;
    }
    Arrays.sort(seconds);
    return new Timings(seconds);
  }

  double median() {
    return percentile(50);
  }

  double p90() {
    return percentile(90);
  }

  /** Returns the nearest-rank percentile (the smallest value with p % of runs at or below it). */
  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100 * seconds.length);
    return seconds[Math.max(0, Math.min(seconds.length - 1, rank - 1))];
  }
}
