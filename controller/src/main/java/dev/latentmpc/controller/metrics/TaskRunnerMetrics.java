package dev.latentmpc.controller.metrics;

import dev.latentmpc.controller.task.TaskRunner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * {@code latentmpc.task.active{robot}}: 1 while the robot's {@link TaskRunner} has a task that has
 * not finished (from acceptance until its arm is stopped), else 0. Read from the runner at scrape
 * time, so it cannot drift from the runner's own state.
 */
public final class TaskRunnerMetrics implements MeterBinder {
  private final TaskRunner runner;

  /** Creates the gauge's binder for {@code runner}. */
  public TaskRunnerMetrics(TaskRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(MetricNames.TASK_ACTIVE, runner, r -> r.activeTaskId().isPresent() ? 1 : 0)
        .description("1 while the robot runs a task, else 0")
        .tag(MetricNames.ROBOT, runner.robotId())
        // The runner lives as long as the service; a weak reference would only risk NaN.
        .strongReference(true)
        .register(registry);
  }
}
