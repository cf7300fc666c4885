package dev.latentmpc.controller.admission;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.controller.task.TaskException;
import dev.latentmpc.controller.task.TaskListener;
import dev.latentmpc.controller.task.TaskStarted;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.Optional;

/**
 * A task runner's observer that also tells a {@link DiagnosticsGate} when a task starts (before its
 * first step) and ends (after the arm was told to stop); every event then goes on to the wrapped
 * observer.
 */
final class TaskActivity implements TaskListener {
  private final DiagnosticsGate gate;
  private final TaskListener observer;

  TaskActivity(DiagnosticsGate gate, TaskListener observer) {
    this.gate = gate;
    this.observer = observer;
  }

  @Override
  public void onStarted(TaskStarted started) {
    gate.taskStarted();
    observer.onStarted(started);
  }

  @Override
  public void onStep(StepEvent event, Optional<RgbImage> frame) {
    observer.onStep(event, frame);
  }

  @Override
  public void onOutcome(EpisodeOutcome outcome) {
    gate.taskEnded();
    observer.onOutcome(outcome);
  }

  @Override
  public void onRejected(TaskException error) {
    observer.onRejected(error);
  }
}
