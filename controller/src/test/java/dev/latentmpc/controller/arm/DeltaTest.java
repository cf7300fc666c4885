package dev.latentmpc.controller.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeltaTest {

  @Test
  void withDzChangesOnlyZ() {
    Delta d = new Delta(0.01, -0.02, 0.03, 0.1, -0.2, 0.3, 0.5);
    assertThat(d.withDzM(-0.04)).isEqualTo(new Delta(0.01, -0.02, -0.04, 0.1, -0.2, 0.3, 0.5));
  }

  @Test
  void ofReadsTheSevenActionComponentsInOrder() {
    Delta d = Delta.of(new float[] {1, 2, 3, 4, 5, 6, 7});
    assertThat(d).isEqualTo(new Delta(1, 2, 3, 4, 5, 6, 7));
    assertThatThrownBy(() -> Delta.of(new float[6])).hasMessageContaining("7 values");
  }

  @Test
  void isFiniteFlagsEveryNonFiniteComponent() {
    assertThat(Delta.ZERO.isFinite()).isTrue();
    for (int i = 0; i < 7; i++) {
      float[] a = new float[7];
      a[i] = Float.NaN;
      assertThat(Delta.of(a).isFinite()).as("component %d", i).isFalse();
    }
  }
}
