package dev.latentmpc.worldmodel.onnx;

import static dev.latentmpc.worldmodel.fixtures.TestBundles.DIM;
import static dev.latentmpc.worldmodel.fixtures.TestBundles.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.BoundEnergy;
import dev.latentmpc.worldmodel.DefaultBundle;
import dev.latentmpc.worldmodel.Latent;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * {@link OnnxWorldModel#bindEnergy}: the same energies as the one-shot call, bit for bit, on the
 * fixture graphs and on the embedded default bundle; refusals with messages; native buffers freed
 * when the binding and the model close.
 */
class EnergyBindingTest extends FixtureModelTest {
  private static ActionBatch batch(SplittableRandom random, int samples, int horizon) {
    float[] values = new float[samples * horizon * ActionBatch.ACTION_DIM];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-0.075, 0.075);
    }
    return new ActionBatch(samples, horizon, values);
  }

  @Test
  void boundEnergiesEqualTheOneShotCallAcrossBatchesAndShapes() {
    SplittableRandom random = new SplittableRandom(7);
    float[] state = {0.4f, 0, 0.3f, 3.1f, 0, 0, 0.2f};
    try (BoundEnergy bound = model.bindEnergy(latent(0), state, latent(3))) {
      for (int[] shape : new int[][] {{5, 1}, {5, 1}, {9, 2}, {1, 1}, {5, 1}}) {
        ActionBatch actions = batch(random, shape[0], shape[1]);
        float[] expected = model.energies(latent(0), state, latent(3), actions);
        assertThat(bound.energies(actions)).isEqualTo(expected);
      }
    }
  }

  @Test
  void boundInputsAreCopiedAtBinding() {
    float[] state = {0, 0, 0, 0, 0, 0, 0.01f};
    ActionBatch actions = new ActionBatch(1, 1, new float[7]);
    float[] expected = model.energies(latent(0), state.clone(), latent(6), actions);
    try (BoundEnergy bound = model.bindEnergy(latent(0), state, latent(6))) {
      state[0] = 5;
      assertThat(bound.energies(actions)).isEqualTo(expected);
    }
  }

  @Test
  void defaultBundleBindingMatchesTheOneShotCallBitForBit() {
    Path bundle = DefaultBundle.under(Path.of("").toAbsolutePath().getParent());
    try (OnnxWorldModel real = OnnxWorldModel.open(bundle, RuntimeOptions.defaults())) {
      SplittableRandom random = new SplittableRandom(11);
      int floats = real.spec().clipFloats();
      Latent context = real.encode(noise(random, floats));
      Latent goal = real.encode(noise(random, floats));
      float[] state = {0.45f, 0.02f, 0.3f, 3.1f, 0.05f, -0.1f, 0.2f};
      try (BoundEnergy bound = real.bindEnergy(context, state, goal)) {
        for (int iteration = 0; iteration < 3; iteration++) {
          ActionBatch actions = batch(random, 800, 1);
          assertThat(bound.energies(actions))
              .isEqualTo(real.energies(context, state, goal, actions));
        }
      }
    }
  }

  private static float[] noise(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextDouble(-2, 2);
    }
    return values;
  }

  @Test
  void closedBindingIsRefusedAndCloseIsIdempotent() {
    BoundEnergy bound = model.bindEnergy(latent(0), new float[7], latent(0));
    bound.close();
    bound.close();
    assertThatThrownBy(() -> bound.energies(new ActionBatch(1, 1, new float[7])))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("energy binding is closed");
    assertThat(model.openBindings()).isZero();
  }

  @Test
  void closingTheModelClosesOpenBindingsAndRefusesNewOnes() {
    BoundEnergy bound = model.bindEnergy(latent(0), new float[7], latent(0));
    model.close();
    assertThat(model.openBindings()).isZero();
    assertThatThrownBy(() -> bound.energies(new ActionBatch(1, 1, new float[7])))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("world model 'fixture' is closed");
    assertThatThrownBy(() -> model.bindEnergy(latent(0), new float[7], latent(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("world model 'fixture' is closed");
    bound.close();
  }

  @Test
  void wrongShapesAndValuesAreRefusedWithAMessage() {
    Latent wide = new Latent(2, 48, new float[96]);
    assertThatThrownBy(() -> model.bindEnergy(wide, new float[7], latent(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("context is 2 tokens x 48; this model's latents are 4 x 24");
    assertThatThrownBy(() -> model.bindEnergy(latent(0), new float[6], latent(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state must have 7 values (x, y, z, roll, pitch, yaw, gripper), got 6");
    assertThatThrownBy(() -> model.bindEnergy(latent(0), new float[7], wide))
        .hasMessage("goal is 2 tokens x 48; this model's latents are 4 x 24");
    float[] nan = new float[14];
    nan[3] = Float.NaN;
    try (BoundEnergy bound = model.bindEnergy(latent(0), new float[7], latent(0))) {
      assertThatThrownBy(() -> bound.energies(new ActionBatch(2, 3, new float[42])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no fused energy graph for horizon 3; the bundle exports horizons [1, 2]");
      assertThatThrownBy(() -> bound.energies(new ActionBatch(2, 1, nan)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("actions holds a non-finite value (NaN) at index 3");
      assertThatThrownBy(() -> bound.energies(null)).hasMessage("actions is null");
      // A refused batch leaves the binding usable.
      assertThat(bound.energies(new ActionBatch(1, 1, new float[7]))).hasSize(1);
    }
    assertThat(model.openBindings()).isZero();
  }

  @Test
  void nativeBuffersAreFreedWhenTheModelCloses() {
    try (BoundEnergy bound = model.bindEnergy(latent(0), new float[7], latent(0))) {
      bound.energies(new ActionBatch(64, 2, new float[64 * 2 * 7]));
    }
    long pooled = model.pooledBufferBytes();
    // context + goal + state + actions [64, 2, 7] + energies [64]
    assertThat(pooled).isGreaterThanOrEqualTo((2L * TOKENS * DIM + 7 + 64 * 14 + 64) * 4);
    long before = Pointer.totalBytes();
    model.close();
    assertThat(model.pooledBufferBytes()).isZero();
    assertThat(Pointer.totalBytes()).isLessThanOrEqualTo(before - pooled);
  }

  @Test
  void concurrentBindingsEachSeeTheirOwnInputs() throws Exception {
    List<float[]> results =
        concurrently(
            32,
            shift -> {
              try (BoundEnergy bound = model.bindEnergy(latent(0), new float[7], latent(shift))) {
                bound.energies(new ActionBatch(3, 1, new float[21]));
                return bound.energies(new ActionBatch(1, 2, new float[14]));
              }
            });
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i)).containsExactly((float) i);
    }
    assertThat(model.openBindings()).isZero();
  }
}
