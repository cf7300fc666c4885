package dev.latentmpc.worldmodel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The arithmetic and parsing of the bench's interleaved rounds; deterministic, no timing. */
class BenchRoundsTest {

  @Test
  void roundRatiosTakeTheMedianOfEachRoundsRatio() {
    RoundRatios odd = RoundRatios.of(new double[] {8, 9, 20}, new double[] {1, 1, 2});
    assertThat(odd.perRound()).containsExactly(8, 9, 10);
    assertThat(odd.median()).isEqualTo(9);
    assertThat(odd.min()).isEqualTo(8);
    assertThat(odd.max()).isEqualTo(10);
    assertThat(odd.compact(1)).isEqualTo("8.0 9.0 10.0");
    assertThat(odd.summary(1)).isEqualTo("median of 3 interleaved rounds; 8.0 .. 10.0");

    RoundRatios even =
        RoundRatios.of(new double[] {0.30, 0.40, 0.34, 0.36}, new double[] {1, 1, 1, 1});
    assertThat(even.median()).isCloseTo(0.35, within(1e-12));
    assertThat(even.compact(100)).isEqualTo("30.0 40.0 34.0 36.0");
  }

  @Test
  void aRatioOfMediansIsNotTheMedianOfRatios() {
    // The machine slows down by half in the second round: both sides of the round see it.
    RoundRatios drift =
        RoundRatios.of(new double[] {2.0, 4.0, 2.2}, new double[] {0.25, 0.5, 0.25});
    assertThat(drift.median()).isCloseTo(8.0, within(1e-12));
    assertThat(drift.max()).isCloseTo(8.8, within(1e-12));
  }

  @Test
  void roundRatiosRejectMismatchedOrMissingRounds() {
    assertThatThrownBy(() -> RoundRatios.of(new double[] {1, 2}, new double[] {1}))
        .hasMessage("rounds differ: 2 and 1");
    assertThatThrownBy(() -> RoundRatios.of(new double[0], new double[0])).hasMessage("no rounds");
  }

  @Test
  void peakShareComparesRatesWithinEachRound() {
    // 1 GFLOP in 0.1 s against 10 GFLOP in 0.25 s, then both twice as slow: 25 % either way.
    RoundRatios shares =
        PeakRounds.shares(1e9, new double[] {0.1, 0.2, 0.1}, 1e10, new double[] {0.25, 0.5, 0.5});
    assertThat(shares.perRound()[0]).isCloseTo(0.25, within(1e-12));
    assertThat(shares.perRound()[1]).isCloseTo(0.25, within(1e-12));
    assertThat(shares.perRound()[2]).isCloseTo(0.5, within(1e-12));
    assertThat(shares.median()).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void referenceActionLinesAreRead() throws IOException {
    assertThat(
            ReferenceAction.parse(
                "{\"seconds\": 2.25, \"thread_cpu_seconds\": 2.0, \"pose_update_seconds\": 0.3}"))
        .isEqualTo(new ReferenceAction(2.25, 2.0, 0.3));
  }

  @Test
  void malformedReferenceActionLinesAreRejectedByName() {
    assertThatThrownBy(() -> ReferenceAction.parse("{\"seconds\": 2.0, \"thread_cpu_seconds\": 1}"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("field 'pose_update_seconds' missing or not a non-negative number");
    assertThatThrownBy(() ->
            ReferenceAction.parse(
                "{\"seconds\": -1, \"thread_cpu_seconds\": 1, \"pose_update_seconds\": 0}"))
        .hasMessageStartingWith("field 'seconds' missing");
    assertThatThrownBy(() -> ReferenceAction.parse("[1, 2]"))
        .hasMessageStartingWith("expected a JSON object per action");
    assertThatThrownBy(() -> ReferenceAction.parse("Traceback (most recent call last):"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theReadyLineIsReadAndNothingElsePassesForIt() throws IOException {
    assertThat(
            ReferenceSession.Ready.parse(
                "{\"ready\": true, \"torch\": \"1.13.1\", \"threads\": 1,"
                    + " \"max_abs_energy_difference_vs_project\": 1.2e-7}"))
        .isEqualTo(new ReferenceSession.Ready("1.13.1", 1.2e-7));
    assertThatThrownBy(() -> ReferenceSession.Ready.parse("{\"seconds\": 1.0}"))
        .hasMessage("expected the ready line, got: {\"seconds\": 1.0}");
  }

  @Test
  void referenceRoundsReportTheMedianSpeedUpOfTheRounds() {
    ReferenceRounds rounds =
        new ReferenceRounds(
            Timings.of(new double[] {0.3, 0.2, 0.25}, new double[] {0.3, 0.2, 0.25}),
            new double[] {0.3, 0.2, 0.25},
            new double[] {0.3, 0.2, 0.25},
            new double[] {2.4, 2.0, 2.5},
            new double[] {1.5, 1.0, 2.5});
    assertThat(rounds.speedUps().perRound()).containsExactly(8.0, 10.0, 10.0);
    assertThat(rounds.cpuSpeedUps().median()).isEqualTo(5.0);
    StringWriter text = new StringWriter();
    PytorchReference reference =
        new PytorchReference(2.4, 1.5, 2.0, 2.5, 3, 0.14, 1.2e-7, "1.13.1");
    rounds.report(new PrintWriter(text), reference, 1, 10, true);
    assertThat(text.toString())
        .contains("pytorch reference (public mpc_utils.cem, torch 1.13.1, 1 threads): median")
        .contains("this runtime: median 250.000 ms per action (200.000 ms .. 300.000 ms over 3)")
        .contains("alternating): 8.0 10.0 10.0x")
        .contains(
            "speed-up per action over the PyTorch reference: 10.0x (median of 3 interleaved"
                + " rounds; 8.0 .. 10.0)")
        .contains("speed-up 5.0x (median of 3 interleaved rounds; 5.0 .. 10.0)");
  }
}
