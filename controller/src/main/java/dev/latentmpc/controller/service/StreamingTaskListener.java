package dev.latentmpc.controller.service;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.controller.service.image.ImageEncoder;
import dev.latentmpc.controller.task.TaskException;
import dev.latentmpc.controller.task.TaskListener;
import dev.latentmpc.controller.task.TaskStarted;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one task's progress to its StartTask stream: {@code started}, the steps, the outcome, then
 * completes; or fails the call when the task could not start. Called only from the task's loop
 * thread, so the observer is never used concurrently. Once the client has cancelled, updates are
 * dropped (the task is being cancelled too).
 *
 * <p>Flow control: a client that reads slower than the task steps must not make the server buffer
 * its updates without bound. While the stream is not ready (gRPC's outbound buffer for it is full,
 * because the client or its network is not taking bytes), steps are sent without their thumbnail,
 * which is the bulk of an update. After {@value #MAX_UNREAD_UPDATES} steps in a row find the stream
 * not ready, the client is taken to have stopped reading: the task is cancelled (the loop stops
 * after the current step and stops the arm, as when the client goes away), further steps are
 * dropped, and the outcome is queued as the stream's last message. What one stalled stream can hold
 * on the server is so bounded by gRPC's ready threshold plus that many thumbnail-less steps and the
 * outcome.
 */
final class StreamingTaskListener implements TaskListener {

  /** Steps in a row that may find the stream not ready before the task is cancelled. */
  static final int MAX_UNREAD_UPDATES = 32;

  private static final Logger log = LoggerFactory.getLogger(StreamingTaskListener.class);

  private final ServerCallStreamObserver<TaskUpdate> call;
  private final int thumbnailMaxSidePx;
  private final Consumer<String> cancelTask;
  private int stepsNotReady; // loop thread only

  /**
   * Creates the listener.
   *
   * @param call the StartTask call
   * @param thumbnailMaxSidePx the request's thumbnail size (0 for none)
   * @param cancelTask cancels this listener's task with a reason; called again on later steps until
   *     the task ends, so it may ignore a call made before the task's handle exists
   */
  StreamingTaskListener(
      ServerCallStreamObserver<TaskUpdate> call,
      int thumbnailMaxSidePx,
      Consumer<String> cancelTask) {
    this.call = call;
    this.thumbnailMaxSidePx = thumbnailMaxSidePx;
    this.cancelTask = cancelTask;
  }

  @Override
  public void onStarted(TaskStarted started) {
    send(TaskUpdate.newBuilder().setStarted(StepMapping.started(started)).build());
  }

  @Override
  public void onStep(StepEvent event, Optional<RgbImage> frame) {
    boolean ready = call.isReady();
    // Once given up on, the client stays given up on: the task is being cancelled.
    stepsNotReady = ready && stepsNotReady <= MAX_UNREAD_UPDATES ? 0 : stepsNotReady + 1;
    if (stepsNotReady > MAX_UNREAD_UPDATES) {
      if (stepsNotReady == MAX_UNREAD_UPDATES + 1) {
        log.warn(
            "task '{}': the client stopped reading its stream ({} steps unread); cancelling the"
                + " task",
            event.taskId(),
            MAX_UNREAD_UPDATES);
      }
      cancelTask.accept(
          "the client stopped reading its stream (" + MAX_UNREAD_UPDATES + " steps unread)");
      return;
    }
    Optional<byte[]> thumbnail =
        ready
            ? frame.map(
                image -> ImageEncoder.png(ImageEncoder.thumbnail(image, thumbnailMaxSidePx)))
            : Optional.empty();
    send(TaskUpdate.newBuilder().setStep(StepMapping.step(event, thumbnail)).build());
  }

  @Override
  public void onOutcome(EpisodeOutcome outcome) {
    if (send(TaskUpdate.newBuilder().setOutcome(StepMapping.outcome(outcome)).build())) {
      try {
        call.onCompleted();
      } catch (RuntimeException e) {
        log.debug("could not complete the stream of task '{}'", outcome.taskId(), e);
      }
    }
  }

  @Override
  public void onRejected(TaskException error) {
    if (call.isCancelled()) {
      return;
    }
    try {
      call.onError(TaskErrors.toStatus(error));
    } catch (RuntimeException e) {
      log.debug("could not fail the stream", e);
    }
  }

  /** Sends one update unless the call is gone; returns whether it was sent. */
  private boolean send(TaskUpdate update) {
    if (call.isCancelled()) {
      return false;
    }
    try {
      call.onNext(update);
      return true;
    } catch (RuntimeException e) {
      // The client went away between the check and the write; the cancel handler stops the task.
      log.debug("dropped an update of a cancelled stream", e);
      return false;
    }
  }
}
