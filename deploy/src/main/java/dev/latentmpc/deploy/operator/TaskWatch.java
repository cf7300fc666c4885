package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows one StartTask stream to its outcome, and cancels it on request (Ctrl-C).
 *
 * <p>{@link #watch} runs on the main thread. {@link #interrupt} (from the shutdown hook that Ctrl-C
 * triggers) first asks the server to cancel the task by id, so the stream still delivers the step
 * in progress and the CANCELLED outcome; if no outcome arrives within the grace period it cancels
 * the call itself, which the server also treats as a cancellation (it stops the arm).
 */
final class TaskWatch {
  /** Exit status after Ctrl-C (128 + SIGINT), as shells report it. */
  static final int EXIT_INTERRUPTED = 130;

  private final Context.CancellableContext context = Context.current().withCancellation();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final ProgressPrinter printer;
  private volatile String taskId;
  private volatile boolean interrupted;

  TaskWatch(ProgressPrinter printer) {
    this.printer = printer;
  }

  /**
   * Starts the task and prints its stream until the outcome.
   *
   * @return 0 for SUCCEEDED or COMPLETED, {@link #EXIT_INTERRUPTED} when cancelled by {@link
   *     #interrupt}, 1 otherwise
   * @throws StatusRuntimeException when the server refuses the task or the stream breaks
   */
  int watch(OperatorConnection connection, StartTaskRequest request) {
    try {
      Iterator<TaskUpdate> updates = context.call(() -> connection.streaming().startTask(request));
      while (updates.hasNext()) {
        TaskUpdate update = updates.next();
        switch (update.getUpdateCase()) {
          case STARTED -> {
            taskId = update.getStarted().getTaskId();
            printer.started(update.getStarted());
          }
          case STEP -> printer.step(update.getStep());
          case OUTCOME -> {
            printer.outcome(update.getOutcome());
            return exitStatus(update.getOutcome().getStatus());
          }
          case UPDATE_NOT_SET -> printer.note("(empty update ignored)");
        }
      }
      printer.note("the stream ended without an outcome");
      return OperatorSupport.EXIT_FAILURE;
    } catch (StatusRuntimeException e) {
      if (interrupted && e.getStatus().getCode() == Status.Code.CANCELLED) {
        printer.note("cancelled; the server cancels the task and stops the arm");
        return EXIT_INTERRUPTED;
      }
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      finished.countDown();
    }
  }

  private int exitStatus(OutcomeStatus status) {
    return switch (status) {
      case OUTCOME_STATUS_SUCCEEDED, OUTCOME_STATUS_COMPLETED -> 0;
      case OUTCOME_STATUS_CANCELLED ->
          interrupted ? EXIT_INTERRUPTED : OperatorSupport.EXIT_FAILURE;
      default -> OperatorSupport.EXIT_FAILURE;
    };
  }

  /**
   * Cancels the task: by id through the Cancel RPC, then, if the outcome has not arrived within
   * {@code grace}, by cancelling the stream. Returns once the watch has finished or given up.
   */
  void interrupt(OperatorConnection connection, Duration grace) {
    interrupted = true;
    printer.note("Ctrl-C: cancelling the task (the arm stops after the current step)...");
    String id = taskId;
    if (id == null) {
      // Not started yet: there is no id to cancel by, so cut the stream (the server cancels).
      context.cancel(Status.CANCELLED.withDescription("cancelled by Ctrl-C").asException());
    } else {
      try {
        connection.blocking().cancel(CancelRequest.newBuilder().setTaskId(id).build());
      } catch (StatusRuntimeException e) {
        // The task may just have ended, or the server is gone; cutting the stream covers both.
        context.cancel(e);
      }
    }
    try {
      if (!finished.await(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        context.cancel(Status.CANCELLED.withDescription("cancelled by Ctrl-C").asException());
        finished.await(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      context.cancel(e);
      Thread.currentThread().interrupt();
    }
  }
}
