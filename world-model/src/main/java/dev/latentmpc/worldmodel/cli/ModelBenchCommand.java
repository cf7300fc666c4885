package dev.latentmpc.worldmodel.cli;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.onnx.MatmulProbe;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code model bench BUNDLE}: times one encode and one batched energy call (the CEM inner step) and
 * reports achieved GFLOP/s against the machine's measured fp32 matrix-product peak. Inputs are
 * seeded random values of plausible range; the figures are printed, never asserted.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Time encode and batched energies; report GFLOP/s against the matmul peak.")
final class ModelBenchCommand implements Callable<Integer> {
  /** CEM iterations per action at the paper's settings (800 samples, 10 iterations, top-10). */
  private static final int CEM_ITERATIONS = 10;

  @Spec CommandSpec spec;

  @Mixin BundleOptions bundle = new BundleOptions();

  @Option(names = "--samples", defaultValue = "800", description = "Action sequences per call.")
  int samples;

  @Option(names = "--horizon", defaultValue = "1", description = "Actions per sequence.")
  int horizon;

  @Option(names = "--runs", defaultValue = "7", description = "Timed runs after one warm-up.")
  int runs;

  @Option(
      names = "--probe-size",
      defaultValue = "2048",
      description = "Side of the square matmul timed for the peak (default: ${DEFAULT-VALUE}).")
  int probeSize;

  @Override
  public Integer call() {
    if (samples <= 0 || horizon <= 0 || runs <= 0 || probeSize <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--samples, --horizon, --runs and --probe-size must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    Optional<OnnxWorldModel> opened = bundle.open(spec.commandLine().getErr());
    if (opened.isEmpty()) {
      return ModelCommand.EXIT_BAD_BUNDLE;
    }
    try (OnnxWorldModel model = opened.get()) {
      if (model.spec().energyGraph(horizon).isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "error: --horizon "
                    + horizon
                    + " has no energy graph; this bundle exports "
                    + model.spec().energyHorizons());
        return ModelCommand.EXIT_BAD_BUNDLE;
      }
      bench(out, model);
    }
    return 0;
  }

  private void bench(PrintWriter out, OnnxWorldModel model) {
    ModelSpec s = model.spec();
    SplittableRandom random = new SplittableRandom(42);
    float[] clip = normal(random, s.clipFloats());
    Latent context = model.encode(clip);
    Latent goal = model.encode(normal(random, s.clipFloats()));
    float[] state = {0.45f, 0f, 0.3f, 3.1f, 0f, 0f, 0.2f};
    ActionBatch actions = actions(random);
    out.printf(
        "bundle %s: provider %s (requested %s), intra-op threads %s%n",
        s.name(),
        model.status().activeProvider(),
        model.status().requestedProvider(),
        bundle.threads == 0 ? "default" : bundle.threads);
    out.flush();
    Timings encode = Timings.measure(1, runs, () -> model.encode(clip));
    report(out, "encode 1 clip", encode, s.flops().encoderPerFrame());
    Timings energy = Timings.measure(1, runs, () -> model.energies(context, state, goal, actions));
    double energyFlops = s.flops().energyPerSample().getOrDefault(horizon, 0.0) * samples;
    report(out, "energies " + samples + "x" + horizon, energy, energyFlops);
    out.printf(
        "CEM at %d samples x %d iterations: %s per action (energy calls only)%n",
        samples, CEM_ITERATIONS, Format.millis(energy.median() * CEM_ITERATIONS));
    reportPeak(out, energyFlops / energy.median());
  }

  private void reportPeak(PrintWriter out, double energyFlopsPerSecond) {
    Optional<MatmulProbe.Result> probe =
        MatmulProbe.measure(bundle.runtimeOptions(), probeSize, runs);
    if (probe.isEmpty()) {
      out.println("matmul peak: unavailable (" + MatmulProbe.RESOURCE + " not on the classpath)");
    } else {
      MatmulProbe.Result p = probe.get();
      out.printf(
          "matmul peak: %.1f GFLOP/s fp32 (%dx%dx%d on %s, best of %d; median %.1f)%n",
          p.peakGflops(), p.size(), p.size(), p.size(), p.provider(), runs, p.medianGflops());
      if (energyFlopsPerSecond > 0) {
        out.printf(
            "energies reach %.1f %% of the matmul peak%n",
            100 * energyFlopsPerSecond / 1e9 / p.peakGflops());
      }
    }
    out.flush();
  }

  private static void report(PrintWriter out, String what, Timings t, double flops) {
    String gflops =
        flops > 0
            ? String.format(Locale.ROOT, "%.2f GFLOP/s", flops / t.median() / 1e9)
            : "GFLOP/s n/a (flops not in model.json)";
    out.printf(
        "%-22s median %s  p90 %s  %s over %d runs%n",
        what, Format.millis(t.median()), Format.millis(t.p90()), gflops, t.seconds().length);
    out.flush();
  }

  /** CEM-like samples: xyz uniform in ±0.075 m, no rotation, gripper in ±0.75. */
  private ActionBatch actions(SplittableRandom random) {
    float[] values = new float[samples * horizon * ActionBatch.ACTION_DIM];
    for (int i = 0; i < values.length; i += ActionBatch.ACTION_DIM) {
      for (int k = 0; k < 3; k++) {
        values[i + k] = (float) random.nextDouble(-0.075, 0.075);
      }
      values[i + 6] = (float) random.nextDouble(-0.75, 0.75);
    }
    return new ActionBatch(samples, horizon, values);
  }

  private static float[] normal(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextDouble(-1, 1) + random.nextDouble(-1, 1));
    }
    return values;
  }
}
