package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EliteSelectorTest {

  private static int[] selected(EliteSelector selector) {
    return IntStream.range(0, selector.count()).map(selector::index).sorted().toArray();
  }

  /** The reference: a full stable sort by (energy with non-finite as +∞, index). */
  private static int[] bySorting(float[] energies, int k) {
    return IntStream.range(0, energies.length)
        .boxed()
        .sorted(
            Comparator.comparingDouble(
                (Integer i) -> Float.isFinite(energies[i]) ? energies[i] : Float.POSITIVE_INFINITY))
        .limit(k)
        .mapToInt(Integer::intValue)
        .sorted()
        .toArray();
  }

  @Test
  void matchesAFullSortOnRandomEnergiesWithTiesAndNonFiniteValues() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 2000; trial++) {
      int n = random.nextInt(2, 300);
      int k = random.nextInt(2, n + 1);
      float[] energies = new float[n];
      for (int i = 0; i < n; i++) {
        energies[i] =
            switch (random.nextInt(8)) {
              case 0 -> Float.NaN;
              case 1 -> Float.NEGATIVE_INFINITY;
              case 2 -> Float.POSITIVE_INFINITY;
              case 3 -> random.nextInt(3); // ties
              default -> (float) random.nextGaussian();
            };
      }
      EliteSelector selector = new EliteSelector(k);

      int nonFinite = selector.select(energies);

      assertThat(selected(selector)).as("trial %d", trial).isEqualTo(bySorting(energies, k));
      assertThat(nonFinite)
          .isEqualTo((int) IntStream.range(0, n).filter(i -> !Float.isFinite(energies[i])).count());
    }
  }

  @Test
  void theMeanEnergyIsThatOfTheElites() {
    EliteSelector selector = new EliteSelector(3);

    selector.select(new float[] {5, 1, Float.NaN, 2, 3, 9});

    assertThat(selected(selector)).containsExactly(1, 3, 4);
    assertThat(selector.meanEnergy()).isEqualTo(2.0);
  }

  @Test
  void tooFewFiniteEnergiesMakeTheMeanInfinite() {
    EliteSelector selector = new EliteSelector(2);
    float[] energies = new float[10];
    Arrays.fill(energies, Float.NaN);
    energies[7] = 1;

    selector.select(energies);

    assertThat(selected(selector)).containsExactly(0, 7);
    assertThat(selector.meanEnergy()).isEqualTo(Double.POSITIVE_INFINITY);
  }
}
