package dev.latentmpc.controller.metrics;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.controller.task.TaskException;
import dev.latentmpc.controller.task.TaskListener;
import dev.latentmpc.controller.task.TaskStarted;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Meters of the control loop, fed by the events the loop already publishes: attach it to a {@code
 * TaskRunner} as its observer (or call {@link #record(StepEvent)} and {@link
 * #record(EpisodeOutcome)} next to an {@code EpisodeController}), and bind it to a registry.
 *
 * <p>Per step: {@code latentmpc.step.phase{phase}} (camera, encode, plan, execute, total; a phase
 * the step did not reach is left out), {@code latentmpc.steps{outcome=moved|held}}, one {@code
 * latentmpc.cem.iteration} sample per completed CEM iteration, {@code latentmpc.camera.frame.age}
 * (the snapshot frame's age, whatever the camera), {@code latentmpc.step.energy} (when the step
 * made a plan with a finite energy), {@code latentmpc.envelope.decisions{outcome}} (when the
 * envelope decided) and {@code latentmpc.subgoal.switches{reason}}. Per task: {@code
 * latentmpc.task.outcomes{status}}; a task refused before it started (arm or camera unavailable)
 * has no outcome and is not counted.
 *
 * <p>Thread-safe; recording never throws and costs a few counter and timer updates.
 */
public final class ControllerMetrics implements MeterBinder, TaskListener {
  private final List<StepMeters> bound = new CopyOnWriteArrayList<>();

  /** Creates meters that record nothing until {@link #bindTo bound} to a registry. */
  public ControllerMetrics() {}

  /** Registers every meter on {@code registry}; later events are recorded there too. */
  @Override
  public void bindTo(MeterRegistry registry) {
    bound.add(new StepMeters(registry));
  }

  /** Records one control step. */
  public void record(StepEvent event) {
    for (StepMeters meters : bound) {
      meters.record(event);
    }
  }

  /** Counts one ended task by its status. */
  public void record(EpisodeOutcome outcome) {
    for (StepMeters meters : bound) {
      meters.record(outcome);
    }
  }

  /** Nothing to record: the active-task gauge reads the runner ({@link TaskRunnerMetrics}). */
  @Override
  public void onStarted(TaskStarted started) {}

  @Override
  public void onStep(StepEvent event, Optional<RgbImage> frame) {
    record(event);
  }

  @Override
  public void onOutcome(EpisodeOutcome outcome) {
    record(outcome);
  }

  /** Not counted: the task never started, so it has no outcome status. */
  @Override
  public void onRejected(TaskException error) {}
}
