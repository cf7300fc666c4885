package dev.latentmpc.controller.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.worldmodel.StateConvention;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * StartTask refuses a robot whose states mean something else than the bundle's (the untrained test
 * bundle records the Franka Hand's TCP): the operator gets a status naming both conventions and the
 * arm never moves.
 */
class StateConventionRefusalTest extends ServiceFixtureTest {

  @Test
  void aRobotReportingTheFlangeIsRefusedNamingBothConventions() {
    fixture.arm.reportConvention(StateConvention.FLANGE);

    StatusRuntimeException e = refusal();

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(e.getStatus().getDescription())
        .startsWith("robot '" + ServiceFixture.ROBOT + "': the robot's state convention differs")
        .contains("robot [" + StateConvention.FLANGE.describe() + "]")
        .contains("bundle [" + StateConvention.FRANKA_HAND_TCP.describe() + "]");
    assertThat(fixture.arm.moves()).isEmpty();
    assertThat(fixture.arm.stops()).isZero();
  }

  /**
   * The robot's convention cannot be had: a robot that reports none is refused with its message,
   * one that cannot be asked is unavailable.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableConventions")
  void aRobotWhoseConventionCannotBeReadIsRefused(
      Exception failure, Status.Code code, String description) {
    fixture.arm.failConventionWith(failure);

    StatusRuntimeException e = refusal();

    assertThat(e.getStatus().getCode()).isEqualTo(code);
    assertThat(e.getStatus().getDescription()).contains(description);
    assertThat(fixture.arm.moves()).isEmpty();
  }

  static Stream<Arguments> unreadableConventions() {
    return Stream.of(
        arguments(
            new StateConventionException("GetInfoResponse.state_convention is unset"),
            Status.Code.FAILED_PRECONDITION,
            "GetInfoResponse.state_convention is unset"),
        arguments(
            new ArmUnavailableException("bridge down"),
            Status.Code.UNAVAILABLE,
            "arm unavailable: cannot read its state convention: bridge down"));
  }

  @Test
  void theCheckRunsAtEveryStartSoAFixedRobotIsAcceptedAgain() {
    fixture.arm.reportConvention(StateConvention.FLANGE);
    refusal();
    // Within the tolerances (0.4 mm, 0.5 mrad) and under another frame name: accepted.
    fixture.arm.reportConvention(
        new StateConvention(
            "fr3_hand_tcp", 0.1038, -Math.PI / 4 + 5e-4, "extrinsic-xyz", "closedness"));

    List<TaskUpdate> updates = new ArrayList<>();
    fixture.blocking.startTask(reach(1)).forEachRemaining(updates::add);

    assertThat(updates.get(updates.size() - 1).getOutcome().getStatus())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    assertThat(fixture.arm.moves()).hasSize(1);
  }

  @Test
  void aRefusedPreemptingRequestLeavesTheRunningTaskAlone() throws Exception {
    UpdateQueue first = new UpdateQueue();
    fixture.async.startTask(reach(1000).toBuilder().setTaskId("first").build(), first);
    assertThat(first.next().hasStarted()).isTrue();
    assertThat(first.next().hasStep()).isTrue();
    fixture.arm.reportConvention(StateConvention.FLANGE);

    Iterator<TaskUpdate> second =
        fixture.blocking.startTask(reach(1).toBuilder().setPreempt(true).build());
    Throwable thrown = catchThrowable(second::hasNext);

    assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
    assertThat(((StatusRuntimeException) thrown).getStatus().getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(
            fixture
                .blocking
                .getStatus(GetStatusRequest.getDefaultInstance())
                .getActiveTask()
                .getTaskId())
        .isEqualTo("first");
    fixture.blocking.cancel(CancelRequest.newBuilder().setTaskId("first").build());
    assertThat(first.outcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
  }

  private StatusRuntimeException refusal() {
    Iterator<TaskUpdate> updates = fixture.blocking.startTask(reach(1));
    Throwable thrown = catchThrowable(updates::hasNext);
    assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
    return (StatusRuntimeException) thrown;
  }

  private StartTaskRequest reach(int steps) {
    return StartTaskRequest.newBuilder()
        .setKind(TaskKind.TASK_KIND_REACH)
        .addGoalIds(fixture.upload(TestImages.random(3)))
        .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(steps))
        .build();
  }
}
