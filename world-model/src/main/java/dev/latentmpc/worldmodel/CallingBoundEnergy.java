package dev.latentmpc.worldmodel;

import java.util.Objects;

/**
 * The default {@link BoundEnergy}: calls {@link WorldModel#energies} with the bound arguments on
 * every batch, so a model that has no faster path (a test double, a decorator) still binds.
 */
final class CallingBoundEnergy implements BoundEnergy {
  private final WorldModel model;
  private final Latent context;
  private final float[] state;
  private final Latent goal;
  private boolean closed;

  CallingBoundEnergy(WorldModel model, Latent context, float[] state, Latent goal) {
    this.model = Objects.requireNonNull(model, "model");
    this.context = context;
    this.state = state == null ? null : state.clone();
    this.goal = goal;
  }

  @Override
  public float[] energies(ActionBatch actions) {
    if (closed) {
      throw new IllegalStateException("energy binding is closed");
    }
    return model.energies(context, state, goal, actions);
  }

  @Override
  public void close() {
    closed = true;
  }
}
