package dev.latentmpc.simharness.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimArmTest {
  private final SimArmConfig config = SimArmConfig.defaults();
  private final SimArm arm = SimArm.atReady(config);

  @Test
  void moveReachesTheCommandedPoseInTrapezoidalTime() {
    Vec3 start = arm.state().positionM();
    MoveOutcome out = arm.move(new Delta(0.05, 0, 0, 0, 0, 0, 0));
    assertThat(out.reached().positionM().minus(start.plus(new Vec3(0.05, 0, 0))).norm())
        .isLessThan(1e-12);
    // 25 % of 13 m/s² reaches only √(0.05·3.25) ≈ 0.40 m/s < 0.425 m/s: a triangular profile
    assertThat(out.durationSeconds()).isCloseTo(2 * Math.sqrt(0.05 / (0.25 * 13)), within(1e-9));
    assertThat(arm.simTimeNanos()).isEqualTo(Math.round(out.durationSeconds() * 1e9));
    assertThat(out.clampedByWorkspace() || out.clampedByTable() || out.stoppedEarly()).isFalse();
    assertDrawnArmMatchesState(arm);
  }

  @Test
  void longMoveCruisesAtTheScaledSpeedLimit() {
    MoveOutcome out = arm.move(new Delta(0.2, 0, 0, 0, 0, 0, 0));
    double v = 0.25 * 1.7;
    double a = 0.25 * 13;
    assertThat(out.durationSeconds()).isCloseTo(0.2 / v + v / a, within(1e-9));
  }

  @Test
  void workspaceBoxClampsTheTarget() {
    MoveOutcome out = arm.move(new Delta(0, -0.6, 0, 0, 0, 0, 0));
    assertThat(out.clampedByWorkspace()).isTrue();
    assertThat(out.stoppedEarly()).isFalse();
    assertThat(out.reached().positionM().y()).isCloseTo(-0.40, within(1e-12));
  }

  @Test
  void tableLiftsTheTargetSoTheFingertipsStayAboveIt() {
    SimArm low =
        SimArm.atReady(
            config.withWorkspace(
                new Workspace(new Vec3(0.25, -0.4, -0.3), new Vec3(0.8, 0.4, 0.7))));
    MoveOutcome out = low.move(new Delta(0, 0, -0.6, 0, 0, 0, 0));
    assertThat(out.clampedByTable()).isTrue();
    assertThat(out.clampedByWorkspace()).isFalse();
    // hand pointing down: fingertips 9 mm beyond the TCP, 3 mm margin above the table
    assertThat(out.reached().positionM().z()).isCloseTo(0.012, within(1e-9));
  }

  @Test
  void unreachableTargetStopsAtTheLastReachablePointOnThePath() {
    Vec3 start = arm.state().positionM();
    MoveOutcome out = arm.move(new Delta(0.5, 0.4, -0.47, 0, 0, 0, 0));
    assertThat(out.stoppedEarly()).isTrue();
    Vec3 target = new Vec3(0.80, 0.40, start.z() - 0.47);
    Vec3 reached = out.reached().positionM();
    Vec3 along = target.minus(start);
    double s = reached.minus(start).dot(along) / along.dot(along);
    assertThat(s).isBetween(0.3, 1.0);
    assertThat(reached.minus(start.plus(along.times(s))).norm()).isLessThan(1e-9);
    assertThat(JointLimits.PANDA.contains(arm.jointsRad())).isTrue();
    assertDrawnArmMatchesState(arm);
  }

  @Test
  void invalidDeltasAreRejectedAndChangeNothing() {
    EeState before = arm.state();
    double[] joints = arm.jointsRad();
    for (Delta bad :
        List.of(
            new Delta(Double.NaN, 0, 0, 0, 0, 0, 0),
            new Delta(0, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0),
            new Delta(0, 0, 0, 0, 0, 0, Double.NEGATIVE_INFINITY),
            new Delta(5, 0, 0, 0, 0, 0, 0),
            new Delta(0, 0, 0, 4, 0, 0, 0),
            new Delta(0, 0, 0, 0, 0, 0, 1.5))) {
      assertThatThrownBy(() -> arm.move(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> arm.move(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(arm.state()).isSameAs(before);
    assertThat(arm.jointsRad()).isEqualTo(joints);
    assertThat(arm.simTimeNanos()).isZero();
  }

  @Test
  void seededRandomDeltasNeverBreakTheInvariants() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 300; i++) {
      Delta d =
          new Delta(
              rng.nextDouble(-0.15, 0.15),
              rng.nextDouble(-0.15, 0.15),
              rng.nextDouble(-0.15, 0.15),
              rng.nextDouble(-0.3, 0.3),
              rng.nextDouble(-0.3, 0.3),
              rng.nextDouble(-0.3, 0.3),
              rng.nextDouble(-1, 1));
      arm.move(d);
      assertThat(JointLimits.PANDA.contains(arm.jointsRad())).isTrue();
      assertThat(config.workspace().contains(arm.state().positionM())).isTrue();
      double lowest =
          HandGeometry.lowestZ(arm.state().pose(), HandGeometry.corners(arm.openingM()));
      assertThat(lowest).isGreaterThanOrEqualTo(config.tableMarginM() - 1e-9);
      assertDrawnArmMatchesState(arm);
    }
  }

  @Test
  void motionStaysWithinTheScaledCartesianLimits() {
    MotionPlan plan = arm.plan(new Delta(0.2, 0.1, -0.2, 0, 0, 0.5, 0), List.of());
    double dt = plan.durationSeconds() / 1000;
    double vMax = config.speedFraction() * SimArmConfig.MAX_LINEAR_SPEED_MPS;
    double aMax = config.speedFraction() * SimArmConfig.MAX_LINEAR_ACCEL_MPS2;
    double wMax = config.speedFraction() * SimArmConfig.MAX_ANGULAR_SPEED_RADPS;
    double prevV = 0;
    for (int i = 0; i < 1000; i++) {
      EeState a = plan.stateAt(i * dt);
      EeState b = plan.stateAt((i + 1) * dt);
      double v = b.positionM().minus(a.positionM()).norm() / dt;
      assertThat(v).isLessThanOrEqualTo(vMax * 1.001);
      assertThat(b.rotation().angleTo(a.rotation()) / dt).isLessThanOrEqualTo(wMax * 1.001);
      assertThat(Math.abs(v - prevV) / dt).isLessThanOrEqualTo(aMax * 1.01);
      prevV = v;
    }
  }

  @Test
  void timeLimitCutsTheMotionShort() {
    MotionPlan plan = arm.plan(new Delta(0.1, 0, 0, 0, 0, 0, 0), List.of());
    double half = plan.durationSeconds() / 2;
    MoveOutcome out = arm.execute(plan, half);
    assertThat(out.timedOut()).isTrue();
    assertThat(out.durationSeconds()).isEqualTo(half);
    assertThat(out.reached().positionM().x() - plan.start().positionM().x()).isBetween(0.01, 0.09);
    assertThat(arm.simTimeNanos()).isEqualTo(Math.round(half * 1e9));
    assertThatThrownBy(() -> arm.execute(plan, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another state");
  }

  @Test
  void gripperMotionTakesItsOwnTime() {
    MoveOutcome out = arm.move(new Delta(0, 0, 0, 0, 0, 0, 1));
    assertThat(out.durationSeconds()).isCloseTo(0.8, within(1e-9));
    assertThat(out.reached().gripperClosedness()).isEqualTo(1.0);
    assertThat(arm.openingM()).isEqualTo(0.0);
  }

  @Test
  void copiesAreIndependent() {
    SimArm copy = arm.copy();
    copy.move(new Delta(0.05, 0, 0, 0, 0, 0, 0));
    assertThat(arm.state().positionM()).isNotEqualTo(copy.state().positionM());
    assertThat(arm.simTimeNanos()).isZero();
  }

  @Test
  void unreachableOrBuriedStartsAreRejected() {
    Pose ready = PandaKinematics.tcp(PandaKinematics.READY_Q);
    assertThatThrownBy(
            () -> new SimArm(config, new EeState(new Vec3(1.5, 0, 0.3), ready.rotation(), 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not reachable");
    assertThatThrownBy(
            () -> new SimArm(config, new EeState(new Vec3(0.4, 0, 0.0), ready.rotation(), 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table");
  }

  @Test
  void defaultConfigsAreEqualValues() {
    assertThat(SimArmConfig.defaults()).isEqualTo(SimArmConfig.defaults());
    assertThat(SimArmConfig.defaults().hashCode()).isEqualTo(SimArmConfig.defaults().hashCode());
    assertThat(SimArmConfig.defaults().withSpeedFraction(0.5))
        .isNotEqualTo(SimArmConfig.defaults());
  }

  @Test
  void configReportsAllProblemsAtOnce() {
    SimArmConfig d = SimArmConfig.defaults();
    assertThatThrownBy(() ->
            new SimArmConfig(
                d.workspace(), d.gripper(), 0, 0, 0.003, 1, Math.PI, 1, 0, 0.05, d.ik()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speedFraction")
        .hasMessageContaining("pathStepM");
  }

  private static void assertDrawnArmMatchesState(SimArm arm) {
    Pose drawn = PandaKinematics.tcp(arm.jointsRad());
    assertThat(drawn.translation().minus(arm.state().positionM()).norm()).isLessThan(1e-3);
    assertThat(drawn.rotation().angleTo(arm.state().rotation())).isLessThan(0.01);
  }
}
