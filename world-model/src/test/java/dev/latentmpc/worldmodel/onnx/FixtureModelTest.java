package dev.latentmpc.worldmodel.onnx;

import static dev.latentmpc.worldmodel.fixtures.TestBundles.DIM;
import static dev.latentmpc.worldmodel.fixtures.TestBundles.TOKENS;

import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.fixtures.TestBundles;
import java.nio.file.Path;
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
}
