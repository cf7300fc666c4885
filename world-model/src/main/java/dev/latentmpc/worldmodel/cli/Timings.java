package dev.latentmpc.worldmodel.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Timings of repeated runs, with nearest-rank percentiles: wall time, and the CPU time of the
 * calling thread. With one intra-op thread ONNX Runtime (and PyTorch) compute in the calling
 * thread, so its CPU time is the work of the run, much less disturbed than the wall time when other
 * processes share the cores.
 *
 * @param seconds wall time of each run, ascending
 * @param cpuSeconds CPU time of the calling thread in each run, ascending
 */
record Timings(double[] seconds, double[] cpuSeconds) {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Pause before each part of an interleaved round. ONNX Runtime's and PyTorch's worker threads
   * spin-wait for a while after their work; on two cores the spinning pool of the part just timed
   * slowed the next one (without a pause every other round's share of the peak came out at about 60
   * % of its neighbours', by which part went first).
   */
  static final long SETTLE_MILLIS = 200;

  /** Runs {@code task} {@code warmups} times untimed, then {@code runs} times timed. */
  static Timings measure(int warmups, int runs, Runnable task) {
    for (int i = 0; i < warmups; i++) {
      task.run();
    }
    double[] seconds = new double[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      long cpuStarted = THREADS.getCurrentThreadCpuTime();
      long started = System.nanoTime();
      task.run();
      seconds[i] = (System.nanoTime() - started) / 1e9;
      cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    }
    Arrays.sort(seconds);
    Arrays.sort(cpu);
    return new Timings(seconds, cpu);
  }

  /** Sleeps {@link #SETTLE_MILLIS} so that the worker threads of the part timed last go idle. */
  static void settle() {
    try {
      Thread.sleep(SETTLE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between timed parts", e);
    }
  }

  /** Returns the timings of runs timed elsewhere, in any order. */
  static Timings of(double[] seconds, double[] cpuSeconds) {
    double[] wall = seconds.clone();
    double[] cpu = cpuSeconds.clone();
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Timings(wall, cpu);
  }

  double median() {
    return percentile(seconds, 50);
  }

  double p90() {
    return percentile(seconds, 90);
  }

  double cpuMedian() {
    return percentile(cpuSeconds, 50);
  }

  /** Returns the nearest-rank percentile (the smallest value with p % of runs at or below it). */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
