package dev.latentmpc.controller.service;

import static dev.latentmpc.controller.service.ArmOwnershipTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.latentmpc.controller.admission.DiagnosticsLimits;
import dev.latentmpc.controller.task.GroundTruth;
import dev.latentmpc.controller.testing.ProbeRequests;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.EnergyLandscapeRequest;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.PlanOnceRequest;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PlanOnce and EnergyLandscape yield to a running task: while one runs they wait (here at most 300
 * ms) and are then refused with RESOURCE_EXHAUSTED naming the bound; once it ended they run.
 */
class DiagnosticsAdmissionTest extends ServiceFixtureTest {
  private String goalId;

  @Override
  ServiceFixture newFixture() throws IOException {
    return new ServiceFixture(
        GroundTruth.NONE, new DiagnosticsLimits(1, 4, 4, Duration.ofMillis(300)));
  }

  @BeforeEach
  void setUp() throws Exception {
    goalId = fixture.upload(TestImages.random(100));
  }

  @Test
  void diagnosticsWaitForARunningTaskAndAreRefusedNamingTheBound() throws Exception {
    UpdateQueue task = new UpdateQueue();
    fixture.async.startTask(
        StartTaskRequest.newBuilder()
            .setKind(TaskKind.TASK_KIND_REACH)
            .addGoalIds(goalId)
            .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(1000))
            .setTaskId("long")
            .build(),
        task);
    assertThat(task.next().hasStarted()).isTrue();

    Throwable plan = catchThrowable(() -> fixture.blocking.planOnce(planOnce()));
    Throwable landscape = catchThrowable(() -> fixture.blocking.energyLandscape(landscape()));

    assertCode(plan, Status.Code.RESOURCE_EXHAUSTED, "(diagnostics.maxWaitMs=300)");
    assertCode(plan, Status.Code.RESOURCE_EXHAUSTED, "PlanOnce waited ");
    assertCode(landscape, Status.Code.RESOURCE_EXHAUSTED, "EnergyLandscape waited ");
    assertThat(fixture.diagnostics.queuedCalls()).isZero();

    fixture.blocking.cancel(CancelRequest.newBuilder().setTaskId("long").build());
    assertThat(task.outcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
    assertThat(fixture.runner.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(fixture.diagnostics.runningTasks()).isZero();
    assertThat(fixture.blocking.planOnce(planOnce()).getPlanIterations()).isEqualTo(2);
    assertThat(fixture.blocking.energyLandscape(landscape()).getEnergiesCount()).isEqualTo(4);
  }

  private PlanOnceRequest planOnce() {
    return ProbeRequests.planOnce(TestImages.png(TestImages.random(1)), goalId).build();
  }

  private EnergyLandscapeRequest landscape() {
    return ProbeRequests.landscape(TestImages.png(TestImages.random(1)), goalId).build();
  }
}
