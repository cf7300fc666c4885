package dev.latentmpc.controller.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.EmergencyStopRequest;
import dev.latentmpc.proto.control.v1.EmergencyStopResponse;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.ResetEmergencyStopRequest;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One owner of the arm: busy robots, preemption, cancellation, the emergency stop. */
class ArmOwnershipTest extends ServiceFixtureTest {

  private String goalId;

  @BeforeEach
  void setUp() throws Exception {
    goalId = fixture.upload(TestImages.random(100));
  }

  /** A reach task long enough to still run while the test acts on it. */
  private StartTaskRequest longTask(String taskId) {
    return StartTaskRequest.newBuilder()
        .setTaskId(taskId)
        .setKind(TaskKind.TASK_KIND_REACH)
        .addGoalIds(goalId)
        .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(1000))
        .setSeed(1)
        .build();
  }

  /** Starts {@code request} and returns its queue once the first step has arrived. */
  private UpdateQueue startAndAwaitStep(StartTaskRequest request) throws InterruptedException {
    UpdateQueue updates = new UpdateQueue();
    fixture.async.startTask(request, updates);
    assertThat(updates.next().hasStarted()).isTrue();
    assertThat(updates.next().hasStep()).isTrue();
    return updates;
  }

  @Test
  void secondStartFailsWithFailedPreconditionAndMovesNothingMore() throws Exception {
    UpdateQueue first = startAndAwaitStep(longTask("first"));

    Iterator<TaskUpdate> second = fixture.blocking.startTask(longTask("second"));

    assertThatThrownBy(second::hasNext)
        .isInstanceOf(StatusRuntimeException.class)
        .satisfies(e -> assertCode(e, Status.Code.FAILED_PRECONDITION, "running task 'first'"));
    fixture.blocking.cancel(CancelRequest.newBuilder().setTaskId("first").build());
    Outcome outcome = first.outcome();
    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
    assertThat(outcome.getReason()).contains("Cancel call");
  }

  @Test
  void preemptCancelsTheRunningTaskStopsTheArmAndStartsTheNewOne() throws Exception {
    UpdateQueue first = startAndAwaitStep(longTask("first"));

    UpdateQueue second = new UpdateQueue();
    fixture.async.startTask(longTask("second").toBuilder().setPreempt(true).build(), second);

    Outcome firstOutcome = first.outcome();
    assertThat(firstOutcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
    assertThat(firstOutcome.getReason()).contains("preempted by task 'second'");
    int stopsAfterFirst = fixture.arm.stops();
    assertThat(stopsAfterFirst).isGreaterThanOrEqualTo(1);
    TaskUpdate started = second.next();
    assertThat(started.getStarted().getPreemptedTaskId()).isEqualTo("first");
    assertThat(second.next().getStep().getTaskId()).isEqualTo("second");
    fixture.blocking.cancel(CancelRequest.newBuilder().setTaskId("second").build());
    assertThat(second.outcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
  }

  @Test
  void clientCancellingTheStreamCancelsTheTaskAndStopsTheArm() throws Exception {
    Context.CancellableContext context = Context.current().withCancellation();
    Iterator<TaskUpdate> updates =
        context.call(() -> fixture.blocking.startTask(longTask("watched")));
    assertThat(updates.next().hasStarted()).isTrue();
    assertThat(updates.next().hasStep()).isTrue();

    context.cancel(null);

    assertThat(fixture.arm.awaitStops(1)).isTrue();
    assertThat(fixture.runner.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(fixture.runner.activeTaskId()).isEmpty();
    assertThat(fixture.arm.moves().size()).isLessThan(1000);
  }

  @Test
  void anExpiredDeadlineCancelsTheTaskAndStopsTheArm() throws Exception {
    Iterator<TaskUpdate> updates =
        fixture
            .blocking
            .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
            .startTask(longTask("hurried"));

    assertThatThrownBy(() -> updates.forEachRemaining(update -> {}))
        .satisfies(e ->
            assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    assertThat(fixture.arm.awaitStops(1)).isTrue();
    assertThat(fixture.runner.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(fixture.arm.moves().size()).isLessThan(1000);
  }

  @Test
  void emergencyStopStopsCancelsAndLatchesUntilReset() throws Exception {
    UpdateQueue running = startAndAwaitStep(longTask("running"));

    EmergencyStopResponse stop =
        fixture.blocking.emergencyStop(EmergencyStopRequest.newBuilder().setReason("test").build());

    assertThat(stop.getRobotIdsList()).containsExactly(ServiceFixture.ROBOT);
    assertThat(stop.getCancelledTaskIdsList()).containsExactly("running");
    assertThat(fixture.arm.stops()).isGreaterThanOrEqualTo(1);
    Outcome outcome = running.outcome();
    assertThat(outcome.getStatus())
        .isIn(OutcomeStatus.OUTCOME_STATUS_CANCELLED, OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).contains("emergency stop");
    int moves = fixture.arm.moves().size();
    assertThat(
            fixture
                .blocking
                .getStatus(GetStatusRequest.getDefaultInstance())
                .getEmergencyStopLatched())
        .isTrue();
    Iterator<TaskUpdate> refused = fixture.blocking.startTask(longTask("refused"));
    assertThatThrownBy(refused::hasNext)
        .satisfies(e -> assertCode(e, Status.Code.FAILED_PRECONDITION, "emergency stop latched"));
    assertThat(fixture.arm.moves()).hasSize(moves);

    fixture.blocking.resetEmergencyStop(ResetEmergencyStopRequest.getDefaultInstance());

    UpdateQueue after = startAndAwaitStep(longTask("after-reset"));
    fixture.blocking.cancel(CancelRequest.newBuilder().setTaskId("after-reset").build());
    assertThat(after.outcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
  }

  @Test
  void cancelOfAnUnknownTaskIsNotFound() {
    assertThatThrownBy(
            () -> fixture.blocking.cancel(CancelRequest.newBuilder().setTaskId("nope").build()))
        .satisfies(e -> assertCode(e, Status.Code.NOT_FOUND, "nope"));
  }

  @Test
  void cameraGoneAtStartIsUnavailableAndNothingMoves() {
    fixture.camera.failWith(new dev.latentmpc.camera.CameraUnavailableException("unplugged"));

    Iterator<TaskUpdate> updates = fixture.blocking.startTask(longTask("blind"));

    assertThatThrownBy(updates::hasNext)
        .satisfies(e -> assertCode(e, Status.Code.UNAVAILABLE, "camera unavailable: unplugged"));
    assertThat(fixture.arm.moves()).isEmpty();
  }

  @Test
  void cameraWithWrongFrameSizeIsFailedPreconditionAndNothingMoves() {
    fixture.camera.failWith(
        new dev.latentmpc.camera.CameraFrameMismatchException(
            "expected 256x256 frames, found 640x480", 256, 256, 640, 480));

    Iterator<TaskUpdate> updates = fixture.blocking.startTask(longTask("wrong-size"));

    assertThatThrownBy(updates::hasNext)
        .satisfies(e ->
            assertCode(
                e,
                Status.Code.FAILED_PRECONDITION,
                "camera misconfigured: expected 256x256 frames, found 640x480"));
    assertThat(fixture.arm.moves()).isEmpty();
  }

  static void assertCode(Throwable error, Status.Code code, String descriptionPart) {
    Status status = Status.fromThrowable(error);
    assertThat(status.getCode()).as(status.toString()).isEqualTo(code);
    assertThat(status.getDescription()).contains(descriptionPart);
  }
}
