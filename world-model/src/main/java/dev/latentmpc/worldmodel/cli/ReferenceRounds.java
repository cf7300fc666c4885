package dev.latentmpc.worldmodel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Whole planned actions here and in the public PyTorch planning code, alternated: each round plans
 * one action on each side (this runtime first in even rounds, PyTorch first in odd ones, with a
 * short pause before each: {@link Timings#settle}), so the round's ratio compares two actions timed
 * at the same machine speed; the headline is the median ratio over rounds.
 *
 * @param here this runtime's actions, one per round
 * @param hereSeconds this runtime's action of each round, wall time, in round order
 * @param hereCpuSeconds the same, calling thread's CPU time
 * @param referenceSeconds the PyTorch action of each round, wall time, in round order
 * @param referenceCpuSeconds the same, the script's calling thread's CPU time
 */
record ReferenceRounds(
    Timings here,
    double[] hereSeconds,
    double[] hereCpuSeconds,
    double[] referenceSeconds,
    double[] referenceCpuSeconds) {

  /**
   * Times {@code rounds} rounds after one untimed action here (the script plans its own warm-up
   * before it reports ready).
   */
  static ReferenceRounds measure(ReferenceSession reference, Runnable planHere, int rounds)
      throws IOException, InterruptedException {
    planHere.run();
    double[] here = new double[rounds];
    double[] hereCpu = new double[rounds];
    double[] ref = new double[rounds];
    double[] refCpu = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ReferenceAction action = null;
      if (r % 2 == 1) {
        Timings.settle();
        action = reference.planAction();
      }
      Timings.settle();
      Timings t = Timings.measure(0, 1, planHere);
      if (r % 2 == 0) {
        Timings.settle();
        action = reference.planAction();
      }
      here[r] = t.seconds()[0];
      hereCpu[r] = t.cpuSeconds()[0];
      ref[r] = action.seconds();
      refCpu[r] = action.threadCpuSeconds();
    }
    return new ReferenceRounds(Timings.of(here, hereCpu), here, hereCpu, ref, refCpu);
  }

  /** Returns each round's PyTorch seconds over this runtime's, by wall time. */
  RoundRatios speedUps() {
    return RoundRatios.of(referenceSeconds, hereSeconds);
  }

  /** Returns each round's ratio by the calling threads' CPU time. */
  RoundRatios cpuSpeedUps() {
    return RoundRatios.of(referenceCpuSeconds, hereCpuSeconds);
  }

  /**
   * Prints each side's medians and the per-round speed-ups; with {@code cpuToo} (one thread on both
   * sides) also by CPU time.
   */
  void report(
      PrintWriter out, PytorchReference reference, int threads, int iterations, boolean cpuToo) {
    out.printf(
        Locale.ROOT,
        "pytorch reference (public mpc_utils.cem, torch %s, %d threads): median %s per action"
            + " (%s .. %s over %d); pose update %.0f %%; energies agree to %.1e%n",
        reference.torchVersion(),
        threads,
        Format.millis(reference.medianSeconds()),
        Format.millis(reference.minSeconds()),
        Format.millis(reference.maxSeconds()),
        reference.actions(),
        100 * reference.poseUpdateShare(),
        reference.energyDifference());
    out.printf(
        "this runtime: median %s per action (%s .. %s over %d): bind, then %d bound energy calls"
            + " of fresh samples%n",
        Format.millis(here.median()),
        Format.millis(here.seconds()[0]),
        Format.millis(here.seconds()[here.seconds().length - 1]),
        here.seconds().length,
        iterations);
    RoundRatios wall = speedUps();
    out.printf(
        "speed-up per round (one action on each side, back to back, which goes first"
            + " alternating): %sx%n",
        wall.compact(1));
    out.printf(
        Locale.ROOT,
        "speed-up per action over the PyTorch reference: %.1fx (%s)%n",
        wall.median(),
        wall.summary(1));
    if (cpuToo) {
      RoundRatios cpu = cpuSpeedUps();
      out.printf(
          Locale.ROOT,
          "by thread CPU time per action: PyTorch %s, this runtime %s, speed-up %.1fx (%s)%n",
          Format.millis(reference.medianCpuSeconds()),
          Format.millis(here.cpuMedian()),
          cpu.median(),
          cpu.summary(1));
    }
    out.flush();
  }
}
