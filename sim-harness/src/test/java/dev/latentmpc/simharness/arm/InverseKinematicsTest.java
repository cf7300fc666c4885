package dev.latentmpc.simharness.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InverseKinematicsTest {
  private final InverseKinematics ik = InverseKinematics.panda();

  @Test
  void fkThenIkRoundTripsOverSeededReachablePoses() {
    SplittableRandom rng = new SplittableRandom(42);
    int solved = 0;
    for (int i = 0; i < 200; i++) {
      double[] q = randomNearComfort(rng, 0.7);
      Pose target = PandaKinematics.tcp(q);
      IkResult r = ik.solve(target, InverseKinematics.COMFORT_Q);
      assertThat(JointLimits.PANDA.contains(r.jointsRad())).isTrue();
      Pose reached = PandaKinematics.tcp(r.jointsRad());
      assertThat(reached.translation().minus(target.translation()).norm()).isLessThan(1e-3);
      assertThat(reached.rotation().angleTo(target.rotation())).isLessThan(0.01);
      solved += r.converged() ? 1 : 0;
    }
    assertThat(solved).isEqualTo(200);
  }

  @Test
  void smallStepsFromTheCurrentJointsConvergeInAFewIterations() {
    double[] q = PandaKinematics.READY_Q.clone();
    Pose tcp = PandaKinematics.tcp(q);
    for (int i = 0; i < 50; i++) {
      tcp = new Pose(tcp.rotation(), tcp.translation().plus(new Vec3(0.004, 0.002, -0.003)));
      IkResult r = ik.solve(tcp, q);
      assertThat(r.converged()).isTrue();
      assertThat(r.iterations()).isLessThanOrEqualTo(5);
      q = r.jointsRad();
    }
  }

  @Test
  void unreachableTargetsGiveTheBestEffortWithinTheLimits() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 30; i++) {
      Vec3 far = new Vec3(rng.nextDouble(-2, 2), rng.nextDouble(-2, 2), rng.nextDouble(1.2, 2));
      Pose target = new Pose(Rot3.fromEulerXyz(rng.nextDouble(-3, 3), 0.3, 1), far);
      IkResult r = ik.solve(target, randomNearComfort(rng, 3));
      assertThat(r.converged()).isFalse();
      assertThat(r.positionErrorM()).isGreaterThan(0.1);
      assertThat(JointLimits.PANDA.contains(r.jointsRad())).isTrue();
    }
  }

  @Test
  void seedsOutsideTheLimitsAreClampedFirst() {
    double[] seed = {9, 9, 9, 9, 9, 9, 9};
    IkResult r = ik.solve(PandaKinematics.tcp(PandaKinematics.READY_Q), seed);
    assertThat(JointLimits.PANDA.contains(r.jointsRad())).isTrue();
  }

  @Test
  void restPostureOutsideTheLimitsIsRejected() {
    assertThatThrownBy(
            () -> new InverseKinematics(JointLimits.PANDA, new double[7], 10, 1e-4, 1e-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rest posture");
  }

  @Test
  void jointLimitsAreTheDatasheetValues() {
    assertThat(JointLimits.PANDA.lower(3)).isEqualTo(-3.0718);
    assertThat(JointLimits.PANDA.upper(3)).isEqualTo(-0.0698);
    assertThat(JointLimits.PANDA.lower(5)).isEqualTo(-0.0175);
    assertThat(JointLimits.PANDA.upper(5)).isEqualTo(3.7525);
    assertThat(JointLimits.PANDA.upper(1)).isEqualTo(1.7628);
    assertThat(JointLimits.PANDA.contains(PandaKinematics.READY_Q)).isTrue();
    assertThat(JointLimits.PANDA.contains(new double[7])).isFalse(); // q4 = 0 is beyond −0.0698
  }

  private static double[] randomNearComfort(SplittableRandom rng, double spreadRad) {
    double[] q = InverseKinematics.COMFORT_Q.clone();
    for (int j = 0; j < q.length; j++) {
      q[j] += rng.nextDouble(-spreadRad, spreadRad);
    }
    return JointLimits.PANDA.clampInPlace(q);
  }
}
