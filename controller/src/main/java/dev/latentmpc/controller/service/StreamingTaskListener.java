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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one task's progress to its StartTask stream: {@code started}, the steps, the outcome, then
 * completes; or fails the call when the task could not start. Called only from the task's loop
 * thread, so the observer is never used concurrently. Once the client has cancelled, updates are
 * dropped (the task is being cancelled too).
 *
 * <p>Updates are not held back by flow control: a task sends one small message per control step (a
 * thumbnail at most 512 px), far slower than any client reads.
 */
final class StreamingTaskListener implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(StreamingTaskListener.class);

  private final ServerCallStreamObserver<TaskUpdate> call;
  private final int thumbnailMaxSidePx;

  StreamingTaskListener(ServerCallStreamObserver<TaskUpdate> call, int thumbnailMaxSidePx) {
    this.call = call;
    this.thumbnailMaxSidePx = thumbnailMaxSidePx;
  }

  @Override
  public void onStarted(TaskStarted started) {
    send(TaskUpdate.newBuilder().setStarted(StepMapping.started(started)).build());
  }

  @Override
  public void onStep(StepEvent event, Optional<RgbImage> frame) {
    Optional<byte[]> thumbnail =
        frame.map(image -> ImageEncoder.png(ImageEncoder.thumbnail(image, thumbnailMaxSidePx)));
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
