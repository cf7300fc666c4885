package dev.latentmpc.simharness.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import org.junit.jupiter.api.Test;

class EeStateTest {
  private final EeState s =
      new EeState(new Vec3(0.4, 0.1, 0.3), Rot3.fromEulerXyz(3.0, 0.1, -0.2), 0.3);

  @Test
  void deltaFollowsVjepaConvention() {
    Delta d = new Delta(0.01, -0.02, 0.03, 0.1, -0.05, 0.2, 0.5);
    EeState n = s.apply(d);
    assertThat(n.positionM().minus(new Vec3(0.41, 0.08, 0.33)).norm()).isLessThan(1e-12);
    Rot3 expected = Rot3.fromEulerXyz(0.1, -0.05, 0.2).times(s.rotation()); // R' = R(Δθ)·R
    assertThat(n.rotation().angleTo(expected)).isLessThan(1e-9);
    assertThat(n.gripperClosedness()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void gripperIsClippedToTheUnitInterval() {
    assertThat(s.apply(new Delta(0, 0, 0, 0, 0, 0, 1)).gripperClosedness()).isEqualTo(1.0);
    assertThat(s.apply(new Delta(0, 0, 0, 0, 0, 0, -1)).gripperClosedness()).isEqualTo(0.0);
  }

  @Test
  void vectorRoundTripsThroughExtrinsicXyzEuler() {
    double[] v = s.toVector();
    assertThat(v).hasSize(7);
    assertThat(v[3]).isCloseTo(3.0, within(1e-12));
    assertThat(v[4]).isCloseTo(0.1, within(1e-12));
    assertThat(v[5]).isCloseTo(-0.2, within(1e-12));
    EeState back = EeState.fromVector(v);
    assertThat(back.rotation().angleTo(s.rotation())).isLessThan(1e-12);
    ArmState a = s.toArmState(77);
    assertThat(a.timestampNanos()).isEqualTo(77);
    assertThat(a.gripperClosedness()).isEqualTo(0.3);
  }

  @Test
  void nonFiniteDeltasAndStatesAreRejected() {
    assertThatThrownBy(() -> s.apply(new Delta(Double.NaN, 0, 0, 0, 0, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-finite");
    assertThatThrownBy(
            () -> new EeState(new Vec3(0, Double.POSITIVE_INFINITY, 0), Rot3.IDENTITY, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EeState(Vec3.ZERO, Rot3.IDENTITY, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
