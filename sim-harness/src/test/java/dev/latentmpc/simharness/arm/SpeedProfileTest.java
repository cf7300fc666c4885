package dev.latentmpc.simharness.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpeedProfileTest {
  @Test
  void longMoveCruisesAtTheSpeedLimit() {
    SpeedProfile p = SpeedProfile.timeOptimal(1.0, 0.5, 2.0);
    assertThat(p.rampSeconds()).isCloseTo(0.25, within(1e-12));
    assertThat(p.durationSeconds()).isCloseTo(1.0 / 0.5 + 0.25, within(1e-12));
    double mid = p.durationSeconds() / 2;
    assertThat((p.fraction(mid + 1e-4) - p.fraction(mid - 1e-4)) / 2e-4)
        .isCloseTo(0.5, within(1e-6));
  }

  @Test
  void shortMoveIsATriangle() {
    SpeedProfile p = SpeedProfile.timeOptimal(0.01, 1.0, 4.0);
    assertThat(p.durationSeconds()).isCloseTo(2 * Math.sqrt(0.01 / 4.0), within(1e-12));
    assertThat(p.rampSeconds() * 2).isCloseTo(p.durationSeconds(), within(1e-12));
  }

  @Test
  void fractionRisesMonotonicallyFromZeroToOne() {
    SpeedProfile p = SpeedProfile.timeOptimal(0.3, 0.4, 3.0);
    double last = -1;
    for (int i = -2; i <= 102; i++) {
      double s = p.fraction(p.durationSeconds() * i / 100.0);
      assertThat(s).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(last);
      last = s;
    }
    assertThat(p.fraction(0)).isEqualTo(0.0);
    assertThat(p.fraction(p.durationSeconds())).isEqualTo(1.0);
  }

  @Test
  void synchronisedProfileKeepsEveryAxisWithinItsLimits() {
    double[] dist = {0.05, 0.6};
    double[] vmax = {0.425, 0.625};
    double[] amax = {3.25, 6.25};
    SpeedProfile p = SpeedProfile.synchronised(dist, vmax, amax);
    double dt = p.durationSeconds() / 2000;
    for (int axis = 0; axis < 2; axis++) {
      double prevV = 0;
      for (int i = 0; i < 2000; i++) {
        double t = i * dt;
        double v = dist[axis] * (p.fraction(t + dt) - p.fraction(t)) / dt;
        assertThat(v).isLessThanOrEqualTo(vmax[axis] * 1.001);
        assertThat(Math.abs(v - prevV) / dt).isLessThanOrEqualTo(amax[axis] * 1.01);
        prevV = v;
      }
    }
    assertThat(SpeedProfile.synchronised(new double[2], vmax, amax)).isEqualTo(SpeedProfile.NONE);
  }
}
