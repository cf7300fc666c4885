package dev.latentmpc.worldmodel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.BoundEnergy;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import dev.latentmpc.worldmodel.onnx.RuntimeOptions;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Planning fidelity of an int8 energy graph against the float32 one of the same checkpoint, on
 * held-out frames: for each transition (frame t and state t as context, frame t + k as goal) both
 * bundles score the same 800 CEM-like samples; the figures are how often the best sample is the
 * same, the rank correlation of the energies, how many of the 10 elites CEM would keep are shared,
 * and the float32 regret of the int8 choice. Prints the figures; asserts only that it ran.
 *
 * <pre>
 * mvn -q -pl world-model test -Dgroups=benchmark -DexcludedGroups= -Dtest=Int8FidelityBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbench.fp32=BUNDLE -Dbench.int8=BUNDLE \
 *     -Dbench.dataset=DIR   # latent-mpc sim dataset, a seed the bundle was not trained on
 * </pre>
 */
@Tag("benchmark")
class Int8FidelityBenchmark {
  private static final int SAMPLES = 800;
  private static final int ELITES = 10;
  private static final int[] GOAL_STEPS = {1, 3};

  @Test
  void int8EnergiesAgainstFloat32() throws IOException {
    Path fp32 = Path.of(System.getProperty("bench.fp32"));
    Path int8 = Path.of(System.getProperty("bench.int8"));
    Path dataset = Path.of(System.getProperty("bench.dataset"));
    RuntimeOptions options = RuntimeOptions.builder().intraOpThreads(2).build();
    List<double[]> cases = new ArrayList<>(); // {argmin same, spearman, elite overlap, regret}
    try (OnnxWorldModel a = OnnxWorldModel.open(fp32, options);
        OnnxWorldModel b = OnnxWorldModel.open(int8, options);
        Stream<Path> episodes = Files.list(dataset)) {
      FramePreprocessor pre = FramePreprocessor.of(a.spec());
      SplittableRandom random = new SplittableRandom(5);
      for (Path episode : episodes.filter(Files::isDirectory).sorted().toList()) {
        NpyArrays.Frames frames = NpyArrays.frames(episode.resolve("frames.npy"));
        float[][] states = NpyArrays.rows(episode.resolve("states.npy"), 7);
        for (int t = 0; t < frames.count(); t += 2) {
          for (int k : GOAL_STEPS) {
            if (t + k >= frames.count()) {
              continue;
            }
            Latent context = a.encode(pre.preprocess(frames.image(t)));
            Latent goal = a.encode(pre.preprocess(frames.image(t + k)));
            ActionBatch actions = sample(random);
            float[] e32;
            float[] e8;
            try (BoundEnergy ea = a.bindEnergy(context, states[t], goal);
                BoundEnergy eb = b.bindEnergy(context, states[t], goal)) {
              e32 = ea.energies(actions);
              e8 = eb.energies(actions);
            }
            cases.add(compare(e32, e8));
          }
        }
      }
    }
    report(cases);
    assertThat(cases).isNotEmpty();
  }

  private static ActionBatch sample(SplittableRandom random) {
    float[] values = new float[SAMPLES * ActionBatch.ACTION_DIM];
    for (int i = 0; i < values.length; i += ActionBatch.ACTION_DIM) {
      for (int c = 0; c < 3; c++) {
        values[i + c] = (float) random.nextDouble(-0.075, 0.075);
      }
      values[i + 6] = (float) random.nextDouble(-0.75, 0.75);
    }
    return new ActionBatch(SAMPLES, 1, values);
  }

  static double[] compare(float[] reference, float[] other) {
    int[] byRef = order(reference);
    int[] byOther = order(other);
    double spread = reference[byRef[reference.length / 2]] - reference[byRef[0]];
    double regret = (reference[byOther[0]] - reference[byRef[0]]) / spread;
    int shared = 0;
    for (int i = 0; i < ELITES; i++) {
      for (int j = 0; j < ELITES; j++) {
        shared += byRef[i] == byOther[j] ? 1 : 0;
      }
    }
    return new double[] {
      byRef[0] == byOther[0] ? 1 : 0, spearman(byRef, byOther), shared / (double) ELITES, regret
    };
  }

  private static int[] order(float[] values) {
    return IntStream.range(0, values.length)
        .boxed()
        .sorted((i, j) -> Float.compare(values[i], values[j]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Spearman's rho from two orderings of the same items (no ties in float energies). */
  private static double spearman(int[] orderA, int[] orderB) {
    int n = orderA.length;
    int[] rankA = new int[n];
    int[] rankB = new int[n];
    for (int r = 0; r < n; r++) {
      rankA[orderA[r]] = r;
      rankB[orderB[r]] = r;
    }
    double d2 = 0;
    for (int i = 0; i < n; i++) {
      d2 += (double) (rankA[i] - rankB[i]) * (rankA[i] - rankB[i]);
    }
    return 1 - 6 * d2 / ((double) n * ((double) n * n - 1));
  }

  private static void report(List<double[]> cases) {
    int n = cases.size();
    double argmin = cases.stream().mapToDouble(c -> c[0]).sum() / n;
    double[] rho = cases.stream().mapToDouble(c -> c[1]).sorted().toArray();
    double elites = cases.stream().mapToDouble(c -> c[2]).average().orElse(0);
    double[] regret = cases.stream().mapToDouble(c -> c[3]).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "int8 vs float32 on %d held-out transitions x %d samples: argmin agreement %.1f %%;"
            + " Spearman rho median %.4f, min %.4f; top-%d elites shared %.1f %%;"
            + " regret of the int8 argmin (share of the fp32 min-to-median spread) median %.4f,"
            + " p90 %.4f, max %.4f%n",
        n,
        SAMPLES,
        100 * argmin,
        rho[n / 2],
        rho[0],
        ELITES,
        100 * elites,
        regret[n / 2],
        regret[(int) Math.min(n - 1, Math.ceil(0.9 * n) - 1)],
        regret[n - 1]);
    System.out.println("regret quartiles " + Arrays.toString(quartiles(regret)));
  }

  private static double[] quartiles(double[] sorted) {
    int n = sorted.length;
    return new double[] {sorted[0], sorted[n / 4], sorted[n / 2], sorted[3 * n / 4], sorted[n - 1]};
  }

  /** The .npy files of a simulated dataset (sim-harness/DATASET.md): version 1.0, C order. */
  static final class NpyArrays {
    private NpyArrays() {}

    /** Frames {@code uint8 [T, H, W, 3]}. */
    record Frames(int count, int height, int width, byte[] data, int offset) {
      RgbImage image(int t) {
        int size = height * width * 3;
        return new RgbImage(
            width, height, Arrays.copyOfRange(data, offset + t * size, offset + (t + 1) * size));
      }
    }

    static Frames frames(Path file) throws IOException {
      byte[] data = Files.readAllBytes(file);
      int[] shape = shape(data);
      return new Frames(shape[0], shape[1], shape[2], data, dataOffset(data));
    }

    static float[][] rows(Path file, int width) throws IOException {
      byte[] data = Files.readAllBytes(file);
      int count = shape(data)[0];
      var buffer =
          ByteBuffer.wrap(data, dataOffset(data), count * width * 4)
              .order(ByteOrder.LITTLE_ENDIAN)
              .asFloatBuffer();
      float[][] rows = new float[count][width];
      for (float[] row : rows) {
        buffer.get(row);
      }
      return rows;
    }

    private static int dataOffset(byte[] data) {
      return 10 + ((data[8] & 0xff) | (data[9] & 0xff) << 8);
    }

    private static int[] shape(byte[] data) {
      String header = new String(data, 10, dataOffset(data) - 10, StandardCharsets.US_ASCII);
      String dims = header.substring(header.indexOf("'shape': (") + 10);
      dims = dims.substring(0, dims.indexOf(')'));
      return Arrays.stream(dims.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .mapToInt(Integer::parseInt)
          .toArray();
    }
  }
}
