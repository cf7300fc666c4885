package dev.latentmpc.controller.metrics;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.BoundEnergy;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.RuntimeStatus;
import dev.latentmpc.worldmodel.WorldModel;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WorldModel} that times every call of the model it wraps as {@code
 * latentmpc.model.inference{graph, provider}}: {@code encoder} for both {@code encode} methods,
 * {@code predictor} for {@code predict}, {@code energy} for {@code energies} and each call of a
 * {@linkplain #bindEnergy bound energy function}; {@code provider} is the wrapped model's active
 * provider at construction ({@code CPU}, {@code CUDA} or {@code TENSORRT}, after any fallback).
 * Failed calls are timed too. Everything else is delegated; closing closes the wrapped model.
 */
public final class MeteredWorldModel implements WorldModel {
  private final WorldModel delegate;
  private final Timer encoder;
  private final Timer predictor;
  private final Timer energy;
  private final Clock clock;

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
    clock = registry.config().clock();
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

  /**
   * Binds the wrapped model and times each call of the binding as {@code energy}, like {@link
   * #energies}. The time is read from the registry's clock around the call, so that the timing
   * allocates nothing per CEM iteration.
   */
  @Override
  public BoundEnergy bindEnergy(Latent context, float[] state, Latent goal) {
    BoundEnergy bound = delegate.bindEnergy(context, state, goal);
    return new BoundEnergy() {
      @Override
      public float[] energies(ActionBatch actions) {
        long start = clock.monotonicTime();
        try {
          return bound.energies(actions);
        } finally {
          energy.record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
      }

      @Override
      public void close() {
        bound.close();
      }
    };
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
