package dev.latentmpc.worldmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordsTest {

  @Test
  void latentValidatesItsShape() {
    assertThatThrownBy(() -> new Latent(2, 3, new float[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latent of 2 tokens x 3 needs 6 values, got 5");
    assertThatThrownBy(() -> new Latent(0, 3, new float[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokens=0");
    assertThatThrownBy(() -> new Latent(1, 1, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void latentReportsNonFiniteValuesByIndex() {
    Latent latent = new Latent(2, 2, new float[] {0, 1, Float.NaN, 3});
    assertThat(latent.isFinite()).isFalse();
    assertThatThrownBy(() -> latent.requireFinite("goal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("goal holds a non-finite value (NaN) at index 2");
    assertThat(new Latent(1, 2, new float[] {1, 2}).isFinite()).isTrue();
  }

  @Test
  void latentComparesContentsAndIndexesTokenMajor() {
    Latent a = new Latent(2, 2, new float[] {1, 2, 3, 4});
    assertThat(a).isEqualTo(new Latent(2, 2, new float[] {1, 2, 3, 4}));
    assertThat(a).hasSameHashCodeAs(new Latent(2, 2, new float[] {1, 2, 3, 4}));
    assertThat(a).isNotEqualTo(new Latent(1, 4, new float[] {1, 2, 3, 4}));
    assertThat(a.value(1, 0)).isEqualTo(3f);
    assertThat(a).hasToString("Latent[tokens=2, dim=2]");
  }

  @Test
  void actionBatchValidatesItsShape() {
    assertThatThrownBy(() -> new ActionBatch(2, 1, new float[13]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action batch [2, 1, 7] needs 14 values, got 13");
    assertThatThrownBy(() -> new ActionBatch(1, 0, new float[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon=0");
  }

  @Test
  void actionBatchIndexesSampleStepComponent() {
    float[] values = new float[2 * 3 * 7];
    values[(1 * 3 + 2) * 7 + 6] = 0.5f;
    ActionBatch batch = new ActionBatch(2, 3, values);
    assertThat(batch.value(1, 2, 6)).isEqualTo(0.5f);
    assertThat(batch.isFinite()).isTrue();
    values[0] = Float.POSITIVE_INFINITY;
    assertThat(batch.isFinite()).isFalse();
  }

  @Test
  void runtimeStatusTellsWhetherItFellBack() {
    RuntimeStatus direct =
        new RuntimeStatus(
            ExecutionProvider.CPU, ExecutionProvider.CPU, Optional.empty(), 0, 0, "1.0");
    RuntimeStatus fallback =
        new RuntimeStatus(
            ExecutionProvider.CUDA, ExecutionProvider.CPU, Optional.of("no CUDA"), 2, 1, "1.0");
    assertThat(direct.fellBack()).isFalse();
    assertThat(fallback.fellBack()).isTrue();
  }
}
