package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.Optional;

/**
 * Receives one task's progress, on the runner's loop thread, in order: either {@link #onRejected}
 * alone, or {@link #onStarted}, any number of {@link #onStep}, then {@link #onOutcome}.
 * Implementations must not throw and must return quickly: the loop waits for them.
 */
public interface TaskListener {

  /** The devices answered and the episode starts. */
  void onStarted(TaskStarted started);

  /**
   * One control step ended.
   *
   * @param frame the step's camera image, present when the request asked for thumbnails
   */
  void onStep(StepEvent event, Optional<RgbImage> frame);

  /** The task ended and the arm has been told to stop; the last call. */
  void onOutcome(EpisodeOutcome outcome);

  /**
   * The task could not start ({@link TaskException.Unavailable} or {@link
   * TaskException.Misconfigured}: arm or camera); the only call.
   */
  void onRejected(TaskException error);
}
