package dev.latentmpc.worldmodel.onnx;

import static dev.latentmpc.worldmodel.onnx.BundleContracts.ACTIONS;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.CONTEXT;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.ENERGIES;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.GOAL;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.STATE;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.InferenceException;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Profiles energy-graph calls with ONNX Runtime's profiler and sums the kernel time by operator
 * type: where one CEM iteration's time goes. The graph runs in a session of its own (profiling
 * slows every run), with the given options, after one untimed warm-up call.
 */
public final class EnergyProfiler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Kernel time of one operator type, per call.
   *
   * @param opType ONNX (or ONNX Runtime fused) operator type, e.g. {@code MatMul}, {@code BiasGelu}
   * @param nodes kernels of that type run per call
   * @param millis kernel time per call: the sum over those kernels of each one's shortest time
   */
  public record OpTime(String opType, int nodes, double millis) {}

  /**
   * A profile summary.
   *
   * @param file the runtime's JSON trace
   * @param callMillis wall time of the fastest profiled call inside the runtime
   * @param ops kernel time by operator type, largest first
   */
  public record Profile(Path file, double callMillis, List<OpTime> ops) {
    /** Returns the kernel time of all operators per call. */
    public double kernelMillis() {
      return ops.stream().mapToDouble(OpTime::millis).sum();
    }
  }

  private EnergyProfiler() {}

  /**
   * Runs the energy graph for {@code actions.horizon()} once untimed and {@code calls} times
   * profiled, writing the trace under {@code outDir}.
   */
  public static Profile profile(
      Path bundleDir,
      ModelSpec spec,
      RuntimeOptions options,
      Path outDir,
      int calls,
      Latent context,
      float[] state,
      Latent goal,
      ActionBatch actions) {
    ModelSpec.EnergyGraph graph =
        spec.energyGraph(actions.horizon())
            .orElseThrow(() -> new IllegalArgumentException("no energy graph for that horizon"));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Path prefix = outDir.resolve("energy_h" + actions.horizon());
    SessionFactory factory = new SessionFactory(env, options, prefix);
    GraphRunner runner = new GraphRunner(env);
    long n = context.tokens();
    long d = context.dim();
    try (OrtSession session = factory.open(bundleDir.resolve(graph.file()))) {
      for (int i = 0; i <= calls; i++) {
        runner
            .call(graph.file(), session)
            .input(CONTEXT, context.values(), 1, n, d)
            .input(STATE, state, 1, ActionBatch.ACTION_DIM)
            .input(GOAL, goal.values(), 1, n, d)
            .input(
                ACTIONS,
                actions.values(),
                actions.samples(),
                actions.horizon(),
                ActionBatch.ACTION_DIM)
            .execute(ENERGIES);
      }
      Path file = Path.of(session.endProfiling());
      return summarise(file, Files.readString(file));
    } catch (OrtException e) {
      throw new InferenceException("profiling " + graph.file() + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the profile", e);
    } finally {
      runner.close();
    }
  }

  /**
   * Sums kernel times by operator type, taking for each node its shortest time over the model runs
   * after the first (the warm-up): on shared cores a run is often interrupted, and the per-node
   * minimum keeps those interruptions out of the figures.
   */
  static Profile summarise(Path file, String trace) throws IOException {
    List<double[]> runs = new ArrayList<>(); // [start, end] in microseconds
    JsonNode events = JSON.readTree(trace);
    for (JsonNode e : events) {
      if ("Session".equals(e.path("cat").asText()) && "model_run".equals(e.path("name").asText())) {
        double ts = e.path("ts").asDouble();
        runs.add(new double[] {ts, ts + e.path("dur").asDouble()});
      }
    }
    runs.sort(Comparator.comparingDouble(r -> r[0]));
    List<double[]> timed = runs.size() > 1 ? runs.subList(1, runs.size()) : runs;
    Map<String, double[]> byNode = new TreeMap<>(); // per run: microseconds
    Map<String, String> opOf = new TreeMap<>();
    for (JsonNode e : events) {
      String name = e.path("name").asText();
      if (!"Node".equals(e.path("cat").asText()) || !name.endsWith("_kernel_time")) {
        continue;
      }
      double ts = e.path("ts").asDouble();
      for (int run = 0; run < timed.size(); run++) {
        if (ts >= timed.get(run)[0] && ts <= timed.get(run)[1]) {
          byNode.computeIfAbsent(name, k -> new double[timed.size()])[run] +=
              e.path("dur").asDouble();
          opOf.put(name, e.path("args").path("op_name").asText());
        }
      }
    }
    Map<String, double[]> byOp = new TreeMap<>(); // {microseconds, kernels}
    byNode.forEach((node, perRun) -> {
      double[] sum = byOp.computeIfAbsent(opOf.get(node), k -> new double[2]);
      sum[0] += Arrays.stream(perRun).min().orElse(0);
      sum[1]++;
    });
    List<OpTime> ops = new ArrayList<>();
    byOp.forEach((op, sum) -> ops.add(new OpTime(op, (int) sum[1], sum[0] / 1e3)));
    ops.sort(Comparator.comparingDouble(OpTime::millis).reversed());
    double fastestRun = timed.stream().mapToDouble(r -> r[1] - r[0]).min().orElse(0);
    return new Profile(file, fastestRun / 1e3, List.copyOf(ops));
  }
}
