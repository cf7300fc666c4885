package dev.latentmpc.controller.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.task.TaskException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/** Each kind of task refusal reaches the client as its documented code, the message unchanged. */
class TaskErrorsTest {

  @Test
  void everyKindMapsToItsCodeWithTheMessageAsDescription() {
    assertMaps(
        new TaskException(TaskException.Kind.INVALID, "goal_ids must hold 1..16"),
        Status.Code.INVALID_ARGUMENT);
    assertMaps(
        new TaskException(TaskException.Kind.NOT_FOUND, "no robot 'x'"), Status.Code.NOT_FOUND);
    assertMaps(
        new TaskException(TaskException.Kind.BUSY, "robot 'a' is running"),
        Status.Code.FAILED_PRECONDITION);
    assertMaps(
        new TaskException(TaskException.Kind.LATCHED, "emergency stop"),
        Status.Code.FAILED_PRECONDITION);
    assertMaps(
        new TaskException(TaskException.Kind.MISCONFIGURED, "camera"),
        Status.Code.FAILED_PRECONDITION);
    assertMaps(
        new TaskException(TaskException.Kind.UNAVAILABLE, "arm unavailable"),
        Status.Code.UNAVAILABLE);
  }

  @Test
  void callsMapsATaskExceptionThroughTheSameMapper() {
    StatusRuntimeException status =
        Calls.toStatus(new TaskException(TaskException.Kind.BUSY, "busy"));

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(status.getStatus().getDescription()).isEqualTo("busy");
  }

  private static void assertMaps(TaskException e, Status.Code code) {
    Status status = TaskErrors.toStatus(e).getStatus();
    assertThat(status.getCode()).as(e.kind().name()).isEqualTo(code);
    assertThat(status.getDescription()).isEqualTo(e.getMessage());
  }
}
