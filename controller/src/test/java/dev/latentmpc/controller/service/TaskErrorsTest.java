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
    assertMaps(new TaskException.Invalid("goal_ids must hold 1..16"), Status.Code.INVALID_ARGUMENT);
    assertMaps(new TaskException.NotFound("no robot 'x'"), Status.Code.NOT_FOUND);
    assertMaps(new TaskException.Busy("robot 'a' is running"), Status.Code.FAILED_PRECONDITION);
    assertMaps(new TaskException.Latched("emergency stop"), Status.Code.FAILED_PRECONDITION);
    assertMaps(new TaskException.Misconfigured("camera"), Status.Code.FAILED_PRECONDITION);
    assertMaps(new TaskException.Unavailable("arm unavailable"), Status.Code.UNAVAILABLE);
  }

  @Test
  void callsMapsATaskExceptionThroughTheSameMapper() {
    StatusRuntimeException status = Calls.toStatus(new TaskException.Busy("busy"));

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(status.getStatus().getDescription()).isEqualTo("busy");
  }

  private static void assertMaps(TaskException e, Status.Code code) {
    Status status = TaskErrors.toStatus(e).getStatus();
    assertThat(status.getCode()).as(e.getClass().getSimpleName()).isEqualTo(code);
    assertThat(status.getDescription()).isEqualTo(e.getMessage());
  }
}
