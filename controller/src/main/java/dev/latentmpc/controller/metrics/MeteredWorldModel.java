package dev.latentmpc.controller.metrics;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.RuntimeStatus;
import dev.latentmpc.worldmodel.WorldModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Objects;

/**
 * A {@link WorldModel} that times every call of the model it wraps as {@code
 * latentmpc.model.inference{graph, provider}}: {@code encoder} for both {@code encode} methods,
 * {@code predictor} for {@code predict}, {@code energy} for {@code energies}; {@code provider} is
 * the wrapped model's active provider at construction ({@code CPU}, {@code CUDA} or {@code
 * TENSORRT}, after any fallback). Failed calls are timed too. Everything else is delegated; closing
 * closes the wrapped model.
 */
public final class MeteredWorldModel implements WorldModel {
  private final WorldModel delegate;
  private final Timer encoder;
  private final Timer predictor;
  private final Timer energy;

  /**
   * Wraps {@code delegate}, registering its three timers on {@code registry}.
   *
   * @param delegate the model; owned by the wrapper from now on
   * @param registry where the timers live
   */
  public MeteredWorldModel(WorldModel delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(registry, "registry");
    String provider = delegate.status().activeProvider().name();
    encoder = timer(registry, "encoder", provider);
    predictor = timer(registry, "predictor", provider);
    energy = timer(registry, "energy", provider);
  }

  private static Timer timer(MeterRegistry registry, String graph, String provider) {
    return StepMeters.latencyTimer(MetricNames.MODEL_INFERENCE, "Duration of one world-model call")
        .tag(MetricNames.GRAPH, graph)
        .tag(MetricNames.PROVIDER, provider)
        .register(registry);
  }

  @Override
  public ModelSpec spec() {
    return delegate.spec();
  }

  @Override
  public Latent encode(float[] frames) {
    return encoder.record(() -> delegate.encode(frames));
  }

  @Override
  public List<Latent> encode(List<float[]> clips) {
    return encoder.record(() -> delegate.encode(clips));
  }

  @Override
  public Latent predict(List<Latent> context, float[][] actions, float[][] states) {
    return predictor.record(() -> delegate.predict(context, actions, states));
  }

  @Override
  public float[] energies(Latent context, float[] state, Latent goal, ActionBatch actions) {
    return energy.record(() -> delegate.energies(context, state, goal, actions));
  }

  @Override
  public RuntimeStatus status() {
    return delegate.status();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
