package dev.latentmpc.worldmodel.onnx;

import static dev.latentmpc.worldmodel.fixtures.TestBundles.DIM;
import static dev.latentmpc.worldmodel.fixtures.TestBundles.TOKENS;

import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.fixtures.TestBundles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run {@link OnnxWorldModel} over the fixture bundle of {@link TestBundles}:
 * a fresh model per test, closed after it, and ramp-valued inputs whose outputs the fixture graphs
 * make easy to predict.
 */
abstract class FixtureModelTest {
  @TempDir Path dir;
  OnnxWorldModel model;

  @BeforeEach
  void openFixtureModel() {
    model = OnnxWorldModel.open(TestBundles.write(dir), RuntimeOptions.defaults());
  }

  @AfterEach
  void closeFixtureModel() {
    model.close();
  }

  static float[] ramp(int n, float start) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = start + i;
    }
    return values;
  }

  /** A latent of the fixture's shape holding {@code start, start + 1, ...}. */
  static Latent latent(float start) {
    return new Latent(TOKENS, DIM, ramp(TOKENS * DIM, start));
  }

  /** One call of the model that is given the goal latent's shift. */
  @FunctionalInterface
  interface ShiftedCall {
    float[] energies(float goalShift) throws Exception;
  }

  /**
   * Makes {@code calls} calls at once on four threads, call i with the goal shifted by i, and
   * returns their results in call order: what each call saw of its own inputs.
   */
  static List<float[]> concurrently(int calls, ShiftedCall call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        float shift = i;
        futures.add(pool.submit(() -> call.energies(shift)));
      }
      List<float[]> results = new ArrayList<>();
      for (Future<float[]> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }
}
