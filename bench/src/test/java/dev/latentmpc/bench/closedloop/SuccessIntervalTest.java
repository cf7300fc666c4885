package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The 95 % Wilson interval against values computed independently. */
class SuccessIntervalTest {

  /**
   * Bounds computed independently, each matched to half a unit of its last decimal: the published
   * examples of Newcombe (1998), "Two-sided confidence intervals for the single proportion:
   * comparison of seven methods", Statistics in Medicine 17:857-872, table II, method 3 (the score
   * interval without continuity correction), given to 4 decimals; and the bench's own sizes against
   * the closed form (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), z = 1.959964, evaluated
   * separately to 6 decimals.
   */
  @ParameterizedTest(name = "{0} of {1}")
  @CsvSource({
    // Newcombe's examples
    "81, 263, 0.2553, 0.3662, 5e-5",
    "15, 148, 0.0624, 0.1605, 5e-5",
    "0, 20, 0.0000, 0.1611, 5e-5",
    "1, 29, 0.0061, 0.1718, 5e-5",
    // the closed form at the bench's sizes
    "7, 50, 0.069508, 0.261862, 5e-6",
    "30, 50, 0.461814, 0.723916, 5e-6",
    "0, 50, 0.000000, 0.071348, 5e-6",
    "50, 50, 0.928652, 1.000000, 5e-6",
    "22, 50, 0.311622, 0.576940, 5e-6",
    "4, 5, 0.375535, 0.963776, 5e-6",
  })
  void matchesIndependentlyComputedBounds(
      int successes, int trials, double low, double high, double tolerance) {
    SuccessInterval i = SuccessInterval.wilson95(successes, trials);

    assertThat(i.low()).isCloseTo(low, within(tolerance));
    assertThat(i.high()).isCloseTo(high, within(tolerance));
  }

  @Test
  void noTrialsGiveNoInterval() {
    SuccessInterval i = SuccessInterval.wilson95(0, 0);

    assertThat(i.low()).isNaN();
    assertThat(i.high()).isNaN();
  }
}
