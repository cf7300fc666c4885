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
 * model's achieved GFLOP/s against it. {@link #measure} times a batch of products at once; an
 * {@linkplain #open opened} probe keeps its session so that a benchmark can time a few products
 * between its own calls, round after round, and compare each round with itself.
 */
public final class MatmulProbe implements AutoCloseable {
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

    /** Returns the runs of both results as one (same size and provider). */
    public Result plus(Result other) {
      if (other.size != size) {
        throw new IllegalArgumentException("sizes differ: " + size + ", " + other.size);
      }
      return new Result(
          size, provider, sorted(seconds, other.seconds), sorted(cpuSeconds, other.cpuSeconds));
    }

    private static double[] sorted(double[] a, double[] b) {
      double[] all = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      Arrays.sort(all);
      return all;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final int size;
  private final ExecutionProvider provider;
  private final OrtSession session;
  private final GraphRunner runner;
  private final float[] a;
  private final float[] b;

  private MatmulProbe(
      int size, ExecutionProvider provider, OrtSession session, GraphRunner runner) {
    this.size = size;
    this.provider = provider;
    this.session = session;
    this.runner = runner;
    this.a = randomMatrix(size, 1);
    this.b = randomMatrix(size, 2);
  }

  /**
   * Times {@code runs} products of two {@code size}² matrices after one warm-up.
   *
   * @return the timings, or empty when the probe graph is not on the classpath
   */
  public static Optional<Result> measure(RuntimeOptions options, int size, int runs) {
    if (runs <= 0) {
      throw new IllegalArgumentException("runs must be positive: " + runs);
    }
    Optional<MatmulProbe> opened = open(options, size);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (MatmulProbe probe = opened.get()) {
      probe.time(1);
      return Optional.of(probe.time(runs));
    }
  }

  /**
   * Opens a session of the probe graph for products of two {@code size}² matrices; the first {@link
   * #time} call pays the warm-up.
   *
   * @return the probe, or empty when the probe graph is not on the classpath
   */
  public static Optional<MatmulProbe> open(RuntimeOptions options, int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    Optional<byte[]> model = loadResource();
    if (model.isEmpty()) {
      return Optional.empty();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    SessionFactory factory = new SessionFactory(env, options);
    OrtSession session = factory.open(Path.of(RESOURCE.substring(1)), model.get());
    return Optional.of(
        new MatmulProbe(size, factory.status().activeProvider(), session, new GraphRunner(env)));
  }

  /** Times {@code runs} products back to back, without a warm-up. */
  public Result time(int runs) {
    if (runs <= 0) {
      throw new IllegalArgumentException("runs must be positive: " + runs);
    }
    double[] seconds = new double[runs];
    double[] cpuSeconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      long cpuStarted = THREADS.getCurrentThreadCpuTime();
      long started = System.nanoTime();
      runner
          .call("matmul_probe", session)
          .input("a", a, size, size)
          .input("b", b, size, size)
          .execute("c");
      seconds[i] = (System.nanoTime() - started) / 1e9;
      cpuSeconds[i] = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    }
    Arrays.sort(seconds);
    Arrays.sort(cpuSeconds);
    return new Result(size, provider, seconds, cpuSeconds);
  }

  /** Closes the probe's session and frees its buffers. */
  @Override
  public void close() {
    try {
      session.close();
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
