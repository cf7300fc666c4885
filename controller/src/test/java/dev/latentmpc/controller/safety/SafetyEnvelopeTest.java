package dev.latentmpc.controller.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SafetyEnvelopeTest {

  private static final SafetyEnvelope DEFAULT = new SafetyEnvelope(EnvelopeConfig.defaults());
  private static final ArmState CENTRE = state(0.5, 0.0, 0.3, 0.5);

  private static ArmState state(double x, double y, double z, double gripper) {
    return new ArmState(x, y, z, Math.PI, 0, 0, gripper, 0);
  }

  private static float[] action(double dx, double dy, double dz, double dGripper) {
    return new float[] {(float) dx, (float) dy, (float) dz, 0, 0, 0, (float) dGripper};
  }

  @Test
  void anActionInsideEveryLimitPassesBitForBit() {
    float[] action = action(0.01, -0.02, 0.03, 0.5);

    EnvelopeDecision decision = DEFAULT.apply(CENTRE, action);

    assertThat(decision.outcome()).isEqualTo(EnvelopeOutcome.PASSED);
    assertThat(decision.command()).isEqualTo(Delta.of(action));
    assertThat(decision.clampedBy()).isEmpty();
    assertThat(decision.message()).isEmpty();
  }

  @Test
  void aLargeAxisIsClippedThenTheL1BallProjects() {
    EnvelopeDecision decision = DEFAULT.apply(CENTRE, action(0.5, 0.07, 0, 0));

    // Clip to (0.075, 0.07, 0), sum 0.145: the projection shrinks both by 0.035.
    assertThat(decision.clampedBy())
        .containsExactlyInAnyOrder(EnvelopeLimit.STEP_AXIS, EnvelopeLimit.STEP_L1);
    assertThat(decision.command().dxM()).isCloseTo(0.040, within(1e-7));
    assertThat(decision.command().dyM()).isCloseTo(0.035, within(1e-7));
    assertThat(decision.command().dzM()).isZero();
    assertThat(
            Math.abs(decision.command().dxM())
                + Math.abs(decision.command().dyM())
                + Math.abs(decision.command().dzM()))
        .isLessThanOrEqualTo(0.075);
  }

  @Test
  void rotationsAreClippedToZeroByDefaultAndToTheConfiguredBoundOtherwise() {
    float[] action = {0, 0, 0, 0.3f, -0.2f, 0.1f, 0};

    EnvelopeDecision byDefault = DEFAULT.apply(CENTRE, action);
    SafetyEnvelope allowing =
        new SafetyEnvelope(EnvelopeConfig.builder().maxStepRotationRad(0.15).build());
    EnvelopeDecision allowed = allowing.apply(CENTRE, action);

    assertThat(byDefault.clampedBy()).containsExactly(EnvelopeLimit.STEP_ROTATION);
    assertThat(byDefault.command()).isEqualTo(Delta.ZERO);
    assertThat(allowed.command().dRollRad()).isEqualTo(0.15);
    assertThat(allowed.command().dPitchRad()).isEqualTo(-0.15);
    assertThat(allowed.command().dYawRad()).isEqualTo((double) 0.1f);
  }

  @Test
  void theResultStaysInsideTheWorkspaceBoxEndingOnItsFace() {
    ArmState nearTop = state(0.79, -0.39, 0.69, 0);

    EnvelopeDecision decision = DEFAULT.apply(nearTop, action(0.02, -0.02, 0.02, 0));

    assertThat(decision.clampedBy())
        .containsExactlyInAnyOrder(
            EnvelopeLimit.WORKSPACE_X, EnvelopeLimit.WORKSPACE_Y, EnvelopeLimit.WORKSPACE_Z);
    assertThat(nearTop.xM() + decision.command().dxM())
        .isLessThanOrEqualTo(0.80)
        .isCloseTo(0.80, within(1e-12));
    assertThat(nearTop.yM() + decision.command().dyM()).isGreaterThanOrEqualTo(-0.40);
    assertThat(nearTop.zM() + decision.command().dzM()).isLessThanOrEqualTo(0.70);
  }

  @Test
  void theGripperStepAndRangeAreBounded() {
    SafetyEnvelope halfSteps =
        new SafetyEnvelope(EnvelopeConfig.builder().maxStepGripper(0.5).build());

    EnvelopeDecision step = halfSteps.apply(state(0.5, 0, 0.3, 0.2), action(0, 0, 0, 0.9));
    EnvelopeDecision range = DEFAULT.apply(state(0.5, 0, 0.3, 0.8), action(0, 0, 0, 0.9));

    assertThat(step.clampedBy()).containsExactly(EnvelopeLimit.STEP_GRIPPER);
    assertThat(step.command().dGripper()).isEqualTo(0.5);
    assertThat(range.clampedBy()).containsExactly(EnvelopeLimit.GRIPPER_RANGE);
    assertThat(0.8 + range.command().dGripper())
        .isLessThanOrEqualTo(1.0)
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aStateJustOutsideTheBoxIsBroughtBackInside() {
    ArmState belowFloor = state(0.5, 0, 0.005, 0); // z min 0.02, tolerance 0.02

    EnvelopeDecision hold = DEFAULT.apply(belowFloor, action(0, 0, 0, 0));
    EnvelopeDecision down = DEFAULT.apply(belowFloor, action(0.07, 0, -0.05, 0));

    assertThat(hold.outcome()).isEqualTo(EnvelopeOutcome.CLAMPED);
    assertThat(belowFloor.zM() + hold.command().dzM()).isGreaterThanOrEqualTo(0.02);
    assertThat(DEFAULT.admits(belowFloor, down.command())).isTrue();
    assertThat(belowFloor.zM() + down.command().dzM()).isGreaterThanOrEqualTo(0.02);
  }

  @Test
  void fromJustOutsideTheBoxAStepThatWouldBreakTheL1BoundBecomesTheWayBackIn() {
    ArmState behind = state(0.25 - 0.019, 0, 0.3, 0);

    EnvelopeDecision decision = DEFAULT.apply(behind, new Delta(0, 0.075, 0, 0, 0, 0, 0));

    assertThat(decision.clampedBy())
        .containsExactlyInAnyOrder(EnvelopeLimit.WORKSPACE_X, EnvelopeLimit.STEP_L1);
    assertThat(decision.command().dxM()).isCloseTo(0.019, within(1e-12));
    assertThat(decision.command().dyM()).isZero();
    assertThat(behind.xM() + decision.command().dxM()).isGreaterThanOrEqualTo(0.25);
    assertThat(DEFAULT.admits(behind, decision.command())).isTrue();
  }

  @Test
  void aStateFarOutsideTheBoxOrRangeIsRejected() {
    EnvelopeDecision outside = DEFAULT.apply(state(0.9, 0, 0.3, 0), action(-0.01, 0, 0, 0));
    EnvelopeDecision gripper = DEFAULT.apply(state(0.5, 0, 0.3, 1.2), action(0, 0, 0, -0.1));

    assertThat(outside.outcome()).isEqualTo(EnvelopeOutcome.REJECTED);
    assertThat(outside.rejection()).contains(RejectionReason.STATE_OUTSIDE_WORKSPACE);
    assertThat(outside.command()).isEqualTo(Delta.ZERO);
    assertThat(outside.allowsMove()).isFalse();
    assertThat(outside.message()).contains("arm x = 0.9000 m", "0.250..0.800");
    assertThat(gripper.rejection()).contains(RejectionReason.GRIPPER_STATE_OUT_OF_RANGE);
  }

  @Test
  void nonFiniteOrMalformedInputIsRejected() {
    EnvelopeDecision nan = DEFAULT.apply(CENTRE, action(0, Double.NaN, 0, 0));
    EnvelopeDecision inf =
        DEFAULT.apply(CENTRE, new Delta(0, 0, 0, 0, 0, 0, Double.NEGATIVE_INFINITY));
    EnvelopeDecision badState = DEFAULT.apply(state(0.5, Double.NaN, 0.3, 0), action(0, 0, 0, 0));
    EnvelopeDecision shortAction = DEFAULT.apply(CENTRE, new float[3]);
    EnvelopeDecision nullAction = DEFAULT.apply(CENTRE, (float[]) null);

    assertThat(nan.rejection()).contains(RejectionReason.NON_FINITE_ACTION);
    assertThat(nan.message()).contains("dy is NaN");
    assertThat(inf.rejection()).contains(RejectionReason.NON_FINITE_ACTION);
    assertThat(badState.rejection()).contains(RejectionReason.NON_FINITE_STATE);
    assertThat(shortAction.rejection()).contains(RejectionReason.MALFORMED_ACTION);
    assertThat(nullAction.rejection()).contains(RejectionReason.MALFORMED_ACTION);
    assertThat(DEFAULT.checkState(CENTRE)).isEmpty();
  }

  @Test
  void admitsAgreesWithTheLimits() {
    assertThat(DEFAULT.admits(CENTRE, new Delta(0.02, 0.02, 0.02, 0, 0, 0, 0.5))).isTrue();
    assertThat(DEFAULT.admits(CENTRE, new Delta(0.05, 0.05, 0, 0, 0, 0, 0))).isFalse();
    assertThat(DEFAULT.admits(CENTRE, new Delta(0, 0, 0, 0.01, 0, 0, 0))).isFalse();
    assertThat(DEFAULT.admits(CENTRE, new Delta(0, 0, 0, 0, 0, 0, 0.6))).isFalse();
    assertThat(DEFAULT.admits(state(0.79, 0, 0.3, 0), new Delta(0.02, 0, 0, 0, 0, 0, 0))).isFalse();
  }

  @Test
  void decisionsCheckTheirOwnConsistency() {
    assertThatIllegalArgumentException()
        .isThrownBy(() ->
            new EnvelopeDecision(
                new Delta(0.1, 0, 0, 0, 0, 0, 0),
                EnvelopeOutcome.REJECTED,
                Set.of(),
                Optional.of(RejectionReason.NON_FINITE_ACTION),
                "x"));
  }
}
