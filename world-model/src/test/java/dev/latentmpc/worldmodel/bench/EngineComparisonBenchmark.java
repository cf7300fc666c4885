package dev.latentmpc.worldmodel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;
import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.ExecutionProvider;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import dev.latentmpc.worldmodel.onnx.RuntimeOptions;
import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.URLStreamHandlerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times the planner's hot path, the batched fused energy call ({@code energy_h1.onnx}: {@code
 * context} [1, N, D], {@code state} [1, 7], {@code goal} [1, N, D], {@code actions} [S, 1, 7] →
 * {@code energies} [S], S = {@value #SAMPLES}), through the production {@link
 * OnnxWorldModel#energies} (plain ONNX Runtime Java API, pooled direct buffers) and through DJL's
 * OnnxRuntime engine used the way a DJL user would: {@link Criteria} → {@link ZooModel} → {@link
 * Predictor} with a {@link NoopTranslator}, inputs created per call in an {@link NDManager}.
 *
 * <p>Tagged {@code benchmark}, which the default build excludes. Run it on a bundle directory:
 *
 * <pre>
 * mvn -q -pl world-model test -Dgroups=benchmark -DexcludedGroups= \
 *     -Dtest=EngineComparisonBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.bundle=DIR/bundle
 * </pre>
 *
 * <p>Optional properties: {@code bench.calls} timed calls per engine (default 30, at least {@value
 * #MIN_CALLS}), {@code bench.warmups} untimed calls per engine (default 5), {@code bench.threads}
 * intra-op threads for both engines (default: available processors), {@code bench.interleave}
 * ({@code true} by default: the engines alternate round by round, the first of each pair switching
 * every round, so drift and order effects hit both alike; {@code false} runs all calls of one
 * engine, then all of the other), {@code bench.settle} untimed calls of the same engine before each
 * timed one (default 1; see {@link Timed}) and {@code bench.verbose} (print every timed call).
 *
 * <p>Both engines run on the same ONNX Runtime jar and native library (the project's; DJL's own
 * onnxruntime dependency is excluded), with the same session settings: CPU, all graph
 * optimisations, {@code bench.threads} intra-op and one inter-op thread. The energies of both are
 * asserted equal within {@value #TOLERANCE} before and after timing, so the timings compare equal
 * work. DJL runs offline ({@code ai.djl.offline}, telemetry opted out, cache under {@code target/})
 * and a guard fails the test if anything in the JVM opens an http, https or ftp connection.
 */
@Tag("benchmark")
class EngineComparisonBenchmark {
  private static final int SAMPLES = 800;
  private static final int HORIZON = 1;
  private static final int MIN_CALLS = 15;
  private static final double TOLERANCE = 1e-5;
  private static final String DJL_ENGINE = "OnnxRuntime";
  private static final long SEED = 20_260_101L;

  @Test
  void fusedEnergyCallPlainOrtVersusDjl() throws Exception {
    String bundleProperty = System.getProperty("bench.bundle");
    assumeTrue(
        bundleProperty != null && !bundleProperty.isBlank(),
        "benchmark skipped: set -Dbench.bundle=DIR to a model bundle directory (see the class"
            + " Javadoc)");
    Path bundle = Path.of(bundleProperty).toAbsolutePath().normalize();
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = Integer.getInteger("bench.threads", cores);
    int calls = Integer.getInteger("bench.calls", 30);
    int warmups = Integer.getInteger("bench.warmups", 5);
    boolean interleave = Boolean.parseBoolean(System.getProperty("bench.interleave", "true"));
    int settle = Integer.getInteger("bench.settle", 1);
    assertThat(calls).as("bench.calls").isGreaterThanOrEqualTo(MIN_CALLS);
    assertThat(threads).as("bench.threads").isPositive();
    assertThat(warmups).as("bench.warmups").isNotNegative();
    assertThat(settle).as("bench.settle").isNotNegative();

    configureDjlOffline();
    NetworkGuard guard = NetworkGuard.install();
    guard.selfTest();

    // DJL's OrtEngine creates the process-wide OrtEnvironment with threading options and refuses
    // to start when one exists already, so it goes first; OnnxWorldModel then reuses that
    // environment (OrtEnvironment.getEnvironment() returns the existing one).
    Engine djl = Engine.getEngine(DJL_ENGINE);
    assertThat(guard.attempts()).as("network connections opened by DJL's start-up").isEmpty();
    assertThat(Utils.isOfflineMode()).as("DJL offline mode").isTrue();

    RuntimeOptions options =
        RuntimeOptions.builder()
            .provider(ExecutionProvider.CPU)
            .intraOpThreads(threads)
            .interOpThreads(1)
            .optimizationLevel(RuntimeOptions.OptimizationLevel.ALL)
            .build();
    try (OnnxWorldModel model = OnnxWorldModel.open(bundle, options)) {
      ModelSpec spec = model.spec();
      String energyFile =
          spec.energy().stream()
              .filter(graph -> graph.horizon() == HORIZON)
              .map(ModelSpec.EnergyGraph::file)
              .findFirst()
              .orElseThrow(() -> new AssertionError("bundle exports no horizon-1 energy graph"));
      Criteria<NDList, NDList> criteria =
          Criteria.builder()
              .setTypes(NDList.class, NDList.class)
              .optModelPath(bundle.resolve(energyFile))
              .optEngine(DJL_ENGINE)
              .optDevice(Device.cpu())
              .optTranslator(new NoopTranslator())
              .optOption("intraOpNumThreads", Integer.toString(threads))
              .optOption("interOpNumThreads", "1")
              .optOption("optLevel", "ALL_OPT")
              .build();
      try (ZooModel<NDList, NDList> zoo = criteria.loadModel();
          Predictor<NDList, NDList> predictor = zoo.newPredictor();
          NDManager djlManager = djl.newBaseManager(Device.cpu())) {
        Inputs inputs = Inputs.random(spec, new SplittableRandom(SEED));
        Call plain =
            () -> model.energies(inputs.context, inputs.state, inputs.goal, inputs.actions);
        Call viaDjl = () -> djlEnergies(predictor, djlManager, inputs);

        for (int i = 0; i < warmups; i++) {
          plain.energies();
          viaDjl.energies();
        }
        double firstDiff = assertSameEnergies(plain.energies(), viaDjl.energies());

        Timed plainTimed = new Timed(plain, calls, settle);
        Timed djlTimed = new Timed(viaDjl, calls, settle);
        if (interleave) {
          for (int i = 0; i < calls; i++) {
            Timed first = i % 2 == 0 ? plainTimed : djlTimed;
            Timed second = first == plainTimed ? djlTimed : plainTimed;
            first.run(i);
            second.run(i);
          }
        } else {
          for (int i = 0; i < calls; i++) {
            plainTimed.run(i);
          }
          for (int i = 0; i < calls; i++) {
            djlTimed.run(i);
          }
        }
        long[] plainNanos = plainTimed.nanos;
        long[] djlNanos = djlTimed.nanos;
        double lastDiff = assertSameEnergies(plainTimed.last, djlTimed.last);
        assertThat(guard.attempts())
            .as("network connections opened during the benchmark")
            .isEmpty();

        if (Boolean.getBoolean("bench.verbose")) {
          for (int i = 0; i < calls; i++) {
            System.out.printf(
                Locale.ROOT,
                "call %2d  %s  plain %8.3f ms  djl %8.3f ms%n",
                i,
                interleave ? (i % 2 == 0 ? "plain first" : "djl first  ") : "blocked    ",
                plainNanos[i] / 1e6,
                djlNanos[i] / 1e6);
          }
        }
        Stats plainStats = Stats.of(plainNanos);
        Stats djlStats = Stats.of(djlNanos);
        Paired paired = Paired.of(plainNanos, djlNanos);
        double flopsPerCall =
            spec.flops().energyPerSample().getOrDefault(HORIZON, 0.0) * (double) SAMPLES;
        System.out.print(
            report(
                spec,
                model.status().runtimeVersion(),
                cores,
                threads,
                warmups,
                calls,
                settle,
                interleave,
                Math.max(firstDiff, lastDiff),
                flopsPerCall,
                plainStats,
                djlStats,
                paired));
      }
    }
  }

  /** One energy call of one engine. */
  @FunctionalInterface
  private interface Call {
    float[] energies() throws TranslateException;
  }

  /**
   * The timed calls of one engine. Each timed call follows {@code settle} untimed calls of the same
   * engine, so it runs, as in the CEM loop, right after a call of its own session: with two
   * sessions on few cores, the intra-op workers of the session that ran last stay busy for a while
   * after its call returns and would otherwise slow down whichever engine comes second.
   */
  private static final class Timed {
    private final Call call;
    private final long[] nanos;
    private final int settle;
    private float[] last;

    Timed(Call call, int calls, int settle) {
      this.call = call;
      this.nanos = new long[calls];
      this.settle = settle;
    }

    void run(int index) throws TranslateException {
      for (int i = 0; i < settle; i++) {
        call.energies();
      }
      long started = System.nanoTime();
      last = call.energies();
      nanos[index] = System.nanoTime() - started;
    }
  }

  /** The DJL call as a DJL user writes it: NDArrays made per call, freed with their manager. */
  private static float[] djlEnergies(
      Predictor<NDList, NDList> predictor, NDManager base, Inputs inputs)
      throws TranslateException {
    long n = inputs.context.tokens();
    long d = inputs.context.dim();
    try (NDManager call = base.newSubManager()) {
      NDList in =
          new NDList(
              named(call.create(inputs.context.values(), new Shape(1, n, d)), "context"),
              named(call.create(inputs.state, new Shape(1, 7)), "state"),
              named(call.create(inputs.goal.values(), new Shape(1, n, d)), "goal"),
              named(
                  call.create(inputs.actions.values(), new Shape(SAMPLES, HORIZON, 7)), "actions"));
      NDList out = predictor.predict(in);
      NDArray energies = out.get("energies");
      if (energies == null || !energies.getShape().equals(new Shape(SAMPLES))) {
        throw new AssertionError("DJL returned no energies [" + SAMPLES + "]: " + out);
      }
      return energies.toFloatArray();
    }
  }

  private static NDArray named(NDArray array, String name) {
    array.setName(name);
    return array;
  }

  /** Asserts both engines' energies agree and returns the largest absolute difference. */
  private static double assertSameEnergies(float[] plain, float[] djl) {
    assertThat(plain).hasSize(SAMPLES);
    assertThat(djl).hasSize(SAMPLES);
    double max = 0;
    for (int i = 0; i < SAMPLES; i++) {
      assertThat(Float.isFinite(plain[i])).as("plain ORT energy %d is finite", i).isTrue();
      max = Math.max(max, Math.abs((double) plain[i] - djl[i]));
    }
    assertThat(max).as("max |plain ORT - DJL| over %d energies", SAMPLES).isLessThan(TOLERANCE);
    return max;
  }

  /**
   * Keeps DJL off the network and out of the home directory: offline mode (no model zoo or native
   * library downloads), telemetry opted out (DJL otherwise probes the EC2 metadata endpoint when
   * its engine registry starts), no alternative engine, and caches under {@code target/}. Set
   * before the first DJL class initialises; values given on the command line win.
   */
  private static void configureDjlOffline() {
    Path target = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    setIfAbsent("ai.djl.onnx.disable_alternative", "true");
    setIfAbsent("DJL_CACHE_DIR", target.resolve("djl-cache").toString());
    setIfAbsent("ENGINE_CACHE_DIR", target.resolve("djl-cache").toString());
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private static String report(
      ModelSpec spec,
      String ortVersion,
      int cores,
      int threads,
      int warmups,
      int calls,
      int settle,
      boolean interleave,
      double maxDiff,
      double flopsPerCall,
      Stats plain,
      Stats djl,
      Paired paired) {
    StringBuilder out = new StringBuilder();
    String rule = "=".repeat(96);
    out.append('\n').append(rule).append('\n');
    out.append("EngineComparisonBenchmark: fused energy call, plain ONNX Runtime vs DJL\n");
    out.append(rule).append('\n');
    line(
        out,
        "bundle",
        "%s  (N=%d tokens, D=%d, predictor depth %d)",
        spec.name(),
        spec.latent().tokensPerFrame(),
        spec.latent().dim(),
        spec.predictor().depth());
    line(out, "call", "energy_h%d, S=%d samples -> energies [%d]", HORIZON, SAMPLES, SAMPLES);
    line(
        out,
        "runtime",
        "ONNX Runtime %s (one jar for both), DJL %s, Java %s",
        ortVersion,
        Engine.getDjlVersion(),
        Runtime.version());
    line(
        out,
        "machine",
        "%d cores available, %s %s, %s",
        cores,
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        cpuModel());
    line(out, "threads", "intra-op %d, inter-op 1, optimisation ALL, CPU (both)", threads);
    line(
        out,
        "calls",
        "%d warm-up + %d timed per engine, each timed call after %d untimed of the same engine",
        warmups,
        calls,
        settle);
    line(
        out,
        "order",
        "%s",
        interleave
            ? "interleaved: engines alternate per round, the first of each pair switching"
            : "blocked: all calls of plain ORT, then all of DJL");
    line(
        out,
        "check",
        "max |E_plain - E_djl| = %s (tolerance %.0e)",
        maxDiff == 0 ? "0 (bit-identical)" : String.format(Locale.ROOT, "%.3g", maxDiff),
        TOLERANCE);
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "%-30s %10s %10s %10s %10s %10s %12s%n",
            "engine",
            "median ms",
            "p90 ms",
            "mean ms",
            "min ms",
            "max ms",
            "GFLOP/s med"));
    row(out, "plain ORT (OnnxWorldModel)", plain, flopsPerCall);
    row(out, "DJL OnnxRuntime (Predictor)", djl, flopsPerCall);
    out.append('\n');
    line(
        out,
        "DJL vs plain",
        "median %+.1f %%, p90 %+.1f %%, mean %+.1f %%  (positive: DJL slower)",
        relative(djl.median, plain.median),
        relative(djl.p90, plain.p90),
        relative(djl.mean, plain.mean));
    line(
        out,
        "paired",
        "median of per-round (DJL - plain) %+.3f ms (%+.1f %%); DJL faster in %d of %d rounds",
        paired.medianDifference / 1e6,
        relative(plain.median + paired.medianDifference, plain.median),
        paired.djlFaster,
        paired.rounds);
    double p = paired.signTestP();
    String faster = paired.medianDifference < 0 ? "DJL" : "plain ORT";
    line(
        out,
        "verdict",
        "%s (two-sided sign test over rounds: p = %.3f)",
        p < 0.05
            ? String.format(
                Locale.ROOT,
                "%s faster by %.3f ms per call (paired median)",
                faster,
                Math.abs(paired.medianDifference) / 1e6)
            : "no significant difference",
        p);
    out.append(rule).append("\n\n");
    return out.toString();
  }

  private static void line(StringBuilder out, String key, String format, Object... args) {
    out.append(String.format(Locale.ROOT, "%-14s", key))
        .append(String.format(Locale.ROOT, format, args))
        .append('\n');
  }

  private static void row(StringBuilder out, String name, Stats s, double flopsPerCall) {
    String gflops =
        flopsPerCall > 0
            ? String.format(Locale.ROOT, "%.2f", flopsPerCall / s.median)
            : "n/a"; // FLOP per ns = GFLOP/s
    out.append(
        String.format(
            Locale.ROOT,
            "%-30s %10.3f %10.3f %10.3f %10.3f %10.3f %12s%n",
            name,
            s.median / 1e6,
            s.p90 / 1e6,
            s.mean / 1e6,
            s.min / 1e6,
            s.max / 1e6,
            gflops));
  }

  private static double relative(double value, double reference) {
    return 100 * (value - reference) / reference;
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "cpu model unknown";
    }
    try (var lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("cpu model unknown");
    } catch (IOException | RuntimeException e) {
      return "cpu model unknown";
    }
  }

  /** Random but plausible inputs: layer-normed-like latents, a pose, small action deltas. */
  private record Inputs(Latent context, float[] state, Latent goal, ActionBatch actions) {
    static Inputs random(ModelSpec spec, SplittableRandom random) {
      int n = spec.latent().tokensPerFrame();
      int d = spec.latent().dim();
      float[] state = {0.45f, 0.0f, 0.30f, (float) Math.PI, 0.0f, 0.0f, 0.2f};
      float[] actions = new float[SAMPLES * HORIZON * ActionBatch.ACTION_DIM];
      for (int i = 0; i < actions.length; i++) {
        actions[i] = (float) (0.05 * random.nextGaussian());
      }
      return new Inputs(
          new Latent(n, d, normal(random, n * d)),
          state,
          new Latent(n, d, normal(random, n * d)),
          new ActionBatch(SAMPLES, HORIZON, actions));
    }

    private static float[] normal(SplittableRandom random, int count) {
      float[] values = new float[count];
      for (int i = 0; i < count; i++) {
        values[i] = (float) random.nextGaussian();
      }
      return values;
    }
  }

  /** Nearest-rank statistics of per-call times in nanoseconds. */
  private record Stats(double median, double p90, double mean, double min, double max) {
    static Stats of(long[] nanos) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Stats(
          percentile(sorted, 50),
          percentile(sorted, 90),
          Arrays.stream(sorted).average().orElseThrow(),
          sorted[0],
          sorted[sorted.length - 1]);
    }

    /** The smallest value with {@code p} % of the calls at or below it. */
    private static double percentile(long[] sorted, double p) {
      int rank = (int) Math.ceil(p / 100 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
  }

  /**
   * Round-by-round comparison: round i times one call of each engine close together, so the
   * per-round difference cancels slow drift of the machine.
   */
  private record Paired(double medianDifference, int djlFaster, int rounds) {
    static Paired of(long[] plain, long[] djl) {
      long[] differences = new long[plain.length];
      int djlFaster = 0;
      for (int i = 0; i < plain.length; i++) {
        differences[i] = djl[i] - plain[i];
        if (djl[i] < plain[i]) {
          djlFaster++;
        }
      }
      Arrays.sort(differences);
      int mid = differences.length / 2;
      double median =
          differences.length % 2 == 1
              ? differences[mid]
              : (differences[mid - 1] + (double) differences[mid]) / 2;
      return new Paired(median, djlFaster, plain.length);
    }

    /**
     * Two-sided sign-test p-value of "DJL faster in {@code djlFaster} of {@code rounds} rounds"
     * under the hypothesis that either engine wins a round with probability 1/2.
     */
    double signTestP() {
      int k = Math.min(djlFaster, rounds - djlFaster);
      double tail = 0;
      for (int i = 0; i <= k; i++) {
        tail += Math.exp(logChoose(rounds, i) - rounds * Math.log(2));
      }
      return Math.min(1, 2 * tail);
    }

    private static double logChoose(int n, int k) {
      double sum = 0;
      for (int i = 1; i <= k; i++) {
        sum += Math.log(n - k + i) - Math.log(i);
      }
      return sum;
    }
  }

  /**
   * Refuses every http, https and ftp connection opened in this JVM and records it, so the
   * benchmark can assert that DJL attempted none. Installed once per JVM (a URL stream handler
   * factory cannot be replaced); other protocols (file, jar, jrt) keep their default handlers.
   */
  private static final class NetworkGuard implements URLStreamHandlerFactory {
    private static final Set<String> NETWORK = Set.of("http", "https", "ftp");
    private static final String PROBE = "http://192.0.2.1/network-guard-probe";
    private static NetworkGuard installed;

    private final List<String> attempts = new CopyOnWriteArrayList<>();

    static synchronized NetworkGuard install() {
      if (installed == null) {
        NetworkGuard guard = new NetworkGuard();
        URL.setURLStreamHandlerFactory(guard);
        installed = guard;
      }
      return installed;
    }

    /** Checks that a connection is refused and recorded, then forgets that probe. */
    void selfTest() throws IOException {
      URL probe = URI.create(PROBE).toURL();
      assertThatThrownBy(probe::openConnection).isInstanceOf(IOException.class);
      assertThat(attempts).as("network guard records refused connections").contains(PROBE);
      attempts.remove(PROBE);
    }

    List<String> attempts() {
      return List.copyOf(attempts);
    }

    @Override
    public URLStreamHandler createURLStreamHandler(String protocol) {
      if (!NETWORK.contains(protocol.toLowerCase(Locale.ROOT))) {
        return null;
      }
      return new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) throws IOException {
          return refuse(url);
        }

        @Override
        protected URLConnection openConnection(URL url, Proxy proxy) throws IOException {
          return refuse(url);
        }
      };
    }

    private URLConnection refuse(URL url) throws IOException {
      attempts.add(url.toString());
      throw new IOException("network access refused by EngineComparisonBenchmark: " + url);
    }
  }
}
