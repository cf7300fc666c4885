package dev.latentmpc.controller.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.loop.HoldReason;
import dev.latentmpc.controller.loop.SubgoalSwitch;
import dev.latentmpc.controller.safety.EnvelopeDecision;
import dev.latentmpc.controller.safety.EnvelopeLimit;
import dev.latentmpc.controller.safety.EnvelopeOutcome;
import dev.latentmpc.controller.safety.RejectionReason;
import dev.latentmpc.controller.task.TaskKind;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every domain enum value has its protobuf counterpart (the mapping goes by name). */
class StepMappingTest {

  @Test
  void everyDomainEnumValueMaps() {
    for (HoldReason reason : HoldReason.values()) {
      assertThat(dev.latentmpc.proto.control.v1.HoldReason.valueOf("HOLD_REASON_" + reason.name()))
          .isNotNull();
    }
    for (SubgoalSwitch s : SubgoalSwitch.values()) {
      assertThat(dev.latentmpc.proto.control.v1.SubgoalSwitch.valueOf("SUBGOAL_SWITCH_" + s.name()))
          .isNotNull();
    }
    for (EnvelopeLimit limit : EnvelopeLimit.values()) {
      EnvelopeDecision clamped =
          new EnvelopeDecision(
              Delta.ZERO, EnvelopeOutcome.CLAMPED, Set.of(limit), Optional.empty(), "");
      assertThat(StepMapping.envelope(Optional.of(clamped)).getClampedByList()).hasSize(1);
    }
    for (RejectionReason reason : RejectionReason.values()) {
      EnvelopeDecision rejected =
          new EnvelopeDecision(
              Delta.ZERO, EnvelopeOutcome.REJECTED, Set.of(), Optional.of(reason), "why");
      assertThat(StepMapping.envelope(Optional.of(rejected)).getRejection().name())
          .isEqualTo("REJECTION_REASON_" + reason.name());
    }
    for (TaskKind kind : TaskKind.values()) {
      assertThat(dev.latentmpc.proto.control.v1.TaskKind.valueOf("TASK_KIND_" + kind.name()))
          .isNotNull();
    }
  }
}
