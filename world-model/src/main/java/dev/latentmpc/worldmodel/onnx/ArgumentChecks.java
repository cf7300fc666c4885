package dev.latentmpc.worldmodel.onnx;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.FiniteCheck;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import java.util.Objects;

/**
 * Argument checks run before any tensor is built, so a bad call fails with a message naming the
 * argument instead of a runtime error deep inside a graph.
 */
final class ArgumentChecks {
  private final ModelSpec spec;

  ArgumentChecks(ModelSpec spec) {
    this.spec = spec;
  }

  void clip(String argument, float[] frames) {
    Objects.requireNonNull(frames, argument + " is null");
    if (frames.length != spec.clipFloats()) {
      var input = spec.input();
      throw new IllegalArgumentException(
          argument
              + " has "
              + frames.length
              + " floats; a clip [3, "
              + input.tubeletSize()
              + ", "
              + input.imageSize()
              + ", "
              + input.imageSize()
              + "] has "
              + spec.clipFloats());
    }
    FiniteCheck.requireFinite(argument, frames);
  }

  void latent(String argument, Latent latent) {
    Objects.requireNonNull(latent, argument + " is null");
    var expected = spec.latent();
    if (latent.tokens() != expected.tokensPerFrame() || latent.dim() != expected.dim()) {
      throw new IllegalArgumentException(
          argument
              + " is "
              + latent.tokens()
              + " tokens x "
              + latent.dim()
              + "; this model's latents are "
              + expected.tokensPerFrame()
              + " x "
              + expected.dim());
    }
    latent.requireFinite(argument);
  }

  void vector7(String argument, float[] values) {
    Objects.requireNonNull(values, argument + " is null");
    if (values.length != ActionBatch.ACTION_DIM) {
      throw new IllegalArgumentException(
          argument
              + " must have 7 values (x, y, z, roll, pitch, yaw, gripper), got "
              + values.length);
    }
    FiniteCheck.requireFinite(argument, values);
  }

  void rows(String argument, float[][] rows, int count) {
    Objects.requireNonNull(rows, argument + " is null");
    if (rows.length != count) {
      throw new IllegalArgumentException(
          argument + " must have one row per context frame (" + count + "), got " + rows.length);
    }
    for (int i = 0; i < rows.length; i++) {
      vector7(argument + "[" + i + "]", rows[i]);
    }
  }

  void actions(ActionBatch actions) {
    Objects.requireNonNull(actions, "actions is null");
    FiniteCheck.requireFinite("actions", actions.values());
  }
}
