package dev.latentmpc.worldmodel.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.worldmodel.ExecutionProvider;
import org.junit.jupiter.api.Test;

class MatmulProbeTest {
  private final RuntimeOptions oneThread = RuntimeOptions.builder().intraOpThreads(1).build();

  @Test
  void anOpenedProbeTimesProductsRoundAfterRoundOnOneSession() {
    try (MatmulProbe probe = MatmulProbe.open(oneThread, 32).orElseThrow()) {
      MatmulProbe.Result first = probe.time(2);
      MatmulProbe.Result second = probe.time(3);
      assertThat(first.seconds()).hasSize(2).isSorted();
      assertThat(first.provider()).isEqualTo(ExecutionProvider.CPU);
      MatmulProbe.Result both = first.plus(second);
      assertThat(both.seconds()).hasSize(5).isSorted().contains(second.seconds());
      assertThat(both.cpuSeconds()).hasSize(5).isSorted();
      assertThat(both.peakGflops()).isEqualTo(Math.max(first.peakGflops(), second.peakGflops()));
      assertThat(both.flops()).isEqualTo(2.0 * 32 * 32 * 32);
    }
  }

  @Test
  void measureTimesTheRequestedProducts() {
    MatmulProbe.Result r = MatmulProbe.measure(oneThread, 16, 3).orElseThrow();
    assertThat(r.seconds()).hasSize(3).isSorted();
    assertThat(r.seconds()[0]).isPositive();
  }

  @Test
  void resultsOfDifferentSizesDoNotMerge() {
    MatmulProbe.Result a =
        new MatmulProbe.Result(8, ExecutionProvider.CPU, new double[] {1}, new double[] {1});
    MatmulProbe.Result b =
        new MatmulProbe.Result(16, ExecutionProvider.CPU, new double[] {1}, new double[] {1});
    assertThatThrownBy(() -> a.plus(b)).hasMessageContaining("sizes differ: 8, 16");
    assertThatThrownBy(() -> MatmulProbe.open(oneThread, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
