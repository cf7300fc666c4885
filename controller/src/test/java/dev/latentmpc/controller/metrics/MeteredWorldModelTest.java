package dev.latentmpc.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.BoundEnergy;
import dev.latentmpc.worldmodel.ExecutionProvider;
import dev.latentmpc.worldmodel.InferenceException;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.RuntimeStatus;
import dev.latentmpc.worldmodel.WorldModel;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link MeteredWorldModel}: each call timed under its graph and the active provider. */
class MeteredWorldModelTest {
  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final SlowModel slow = new SlowModel();
  private final MeteredWorldModel model = new MeteredWorldModel(slow, registry);

  @Test
  void callsAreTimedPerGraphWithTheProviderTheModelFellBackTo() {
    model.encode(new float[1]);
    model.encode(List.of(new float[1], new float[1]));
    model.predict(List.of(), new float[0][], new float[0][]);
    model.energies(null, new float[7], null, new ActionBatch(1, 1, new float[7]));

    assertThat(inference("encoder").count()).isEqualTo(2);
    assertThat(inference("encoder").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
    assertThat(inference("predictor").count()).isEqualTo(1);
    assertThat(inference("energy").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10);
  }

  @Test
  void eachCallOfABoundEnergyIsTimedAsAnEnergyCall() {
    try (BoundEnergy bound = model.bindEnergy(null, new float[7], null)) {
      bound.energies(new ActionBatch(1, 1, new float[7]));
      bound.energies(new ActionBatch(1, 1, new float[7]));
    }

    assertThat(inference("energy").count()).isEqualTo(2);
    assertThat(inference("energy").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
  }

  @Test
  void aFailedCallIsTimedTooAndItsErrorPassesThrough() {
    slow.fail = true;

    assertThatThrownBy(() -> model.encode(new float[1])).isInstanceOf(InferenceException.class);

    assertThat(inference("encoder").count()).isEqualTo(1);
  }

  @Test
  void everythingElseIsDelegatedAndCloseClosesTheWrappedModel() {
    assertThat(model.status()).isSameAs(slow.status);
    model.close();
    assertThat(slow.closed).isTrue();
  }

  private Timer inference(String graph) {
    return registry
        .get(MetricNames.MODEL_INFERENCE)
        .tag(MetricNames.GRAPH, graph)
        .tag(MetricNames.PROVIDER, "CPU")
        .timer();
  }

  /** Each call takes 10 ms on the mock clock; requested CUDA, fell back to CPU. */
  private final class SlowModel implements WorldModel {
    final RuntimeStatus status =
        new RuntimeStatus(
            ExecutionProvider.CUDA, ExecutionProvider.CPU, Optional.of("no GPU"), 1, 1, "test");
    boolean fail;
    boolean closed;

    @Override
    public ModelSpec spec() {
      throw new UnsupportedOperationException("not needed");
    }

    @Override
    public Latent encode(float[] frames) {
      return take();
    }

    @Override
    public List<Latent> encode(List<float[]> clips) {
      take();
      return List.of();
    }

    @Override
    public Latent predict(List<Latent> context, float[][] actions, float[][] states) {
      return take();
    }

    @Override
    public float[] energies(Latent context, float[] state, Latent goal, ActionBatch actions) {
      take();
      return new float[actions.samples()];
    }

    private Latent take() {
      clock.add(Duration.ofMillis(10));
      if (fail) {
        throw new InferenceException("the session failed", null);
      }
      return null;
    }

    @Override
    public RuntimeStatus status() {
      return status;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
