package dev.latentmpc.worldmodel.cli;

import dev.latentmpc.worldmodel.onnx.MatmulProbe;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * The energy call and the fp32 matmul probe timed back to back in rounds (which goes first
 * alternating, with a short pause before each part: {@link Timings#settle}), so that each round's
 * share of the peak compares two timings taken at the same machine speed; the headline is the
 * median share over rounds.
 *
 * @param energy every timed energy call of every round
 * @param energySeconds each round's median energy call, wall time
 * @param energyCpuSeconds each round's median energy call, calling thread's CPU time
 * @param probe every timed product of every round, when the probe graph is on the classpath
 * @param probeSeconds each round's fastest product, wall time (empty without the probe)
 * @param probeCpuSeconds each round's fastest product, calling thread's CPU time
 */
record PeakRounds(
    Timings energy,
    double[] energySeconds,
    double[] energyCpuSeconds,
    Optional<MatmulProbe.Result> probe,
    double[] probeSeconds,
    double[] probeCpuSeconds) {
  /** Energy calls per round: a median of three resists one disturbed call. */
  static final int ENERGY_CALLS = 3;

  /** Products per round: the faster of two is the round's peak. */
  static final int PROBE_PRODUCTS = 2;

  /** Times {@code rounds} rounds after one untimed energy call and product. */
  static PeakRounds measure(Runnable energyCall, Optional<MatmulProbe> probe, int rounds) {
    energyCall.run();
    probe.ifPresent(p -> p.time(1));
    double[] all = new double[rounds * ENERGY_CALLS];
    double[] allCpu = new double[rounds * ENERGY_CALLS];
    double[] energy = new double[rounds];
    double[] energyCpu = new double[rounds];
    double[] peak = new double[probe.isPresent() ? rounds : 0];
    double[] peakCpu = new double[peak.length];
    Optional<MatmulProbe.Result> products = Optional.empty();
    for (int r = 0; r < rounds; r++) {
      MatmulProbe.Result product = null;
      if (r % 2 == 1 && probe.isPresent()) {
        Timings.settle();
        product = probe.get().time(PROBE_PRODUCTS);
      }
      Timings.settle();
      Timings calls = Timings.measure(0, ENERGY_CALLS, energyCall);
      if (r % 2 == 0 && probe.isPresent()) {
        Timings.settle();
        product = probe.get().time(PROBE_PRODUCTS);
      }
      System.arraycopy(calls.seconds(), 0, all, r * ENERGY_CALLS, ENERGY_CALLS);
      System.arraycopy(calls.cpuSeconds(), 0, allCpu, r * ENERGY_CALLS, ENERGY_CALLS);
      energy[r] = calls.median();
      energyCpu[r] = calls.cpuMedian();
      if (product != null) {
        peak[r] = product.seconds()[0];
        peakCpu[r] = product.cpuSeconds()[0];
        MatmulProbe.Result round = product;
        products = Optional.of(products.map(p -> p.plus(round)).orElse(round));
      }
    }
    return new PeakRounds(Timings.of(all, allCpu), energy, energyCpu, products, peak, peakCpu);
  }

  /**
   * Returns each round's energy FLOP rate over its probe FLOP rate: {@code (energyFlops /
   * energySeconds[i]) / (probeFlops / probeSeconds[i])}.
   */
  static RoundRatios shares(
      double energyFlops, double[] energySeconds, double probeFlops, double[] probeSeconds) {
    double[] energyRate = new double[energySeconds.length];
    double[] probeRate = new double[probeSeconds.length];
    for (int i = 0; i < energyRate.length; i++) {
      energyRate[i] = energyFlops / energySeconds[i];
    }
    for (int i = 0; i < probeRate.length; i++) {
      probeRate[i] = probeFlops / probeSeconds[i];
    }
    return RoundRatios.of(energyRate, probeRate);
  }

  /**
   * Prints the probe's absolute figures and the rounds' shares of it; with {@code cpuToo} (one
   * thread, which computes in the caller) also by the calling thread's CPU time, which is the work
   * whatever else shares the cores.
   */
  void report(PrintWriter out, double energyFlops, boolean cpuToo) {
    if (probe.isEmpty()) {
      out.println("matmul peak: unavailable (" + MatmulProbe.RESOURCE + " not on the classpath)");
      out.flush();
      return;
    }
    MatmulProbe.Result p = probe.get();
    out.printf(
        Locale.ROOT,
        "matmul peak: %.1f GFLOP/s fp32 (%dx%dx%d on %s, best of %d; median %.1f)%n",
        p.peakGflops(),
        p.size(),
        p.size(),
        p.size(),
        p.provider(),
        p.seconds().length,
        p.medianGflops());
    if (energyFlops > 0) {
      printShares(
          out,
          String.format(
              Locale.ROOT,
              "share of the peak per round (median of %d energy calls / best of %d products, back"
                  + " to back)",
              ENERGY_CALLS,
              PROBE_PRODUCTS),
          "energies reach",
          shares(energyFlops, energySeconds, p.flops(), probeSeconds));
    }
    if (energyFlops > 0 && cpuToo) {
      printShares(
          out,
          String.format(
              Locale.ROOT,
              "by thread CPU time: matmul peak %.1f GFLOP/s (best), energies %.1f GFLOP/s (median);"
                  + " share per round",
              p.peakCpuGflops(),
              energyFlops / energy.cpuMedian() / 1e9),
          "by thread CPU time, energies reach",
          shares(energyFlops, energyCpuSeconds, p.flops(), probeCpuSeconds));
    }
    out.flush();
  }

  /** Prints the per-round shares on one line, then their median as the headline. */
  private static void printShares(
      PrintWriter out, String perRoundLabel, String headline, RoundRatios shares) {
    out.printf(Locale.ROOT, "%s: %s %%%n", perRoundLabel, shares.compact(100));
    out.printf(
        Locale.ROOT,
        "%s %.1f %% of the matmul peak (%s)%n",
        headline,
        100 * shares.median(),
        shares.summary(100));
  }
}
