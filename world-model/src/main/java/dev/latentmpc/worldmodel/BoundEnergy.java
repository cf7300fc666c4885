package dev.latentmpc.worldmodel;

/**
 * The energy function of one planning step: {@link WorldModel#energies} with the context latent,
 * the state and the goal latent fixed, so that the planner's iterations pass only action batches.
 *
 * <p>An implementation validates and uploads the fixed inputs once, when it is made by {@link
 * WorldModel#bindEnergy}, and then does per call only what depends on the actions. It is meant for
 * one planning step on one thread: not thread-safe. Close it when the step's plan is done; calls
 * after {@link #close()} (or after the model is closed) throw {@link IllegalStateException}.
 */
public interface BoundEnergy extends AutoCloseable {

  /**
   * Rolls every sequence out from the bound context and state and returns its energy against the
   * bound goal; the same values as {@link WorldModel#energies} with the bound arguments.
   *
   * @param actions candidate sequences; their horizon must be one the bundle exports. The batch is
   *     read during the call only, never kept.
   * @return {@code actions.samples()} energies, lower is better; a new array the caller owns
   * @throws IllegalArgumentException for a non-finite action or a horizon without an exported graph
   * @throws IllegalStateException when this binding or its model is closed
   */
  float[] energies(ActionBatch actions);

  /** Releases what the binding holds (native tensors and buffers); idempotent. */
  @Override
  void close();
}
