package dev.latentmpc.worldmodel;

import java.util.List;

/**
 * The V-JEPA 2-AC world model: encodes frames to latents, predicts the next latent from actions,
 * and scores batches of action sequences against a goal latent.
 *
 * <p>Arguments are checked before anything runs: a wrong length or a NaN/infinite value throws
 * {@link IllegalArgumentException} naming the argument. Implementations are thread-safe unless
 * their documentation says otherwise. Calls after {@link #close()} throw {@link
 * IllegalStateException}.
 */
public interface WorldModel extends AutoCloseable {

  /** Returns the bundle description the model was loaded from. */
  ModelSpec spec();

  /**
   * Encodes one preprocessed clip.
   *
   * @param frames {@code [3, tubelet, H, W]} ImageNet-normalised values, the frame repeated over
   *     the tubelet (see {@code dev.latentmpc.worldmodel.preprocess.FramePreprocessor})
   * @return the layer-normalised latent, {@code [tokens_per_frame, dim]}
   */
  Latent encode(float[] frames);

  /**
   * Encodes several preprocessed clips in one batch.
   *
   * @param clips clips laid out as for {@link #encode(float[])}; not empty
   * @return one latent per clip, in order
   */
  List<Latent> encode(List<float[]> clips);

  /**
   * Predicts the latent of the frame that follows {@code context.size()} frames and actions.
   *
   * @param context latents of frames 1..T, oldest first; 1 ≤ T ≤ {@code predictor.max_frames}
   * @param actions T actions of 7 values; action t moves from frame t to frame t+1
   * @param states T end-effector states of 7 values, the state at frame t
   * @return the predicted latent of frame T+1, layer-normalised
   */
  Latent predict(List<Latent> context, float[][] actions, float[][] states);

  /**
   * Rolls every action sequence out from {@code context} and returns its energy, the mean absolute
   * difference between the latent predicted {@code actions.horizon()} steps ahead and {@code goal}.
   *
   * @param context latent of the current frame
   * @param state current end-effector state, 7 values
   * @param goal latent of the goal image
   * @param actions candidate sequences; their horizon must be one the bundle exports
   * @return {@code actions.samples()} energies, lower is better
   * @throws IllegalArgumentException for a bad argument or a horizon without an exported graph (the
   *     message lists the exported horizons)
   */
  float[] energies(Latent context, float[] state, Latent goal, ActionBatch actions);

  /**
   * Binds {@link #energies} to one planning step's context, state and goal: the planner calls the
   * returned function once per CEM iteration with a new action batch, and closes it after the plan.
   * The state is copied, so changing the array afterwards changes nothing.
   *
   * <p>The default calls {@link #energies} on every batch, which checks the bound arguments each
   * time; a model with a faster path overrides it (the ONNX Runtime model checks and uploads them
   * here, once, and reuses its tensors across calls).
   *
   * @param context latent of the current frame
   * @param state current end-effector state, 7 values
   * @param goal latent of the goal image
   * @return the bound energy function; the caller closes it
   * @throws IllegalArgumentException for a bad argument
   * @throws IllegalStateException when the model is closed
   */
  default BoundEnergy bindEnergy(Latent context, float[] state, Latent goal) {
    return new CallingBoundEnergy(this, context, state, goal);
  }

  /** Returns which provider runs the graphs and why, if it is not the one requested. */
  RuntimeStatus status();

  /** Releases the native sessions; idempotent. */
  @Override
  void close();
}
