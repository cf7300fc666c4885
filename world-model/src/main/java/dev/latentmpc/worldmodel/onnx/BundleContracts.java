package dev.latentmpc.worldmodel.onnx;

import static dev.latentmpc.worldmodel.onnx.TensorContract.DYNAMIC;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.ModelSpec;
import java.util.List;

/** Graph input and output names and shapes of the bundle contract (world-model/BUNDLE.md). */
final class BundleContracts {
  static final String FRAMES = "frames";
  static final String LATENTS = "latents";
  static final String ACTIONS = "actions";
  static final String STATES = "states";
  static final String NEXT_LATENTS = "next_latents";
  static final String CONTEXT = "context";
  static final String STATE = "state";
  static final String GOAL = "goal";
  static final String ENERGIES = "energies";

  private static final long A = ActionBatch.ACTION_DIM;

  /** Inputs and outputs of one graph. */
  record GraphIo(List<TensorContract> inputs, List<TensorContract> outputs) {}

  private BundleContracts() {}

  static GraphIo encoder(ModelSpec spec) {
    long size = spec.input().imageSize();
    return new GraphIo(
        List.of(TensorContract.of(FRAMES, DYNAMIC, 3, spec.input().tubeletSize(), size, size)),
        List.of(TensorContract.of(LATENTS, DYNAMIC, tokens(spec), dim(spec))));
  }

  static GraphIo predictor(ModelSpec spec) {
    return new GraphIo(
        List.of(
            TensorContract.of(LATENTS, DYNAMIC, DYNAMIC, dim(spec)),
            TensorContract.of(ACTIONS, DYNAMIC, DYNAMIC, A),
            TensorContract.of(STATES, DYNAMIC, DYNAMIC, A)),
        List.of(TensorContract.of(NEXT_LATENTS, DYNAMIC, tokens(spec), dim(spec))));
  }

  static GraphIo energy(ModelSpec spec, int horizon) {
    return new GraphIo(
        List.of(
            TensorContract.of(CONTEXT, 1, tokens(spec), dim(spec)),
            TensorContract.of(STATE, 1, A),
            TensorContract.of(GOAL, 1, tokens(spec), dim(spec)),
            TensorContract.of(ACTIONS, DYNAMIC, horizon, A)),
        List.of(TensorContract.of(ENERGIES, DYNAMIC)));
  }

  private static long tokens(ModelSpec spec) {
    return spec.latent().tokensPerFrame();
  }

  private static long dim(ModelSpec spec) {
    return spec.latent().dim();
  }
}
