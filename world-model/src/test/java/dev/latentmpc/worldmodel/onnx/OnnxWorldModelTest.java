package dev.latentmpc.worldmodel.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.ExecutionProvider;
import dev.latentmpc.worldmodel.Latent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link OnnxWorldModel} on the real ONNX Runtime over the hand-built fixture graphs of {@link
 * dev.latentmpc.worldmodel.fixtures.OnnxGraphs}, whose outputs are simple functions of the inputs,
 * so every value that crosses the Java/native boundary is checked.
 */
class OnnxWorldModelTest extends FixtureModelTest {
  @Test
  void statusShowsTheRequestedCpu() {
    assertThat(model.status().requestedProvider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(model.status().activeProvider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(model.status().fallbackReason()).isEmpty();
    assertThat(model.status().runtimeVersion()).isNotBlank();
    assertThat(model.spec().energyHorizons()).containsExactly(1, 2);
  }

  @Test
  void encodesOneClipAndABatch() {
    float[] a = ramp(96, 0);
    float[] b = ramp(96, 1000);
    assertThat(model.encode(a).values()).containsExactly(a);
    List<Latent> both = model.encode(List.of(a, b));
    assertThat(both).extracting(Latent::values).containsExactly(a, b);
  }

  @Test
  void predictsFromTheLastFrameActionsAndStates() {
    float[][] actions = {{1, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 2}};
    float[][] states = {{0, 0, 0, 0, 0, 0, 0.5f}, {0.1f, 0, 0, 0, 0, 0, 0}};
    Latent next = model.predict(List.of(latent(0), latent(500)), actions, states);
    // fixture: last frame + sum(actions) + 10 * sum(states) = 500.. + 3 + 6
    assertThat(next.values()[0]).isCloseTo(509f, within(1e-4f));
    assertThat(next.values()[95]).isCloseTo(604f, within(1e-4f));
  }

  @Test
  void energiesRunTheGraphOfTheBatchHorizon() {
    float[] values = new float[3 * 2 * 7];
    values[0] = 1; // sample 0
    values[2 * 7 + 13 - 7] = 2; // sample 1, step 0, gripper
    ActionBatch actions = new ActionBatch(3, 2, values);
    float[] state = {0, 0, 0, 0, 0, 0, 0.01f};
    float[] energies = model.energies(latent(0), state, latent(6), actions);
    // fixture: sum(actions[s]) + mean|context - goal| + 100 * sum(state)
    assertThat(energies).containsExactly(new float[] {8, 9, 7}, within(1e-4f));
    ActionBatch single = new ActionBatch(1, 1, new float[] {0.5f, 0, 0, 0, 0, 0, 0});
    assertThat(model.energies(latent(0), state, latent(0), single))
        .containsExactly(new float[] {1.5f}, within(1e-5f));
  }

  @Test
  void missingHorizonListsTheExportedOnes() {
    ActionBatch h3 = new ActionBatch(2, 3, new float[42]);
    assertThatThrownBy(() -> model.energies(latent(0), new float[7], latent(0), h3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no fused energy graph for horizon 3; the bundle exports horizons [1, 2]");
  }

  @Test
  void nonFiniteInputsAreRejectedByName() {
    float[] nanState = {0, 0, Float.NaN, 0, 0, 0, 0};
    Latent infGoal = latent(0);
    infGoal.values()[5] = Float.POSITIVE_INFINITY;
    float[] badActions = new float[14];
    badActions[9] = Float.NaN;
    ActionBatch ok = new ActionBatch(1, 1, new float[7]);

    assertThatThrownBy(() -> model.energies(latent(0), nanState, latent(0), ok))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state holds a non-finite value (NaN) at index 2");
    assertThatThrownBy(() -> model.energies(latent(0), new float[7], infGoal, ok))
        .hasMessage("goal holds a non-finite value (Infinity) at index 5");
    assertThatThrownBy(() ->
            model.energies(latent(0), new float[7], latent(0), new ActionBatch(2, 1, badActions)))
        .hasMessage("actions holds a non-finite value (NaN) at index 9");
    float[] clip = ramp(96, 0);
    clip[95] = Float.NEGATIVE_INFINITY;
    assertThatThrownBy(() -> model.encode(clip))
        .hasMessage("frames holds a non-finite value (-Infinity) at index 95");
    float[][] nanActions = {{0, 0, 0, 0, 0, 0, Float.NaN}};
    assertThatThrownBy(() -> model.predict(List.of(latent(0)), nanActions, new float[1][7]))
        .hasMessage("actions[0] holds a non-finite value (NaN) at index 6");
  }

  @Test
  void wrongShapesAreRejectedByName() {
    assertThatThrownBy(() -> model.encode(new float[95]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frames has 95 floats; a clip [3, 2, 4, 4] has 96");
    Latent wide = new Latent(2, 48, new float[96]);
    assertThatThrownBy(() ->
            model.energies(wide, new float[7], latent(0), new ActionBatch(1, 1, new float[7])))
        .hasMessage("context is 2 tokens x 48; this model's latents are 4 x 24");
    assertThatThrownBy(() ->
            model.energies(latent(0), new float[6], latent(0), new ActionBatch(1, 1, new float[7])))
        .hasMessageContaining("state must have 7 values");
    assertThatThrownBy(() -> model.predict(List.of(latent(0)), new float[2][7], new float[1][7]))
        .hasMessage("actions must have one row per context frame (1), got 2");
    List<Latent> four = List.of(latent(0), latent(0), latent(0), latent(0));
    assertThatThrownBy(() -> model.predict(four, new float[4][7], new float[4][7]))
        .hasMessage("context must hold 1 to 3 latents (predictor.max_frames), got 4");
    assertThatThrownBy(() -> model.encode(List.of()))
        .hasMessage("clips must hold at least one clip");
  }

  @Test
  void concurrentCallsEachSeeTheirOwnInputs() throws Exception {
    List<float[]> results =
        concurrently(
            64,
            shift ->
                model.energies(
                    latent(0), new float[7], latent(shift), new ActionBatch(1, 2, new float[14])));
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i)).containsExactly(new float[] {i}, within(1e-5f));
    }
  }

  @Test
  void callsAfterCloseFailAndCloseIsIdempotent() {
    model.close();
    model.close();
    assertThatThrownBy(() -> model.encode(ramp(96, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("world model 'fixture' is closed");
  }
}
