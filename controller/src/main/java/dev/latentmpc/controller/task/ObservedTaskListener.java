package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's listener plus the runner's observer: each event goes to the observer first, then to the
 * task's listener. The observer (metrics) must never break a task, so what it throws is logged and
 * dropped.
 */
final class ObservedTaskListener implements TaskListener {
  private static final Logger log = LoggerFactory.getLogger(ObservedTaskListener.class);

  /** An observer that ignores everything (a runner without one). */
  static final TaskListener NONE =
      new TaskListener() {
        @Override
        public void onStarted(TaskStarted started) {}

        @Override
        public void onStep(StepEvent event, Optional<RgbImage> frame) {}

        @Override
        public void onOutcome(EpisodeOutcome outcome) {}

        @Override
        public void onRejected(TaskException error) {}
      };

  private final TaskListener observer;
  private final TaskListener listener;

  ObservedTaskListener(TaskListener observer, TaskListener listener) {
    this.observer = observer;
    this.listener = listener;
  }

  @Override
  public void onStarted(TaskStarted started) {
    observe(() -> observer.onStarted(started));
    listener.onStarted(started);
  }

  @Override
  public void onStep(StepEvent event, Optional<RgbImage> frame) {
    observe(() -> observer.onStep(event, frame));
    listener.onStep(event, frame);
  }

  @Override
  public void onOutcome(EpisodeOutcome outcome) {
    observe(() -> observer.onOutcome(outcome));
    listener.onOutcome(outcome);
  }

  @Override
  public void onRejected(TaskException error) {
    observe(() -> observer.onRejected(error));
    listener.onRejected(error);
  }

  private static void observe(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("a task observer failed; the task goes on", e);
    }
  }
}
