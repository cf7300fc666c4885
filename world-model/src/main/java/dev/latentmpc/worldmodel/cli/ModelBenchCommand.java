package dev.latentmpc.worldmodel.cli;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.BoundEnergy;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.onnx.EnergyProfiler;
import dev.latentmpc.worldmodel.onnx.MatmulProbe;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code model bench BUNDLE}: times one encode and one batched energy call (the CEM inner step,
 * through the bound energy function the planner uses) and reports achieved GFLOP/s against the
 * machine's measured fp32 matrix-product peak. {@code --profile DIR} adds ONNX Runtime's profile of
 * the energy call summed by operator type; {@code --pytorch-reference SRC} times whole planned
 * actions here and in the public PyTorch planning code on the same weights and prints the speed-up.
 * This virtual machine's speed drifts by a third within minutes, so the ratios are timed in rounds:
 * energy calls and matmul products back to back ({@link PeakRounds}), one planned action on each
 * side back to back ({@link ReferenceRounds}), and the headline is the median of the rounds'
 * ratios. Inputs are seeded random values of plausible range; the figures are printed, never
 * asserted.
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

  @Option(
      names = "--runs",
      defaultValue = "7",
      description =
          "Timed rounds after one warm-up (default: ${DEFAULT-VALUE}): encode calls; rounds of "
              + PeakRounds.ENERGY_CALLS
              + " energy calls and "
              + PeakRounds.PROBE_PRODUCTS
              + " matmul products back to back; with --pytorch-reference, rounds of one planned"
              + " action here and one in PyTorch (which goes first alternating). Ratios are the"
              + " median over rounds of each round's ratio.")
  int runs;

  @Option(
      names = "--probe-size",
      defaultValue = "2048",
      description = "Side of the square matmul timed for the peak (default: ${DEFAULT-VALUE}).")
  int probeSize;

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      description = "Also profile the energy call with ONNX Runtime's profiler; trace JSON in DIR.")
  Path profileDir;

  @Option(
      names = "--pytorch-reference",
      paramLabel = "SRC",
      description =
          "Also time the public V-JEPA 2 planning code (mpc_utils.cem) on the bundle's"
              + " checkpoint.pt, from this facebookresearch/vjepa2 checkout, and print the speed-up"
              + " per action.")
  Path referenceSource;

  @Option(
      names = "--reference-threads",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "PyTorch threads for --pytorch-reference (default: the same as --threads); PyTorch's"
              + " planner may be fastest at another count than this runtime.")
  int referenceThreads;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      description =
          "Python with PyTorch and scipy for --pytorch-reference (default: ${DEFAULT-VALUE}).")
  Path python;

  @Override
  public Integer call() {
    if (samples <= 0 || horizon <= 0 || runs <= 0 || probeSize <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--samples, --horizon, --runs and --probe-size must be positive");
    }
    if (referenceThreads < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--reference-threads must be positive, or 0 for the same as --threads: "
              + referenceThreads);
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
      return bench(out, model);
    }
  }

  /** Returns the exit code: 0, or 1 when the PyTorch reference could not run. */
  private int bench(PrintWriter out, OnnxWorldModel model) {
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
    PeakRounds peak;
    Optional<MatmulProbe> probe = MatmulProbe.open(bundle.runtimeOptions(), probeSize);
    try (BoundEnergy bound = model.bindEnergy(context, state, goal)) {
      peak = PeakRounds.measure(() -> bound.energies(actions), probe, runs);
    } finally {
      probe.ifPresent(MatmulProbe::close);
    }
    double energyFlops = s.flops().energyPerSample().getOrDefault(horizon, 0.0) * samples;
    report(out, "energies " + samples + "x" + horizon, peak.energy(), energyFlops);
    out.printf(
        "CEM at %d samples x %d iterations: %s per action (energy calls only)%n",
        samples, CEM_ITERATIONS, Format.millis(peak.energy().median() * CEM_ITERATIONS));
    peak.report(out, energyFlops, bundle.threads == 1);
    if (profileDir != null) {
      profile(out, model, context, state, goal, actions);
    }
    if (referenceSource != null) {
      return compare(out, model, context, state, goal, random);
    }
    return 0;
  }

  private void profile(
      PrintWriter out,
      OnnxWorldModel model,
      Latent context,
      float[] state,
      Latent goal,
      ActionBatch actions) {
    try {
      Files.createDirectories(profileDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + profileDir, e);
    }
    EnergyProfiler.Profile p =
        EnergyProfiler.profile(
            bundle.bundle,
            model.spec(),
            bundle.runtimeOptions(),
            profileDir,
            runs,
            context,
            state,
            goal,
            actions);
    out.printf(
        "profile of energies %dx%d (%d calls, %s): fastest call %s in the runtime; kernels, each"
            + " at its fastest: %s%n",
        samples,
        horizon,
        runs,
        p.file(),
        Format.millis(p.callMillis() / 1e3),
        Format.millis(p.kernelMillis() / 1e3));
    for (EnergyProfiler.OpTime op : p.ops()) {
      out.printf(
          Locale.ROOT,
          "  %-24s %3d kernels %9.3f ms %5.1f %%%n",
          op.opType(),
          op.nodes(),
          op.millis(),
          100 * op.millis() / p.kernelMillis());
    }
    out.flush();
  }

  /** Times whole planned actions here and in the public PyTorch code, alternating in rounds. */
  private int compare(
      PrintWriter out,
      OnnxWorldModel model,
      Latent context,
      float[] state,
      Latent goal,
      SplittableRandom random) {
    int threads = bundle.threads > 0 ? bundle.threads : Runtime.getRuntime().availableProcessors();
    int torchThreads = referenceThreads > 0 ? referenceThreads : threads;
    ActionBatch batch = actions(random);
    Runnable planHere = () -> planOneAction(model, context, state, goal, batch, random);
    ReferenceRounds rounds;
    PytorchReference reference;
    try (ReferenceSession session =
        ReferenceSession.start(
            python,
            referenceSource,
            bundle.bundle,
            samples,
            CEM_ITERATIONS,
            horizon,
            torchThreads)) {
      rounds = ReferenceRounds.measure(session, planHere, runs);
      reference = session.finish();
    } catch (IOException | IllegalStateException e) {
      spec.commandLine()
          .getErr()
          .println(
              "error: the PyTorch reference did not run ("
                  + e.getMessage()
                  + "); --pytorch-reference takes the root of a facebookresearch/vjepa2 checkout"
                  + " and --python an interpreter with torch and scipy");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the PyTorch reference ran", e);
    }
    rounds.report(out, reference, torchThreads, CEM_ITERATIONS, threads == 1 && torchThreads == 1);
    return 0;
  }

  /** One action's energy work: bind once, then CEM_ITERATIONS calls on freshly sampled batches. */
  private void planOneAction(
      OnnxWorldModel model,
      Latent context,
      float[] state,
      Latent goal,
      ActionBatch batch,
      SplittableRandom random) {
    try (BoundEnergy bound = model.bindEnergy(context, state, goal)) {
      for (int i = 0; i < CEM_ITERATIONS; i++) {
        sample(random, batch.values());
        bound.energies(batch);
      }
    }
  }

  private static void report(PrintWriter out, String what, Timings t, double flops) {
    String gflops =
        flops > 0
            ? String.format(Locale.ROOT, "%.2f GFLOP/s", flops / t.median() / 1e9)
            : "GFLOP/s n/a (flops not in model.json)";
    out.printf(
        "%-22s median %s  p90 %s  %s over %d runs (calling thread's CPU: median %s)%n",
        what,
        Format.millis(t.median()),
        Format.millis(t.p90()),
        gflops,
        t.seconds().length,
        Format.millis(t.cpuMedian()));
    out.flush();
  }

  /** CEM-like samples: xyz uniform in ±0.075 m, no rotation, gripper in ±0.75. */
  private ActionBatch actions(SplittableRandom random) {
    float[] values = new float[samples * horizon * ActionBatch.ACTION_DIM];
    sample(random, values);
    return new ActionBatch(samples, horizon, values);
  }

  private static void sample(SplittableRandom random, float[] values) {
    for (int i = 0; i < values.length; i += ActionBatch.ACTION_DIM) {
      for (int k = 0; k < 3; k++) {
        values[i + k] = (float) random.nextDouble(-0.075, 0.075);
      }
      values[i + 6] = (float) random.nextDouble(-0.75, 0.75);
    }
  }

  private static float[] normal(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextDouble(-1, 1) + random.nextDouble(-1, 1));
    }
    return values;
  }
}
