package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void percentilesInterpolateBetweenTheClosestRanks() {
    double[] v = {4, 1, 3, 2};

    assertThat(Stats.percentile(v, 0)).isEqualTo(1);
    assertThat(Stats.percentile(v, 100)).isEqualTo(4);
    assertThat(Stats.median(v)).isEqualTo(2.5);
    assertThat(Stats.percentile(v, 95)).isCloseTo(3.85, within(1e-12));
    assertThat(Stats.mean(v)).isEqualTo(2.5);
    assertThat(v).as("the samples are not reordered").containsExactly(4, 1, 3, 2);
  }

  @Test
  void aSingleSampleIsEveryPercentileAndNoSamplesAreNaN() {
    assertThat(Stats.percentile(new double[] {7}, 95)).isEqualTo(7);
    assertThat(Stats.median(new double[0])).isNaN();
    assertThat(Stats.mean(new double[0])).isNaN();
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agreesWithASortedLookupOnRandomSamples() {
    SplittableRandom random = new SplittableRandom(5);
    for (int n = 1; n < 60; n++) {
      double[] v = random.doubles(n, -3, 3).toArray();
      double[] sorted = v.clone();
      Arrays.sort(sorted);
      assertThat(Stats.percentile(v, 0)).isEqualTo(sorted[0]);
      assertThat(Stats.percentile(v, 100)).isEqualTo(sorted[n - 1]);
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      assertThat(Stats.median(v)).isCloseTo(median, within(1e-12));
      double p95 = Stats.percentile(v, 95);
      assertThat(p95).isBetween(sorted[(int) Math.floor(0.95 * (n - 1))], sorted[n - 1]);
    }
  }
}
