package dev.latentmpc.controller.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.metrics.MetricNames;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner's metrics seen from a client over real stubs: by the time an update reaches the
 * client, the metrics have counted it; the active-task gauge follows the task.
 */
class TaskMetricsTest extends ServiceFixtureTest {

  @Test
  void aCompletedTaskIsCountedStepByStepWithItsOutcome() {
    assertThat(taskActive()).isZero();
    StartTaskRequest request = reach("short", 3);

    List<TaskUpdate> updates = new ArrayList<>();
    fixture.blocking.startTask(request).forEachRemaining(updates::add);

    assertThat(updates.get(updates.size() - 1).getOutcome().getStatus())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    assertThat(count(MetricNames.STEPS, MetricNames.OUTCOME, "moved")).isEqualTo(3);
    assertThat(fixture.meters.get(MetricNames.STEP_PHASE).tag("phase", "total").timer().count())
        .isEqualTo(3);
    // 2 iterations per plan (the fixture's CEM).
    assertThat(fixture.meters.get(MetricNames.CEM_ITERATION).timer().count()).isEqualTo(6);
    assertThat(fixture.meters.get(MetricNames.STEP_ENERGY).summary().count()).isEqualTo(3);
    double decisions =
        count(MetricNames.ENVELOPE_DECISIONS, MetricNames.OUTCOME, "passed")
            + count(MetricNames.ENVELOPE_DECISIONS, MetricNames.OUTCOME, "clamped");
    assertThat(decisions).isEqualTo(3);
    assertThat(count(MetricNames.SUBGOAL_SWITCHES, MetricNames.REASON, "step_limit")).isEqualTo(1);
    assertThat(count(MetricNames.TASK_OUTCOMES, MetricNames.STATUS, "completed")).isEqualTo(1);
    assertThat(taskActive()).isZero();
  }

  @Test
  void theActiveTaskGaugeIsOneWhileATaskRunsAndACancelIsCounted() throws Exception {
    UpdateQueue updates = new UpdateQueue();
    fixture.async.startTask(reach("long", 1000), updates);
    assertThat(updates.next().hasStarted()).isTrue();
    assertThat(updates.next().hasStep()).isTrue();

    assertThat(taskActive()).isEqualTo(1);

    fixture.blocking.cancel(CancelRequest.newBuilder().setTaskId("long").build());
    assertThat(updates.outcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
    assertThat(taskActive()).isZero();
    assertThat(count(MetricNames.TASK_OUTCOMES, MetricNames.STATUS, "cancelled")).isEqualTo(1);
  }

  private StartTaskRequest reach(String taskId, int steps) {
    return StartTaskRequest.newBuilder()
        .setTaskId(taskId)
        .setKind(TaskKind.TASK_KIND_REACH)
        .addGoalIds(fixture.upload(TestImages.random(100)))
        .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(steps))
        .setSeed(3)
        .build();
  }

  private double taskActive() {
    return fixture
        .meters
        .get(MetricNames.TASK_ACTIVE)
        .tag(MetricNames.ROBOT, ServiceFixture.ROBOT)
        .gauge()
        .value();
  }

  private double count(String name, String tag, String value) {
    return fixture.meters.get(name).tag(tag, value).counter().count();
  }
}
