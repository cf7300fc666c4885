package dev.latentmpc.controller.testing;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.RuntimeStatus;
import dev.latentmpc.worldmodel.WorldModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * A {@link WorldModel} that delegates to a real one and counts calls; it can add a bias to the
 * energies (as a function of the energies-call index) and fail on demand. Closing it leaves the
 * delegate open.
 */
public final class CountingWorldModel implements WorldModel {

  private final WorldModel delegate;
  private int encodeCalls;
  private int encodedClips;
  private int energiesCalls;
  private IntToDoubleFunction energyBias = call -> 0;
  private RuntimeException energiesFault;
  private RuntimeException encodeFault;
  private final List<Latent> goalsSeen = new ArrayList<>();

  /** Wraps {@code delegate}. */
  public CountingWorldModel(WorldModel delegate) {
    this.delegate = delegate;
  }

  @Override
  public ModelSpec spec() {
    return delegate.spec();
  }

  @Override
  public Latent encode(float[] frames) {
    if (encodeFault != null) {
      throw encodeFault;
    }
    encodeCalls++;
    encodedClips++;
    return delegate.encode(frames);
  }

  @Override
  public List<Latent> encode(List<float[]> clips) {
    encodeCalls++;
    encodedClips += clips.size();
    return delegate.encode(clips);
  }

  @Override
  public Latent predict(List<Latent> context, float[][] actions, float[][] states) {
    return delegate.predict(context, actions, states);
  }

  @Override
  public float[] energies(Latent context, float[] state, Latent goal, ActionBatch actions) {
    int call = energiesCalls++;
    goalsSeen.add(goal);
    if (energiesFault != null) {
      throw energiesFault;
    }
    float[] energies = delegate.energies(context, state, goal, actions);
    float bias = (float) energyBias.applyAsDouble(call);
    for (int i = 0; i < energies.length; i++) {
      energies[i] += bias;
    }
    return energies;
  }

  @Override
  public RuntimeStatus status() {
    return delegate.status();
  }

  @Override
  public void close() {}

  /** Adds {@code bias.applyAsDouble(callIndex)} to every energy of that energies call. */
  public void setEnergyBias(IntToDoubleFunction bias) {
    energyBias = bias;
  }

  /** Makes later energies calls throw {@code fault}. */
  public void failEnergiesWith(RuntimeException fault) {
    energiesFault = fault;
  }

  /** Makes later single-clip encode calls (camera frames) throw {@code fault}. */
  public void failEncodeWith(RuntimeException fault) {
    encodeFault = fault;
  }

  /** Returns the goal latent of every energies call, in order. */
  public List<Latent> goalsSeen() {
    return List.copyOf(goalsSeen);
  }

  /** Returns the number of encode calls (single or batched). */
  public int encodeCalls() {
    return encodeCalls;
  }

  /** Returns the number of clips encoded over all calls. */
  public int encodedClips() {
    return encodedClips;
  }

  /** Returns the number of energies calls. */
  public int energiesCalls() {
    return energiesCalls;
  }
}
