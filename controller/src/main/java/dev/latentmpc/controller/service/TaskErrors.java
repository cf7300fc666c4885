package dev.latentmpc.controller.service;

import dev.latentmpc.controller.task.TaskException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The one place where the task runtime's refusals become gRPC statuses (see {@code control.proto}
 * for what each code means to a client). The description is the exception's message, unchanged.
 */
final class TaskErrors {

  private TaskErrors() {}

  /** Returns the status a client receives for {@code e}. */
  static StatusRuntimeException toStatus(TaskException e) {
    Status code =
        switch (e) {
          case TaskException.Invalid invalid -> Status.INVALID_ARGUMENT;
          case TaskException.NotFound notFound -> Status.NOT_FOUND;
          case TaskException.Busy busy -> Status.FAILED_PRECONDITION;
          case TaskException.Latched latched -> Status.FAILED_PRECONDITION;
          case TaskException.Misconfigured misconfigured -> Status.FAILED_PRECONDITION;
          case TaskException.Unavailable unavailable -> Status.UNAVAILABLE;
        };
    return code.withDescription(e.getMessage()).asRuntimeException();
  }
}
