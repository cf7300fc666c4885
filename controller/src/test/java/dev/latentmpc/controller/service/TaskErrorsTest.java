package dev.latentmpc.controller.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.task.TaskException;
import dev.latentmpc.controller.task.TaskException.Kind;
import io.grpc.Status;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/** Each kind of task refusal reaches the client as its documented code, the message unchanged. */
class TaskErrorsTest {

  @Test
  void everyKindMapsToItsCodeWithTheMessageAsDescription() {
    assertMaps(Kind.INVALID, "goal_ids must hold 1..16", Code.INVALID_ARGUMENT);
    assertMaps(Kind.NOT_FOUND, "no robot 'x'", Code.NOT_FOUND);
    assertMaps(Kind.BUSY, "robot 'a' is running", Code.FAILED_PRECONDITION);
    assertMaps(Kind.LATCHED, "emergency stop", Code.FAILED_PRECONDITION);
    assertMaps(Kind.MISCONFIGURED, "camera", Code.FAILED_PRECONDITION);
    assertMaps(Kind.UNAVAILABLE, "arm unavailable", Code.UNAVAILABLE);
  }

  @Test
  void callsMapsATaskExceptionThroughTheSameMapper() {
    StatusRuntimeException status =
        Calls.toStatus(new TaskException(TaskException.Kind.BUSY, "busy"));

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(status.getStatus().getDescription()).isEqualTo("busy");
  }

  /** A refusal of {@code kind} with {@code message} maps to {@code code} and the same text. */
  private static void assertMaps(Kind kind, String message, Code code) {
    TaskException e = new TaskException(kind, message);
    Status status = TaskErrors.toStatus(e).getStatus();
    assertThat(status.getCode()).as(e.kind().name()).isEqualTo(code);
    assertThat(status.getDescription()).isEqualTo(e.getMessage());
  }
}
