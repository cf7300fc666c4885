package dev.latentmpc.deploy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.proto.control.v1.EndEffectorDelta;
import dev.latentmpc.proto.control.v1.EnvelopeDecision;
import dev.latentmpc.proto.control.v1.EnvelopeLimit;
import dev.latentmpc.proto.control.v1.EnvelopeOutcome;
import dev.latentmpc.proto.control.v1.HoldReason;
import dev.latentmpc.proto.control.v1.PhaseLatencies;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.SubgoalSwitch;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final PhaseLatencies LATENCIES =
      PhaseLatencies.newBuilder()
          .setCameraSeconds(0.0012)
          .setEncodeSeconds(0.0034)
          .setPlanSeconds(0.5)
          .setExecuteSeconds(0.25)
          .setTotalSeconds(0.7546)
          .build();

  @Test
  void movedStepShowsLatenciesInMillisecondsTheCommandAndClamping() {
    StepEvent e =
        StepEvent.newBuilder()
            .setStepIndex(3)
            .setSubgoalIndex(1)
            .setEnergy(0.123456)
            .setLatencies(LATENCIES)
            .setCommandSent(true)
            .setCommand(EndEffectorDelta.newBuilder().setDxM(0.0123).setDyM(-0.05).setDgripper(1))
            .setEnvelope(
                EnvelopeDecision.newBuilder()
                    .setOutcome(EnvelopeOutcome.ENVELOPE_OUTCOME_CLAMPED)
                    .addClampedBy(EnvelopeLimit.ENVELOPE_LIMIT_STEP_L1))
            .setSubgoalSwitch(SubgoalSwitch.SUBGOAL_SWITCH_STEP_LIMIT)
            .build();

    assertThat(ProgressPrinter.stepLine(e))
        .isEqualTo(
            "   3    1   0.12346     1.2     3.4     500.0     250.0     754.6"
                + "  +0.0123  -0.0500  +0.0000   +1.000  yes (step-l1)"
                + "  -> next goal (step-limit)");
  }

  @Test
  void aMeasuredDistanceToTheGoalIsShownBeforeTheSubgoalSwitch() {
    StepEvent e =
        StepEvent.newBuilder()
            .setStepIndex(5)
            .setEnergy(0.5)
            .setLatencies(LATENCIES)
            .setCommandSent(true)
            .setGoalDistanceM(0.04251)
            .setSubgoalSwitch(SubgoalSwitch.SUBGOAL_SWITCH_STEP_LIMIT)
            .build();

    assertThat(ProgressPrinter.stepLine(e))
        .endsWith("  no  to goal 0.043 m  -> next goal (step-limit)");
  }

  @Test
  void heldStepSaysWhy() {
    StepEvent e =
        StepEvent.newBuilder()
            .setStepIndex(0)
            .setEnergy(Double.NaN)
            .setLatencies(LATENCIES)
            .setHoldReason(HoldReason.HOLD_REASON_STALE_FRAME)
            .build();

    assertThat(ProgressPrinter.stepLine(e)).endsWith("  held: stale-frame").contains("NaN");
  }
}
