package dev.latentmpc.simharness.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RotationsTest {
  @Test
  void logInvertsExpIncludingAnglesNearPi() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 500; i++) {
      Vec3 axis =
          new Vec3(rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1))
              .normalized();
      double angle = i % 50 == 0 ? Math.PI - 1e-7 : rng.nextDouble(0, Math.PI - 1e-3);
      Rot3 r = Rotations.exp(axis.times(angle));
      Rot3 back = Rotations.exp(Rotations.log(r));
      assertThat(back.angleTo(r)).isLessThan(1e-6);
      assertThat(Rotations.log(r).norm()).isCloseTo(angle, within(1e-6));
    }
  }

  @Test
  void betweenAndSlerpFollowTheWorldFrameLeftProduct() {
    Rot3 a = Rot3.fromEulerXyz(Math.PI, 0, 0.2);
    Rot3 b = Rot3.fromEulerXyz(0.1, 0.2, -0.4).times(a);
    Vec3 v = Rotations.between(a, b);
    assertThat(Rotations.exp(v).times(a).angleTo(b)).isLessThan(1e-9);
    assertThat(Rotations.slerp(a, b, 0).angleTo(a)).isLessThan(1e-9);
    assertThat(Rotations.slerp(a, b, 1).angleTo(b)).isLessThan(1e-9);
    assertThat(Rotations.slerp(a, b, 0.5).angleTo(a)).isCloseTo(v.norm() / 2, within(1e-9));
  }

  @Test
  void identityHasAZeroRotationVector() {
    assertThat(Rotations.log(Rot3.IDENTITY).norm()).isEqualTo(0.0);
    assertThat(Rotations.exp(Vec3.ZERO)).isSameAs(Rot3.IDENTITY);
  }
}
