package dev.latentmpc.deploy.faults;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.RuntimeStatus;
import dev.latentmpc.worldmodel.WorldModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A world model that forwards to a shared one and throws on the k-th {@code energies} call after
 * {@link #failEnergiesCall(int)}, once. Closing it leaves the shared model open.
 */
final class FaultyWorldModel implements WorldModel {
  private final WorldModel delegate;
  private final AtomicInteger callsUntilFault = new AtomicInteger(-1);
  private final AtomicInteger faults = new AtomicInteger();

  FaultyWorldModel(WorldModel delegate) {
    this.delegate = delegate;
  }

  /** Makes the {@code k}-th energies call from now (1 = the next) throw. */
  void failEnergiesCall(int k) {
    callsUntilFault.set(k);
  }

  /** Returns how many injected faults were thrown. */
  int faults() {
    return faults.get();
  }

  @Override
  public ModelSpec spec() {
    return delegate.spec();
  }

  @Override
  public Latent encode(float[] frames) {
    return delegate.encode(frames);
  }

  @Override
  public List<Latent> encode(List<float[]> clips) {
    return delegate.encode(clips);
  }

  @Override
  public Latent predict(List<Latent> context, float[][] actions, float[][] states) {
    return delegate.predict(context, actions, states);
  }

  @Override
  public float[] energies(Latent context, float[] state, Latent goal, ActionBatch actions) {
    if (callsUntilFault.get() > 0 && callsUntilFault.decrementAndGet() == 0) {
      faults.incrementAndGet();
      throw new IllegalStateException("injected fault: the energy graph's inference run failed");
    }
    return delegate.energies(context, state, goal, actions);
  }

  @Override
  public RuntimeStatus status() {
    return delegate.status();
  }

  @Override
  public void close() {
    // The shared model belongs to the test class.
  }
}
