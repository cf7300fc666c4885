package dev.latentmpc.controller.service;

import dev.latentmpc.controller.admission.DiagnosticsRefusedException;
import dev.latentmpc.controller.task.TaskException;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Helpers for completing calls: one response or one {@link Status}, never an escaped exception. */
final class Calls {

  private static final Logger log = LoggerFactory.getLogger(Calls.class);

  private Calls() {}

  /** Runs {@code work} and sends its result, or the status its exception maps to. */
  static <T> void unary(StreamObserver<T> observer, Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      observer.onError(toStatus(e));
      return;
    }
    observer.onNext(result);
    observer.onCompleted();
  }

  /**
   * Returns the status for an exception: a {@link StatusRuntimeException} as it is, a {@link
   * TaskException} as {@link TaskErrors} maps it, a refused diagnostic call as RESOURCE_EXHAUSTED
   * with the refusal (which names the bound), a cancellation as the call's own cancellation status
   * (DEADLINE_EXCEEDED or CANCELLED), anything else as INTERNAL with its message (and logged: it is
   * a bug or a model fault).
   */
  static StatusRuntimeException toStatus(RuntimeException e) {
    if (e instanceof StatusRuntimeException status) {
      return status;
    }
    if (e instanceof TaskException refused) {
      return TaskErrors.toStatus(refused);
    }
    if (e instanceof DiagnosticsRefusedException refused) {
      return Status.RESOURCE_EXHAUSTED.withDescription(refused.getMessage()).asRuntimeException();
    }
    if (e instanceof CancellationException) {
      Status status = Contexts.statusFromCancelled(Context.current());
      return (status != null ? status : Status.CANCELLED)
          .withDescription(e.getMessage())
          .asRuntimeException();
    }
    log.error("operator call failed", e);
    return Status.INTERNAL
        .withDescription(e.getClass().getSimpleName() + ": " + e.getMessage())
        .withCause(e)
        .asRuntimeException();
  }

  /** Returns the time left before the current call's deadline; empty when it has none. */
  static OptionalLong remainingNanos() {
    Deadline deadline = Context.current().getDeadline();
    return deadline == null
        ? OptionalLong.empty()
        : OptionalLong.of(deadline.timeRemaining(TimeUnit.NANOSECONDS));
  }
}
