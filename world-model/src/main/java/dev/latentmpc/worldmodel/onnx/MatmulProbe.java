package dev.latentmpc.worldmodel.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.latentmpc.worldmodel.ExecutionProvider;
import dev.latentmpc.worldmodel.InferenceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Measures the fp32 matrix-product throughput ONNX Runtime reaches on this machine, with the same
 * provider and threads as a model, by timing one square MatMul ({@code matmul_probe.onnx} on the
 * classpath: inputs {@code a} [M, K] and {@code b} [K, N], output {@code c}). Benchmarks report a
 * model's achieved GFLOP/s against it.
 */
public final class MatmulProbe {
  /** Classpath location of the probe graph. */
  public static final String RESOURCE = "/dev/latentmpc/worldmodel/matmul_probe.onnx";

  /**
   * Timings of the probe.
   *
   * @param size M = N = K
   * @param provider provider the product ran on
   * @param seconds wall time of each timed run, ascending
   * @param cpuSeconds CPU time of the calling thread in each timed run, ascending; the work of the
   *     product when the provider runs it on one CPU thread (the caller's)
   */
  public record Result(
      int size, ExecutionProvider provider, double[] seconds, double[] cpuSeconds) {
    /** Returns the FLOPs of one product, {@code 2 · M · N · K}. */
    public double flops() {
      return 2.0 * size * size * size;
    }

    /** Returns the best run's GFLOP/s, the peak estimate. */
    public double peakGflops() {
      return flops() / seconds[0] / 1e9;
    }

    /** Returns the median run's GFLOP/s. */
    public double medianGflops() {
      return flops() / seconds[seconds.length / 2] / 1e9;
    }

    /** Returns the best run's GFLOP/s by the calling thread's CPU time. */
    public double peakCpuGflops() {
      return flops() / cpuSeconds[0] / 1e9;
    }
  }

  private MatmulProbe() {}

  /**
   * Times {@code runs} products of two {@code size}² matrices after one warm-up.
   *
   * @return the timings, or empty when the probe graph is not on the classpath
   */
  public static Optional<Result> measure(RuntimeOptions options, int size, int runs) {
    if (size <= 0 || runs <= 0) {
      throw new IllegalArgumentException("size and runs must be positive: " + size + ", " + runs);
    }
    Optional<byte[]> model = loadResource();
    if (model.isEmpty()) {
      return Optional.empty();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    SessionFactory factory = new SessionFactory(env, options);
    float[] a = randomMatrix(size, 1);
    float[] b = randomMatrix(size, 2);
    GraphRunner runner = new GraphRunner(env);
    try (OrtSession session = factory.open(Path.of(RESOURCE.substring(1)), model.get())) {
      double[] seconds = new double[runs];
      double[] cpuSeconds = new double[runs];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int i = -1; i < runs; i++) {
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        runner
            .call("matmul_probe", session)
            .input("a", a, size, size)
            .input("b", b, size, size)
            .execute("c");
        if (i >= 0) {
          seconds[i] = (System.nanoTime() - started) / 1e9;
          cpuSeconds[i] = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        }
      }
      Arrays.sort(seconds);
      Arrays.sort(cpuSeconds);
      return Optional.of(new Result(size, factory.status().activeProvider(), seconds, cpuSeconds));
    } catch (OrtException e) {
      throw new InferenceException("closing the matmul probe failed: " + e.getMessage(), e);
    } finally {
      runner.close();
    }
  }

  private static Optional<byte[]> loadResource() {
    try (InputStream in = MatmulProbe.class.getResourceAsStream(RESOURCE)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static float[] randomMatrix(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[size * size];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }
}
