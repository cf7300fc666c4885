package dev.latentmpc.controller.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.loop.GoalProgress;
import dev.latentmpc.controller.task.GroundTruth;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.PlannerOverrides;
import dev.latentmpc.proto.control.v1.SamplingHooks;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** StartTask end to end over a real in-process channel: the stream, the envelope, the outcome. */
class StartTaskTest extends ServiceFixtureTest {

  private StartTaskRequest.Builder pickAndPlace(int... steps) {
    StartTaskRequest.Builder request =
        StartTaskRequest.newBuilder().setKind(TaskKind.TASK_KIND_PICK_AND_PLACE).setSeed(7);
    FixedStepsSchedule.Builder schedule = FixedStepsSchedule.newBuilder();
    for (int i = 0; i < steps.length; i++) {
      request.addGoalIds(fixture.upload(TestImages.random(100 + i)));
      schedule.addStepsPerGoal(steps[i]);
    }
    return request.setFixedSteps(schedule);
  }

  @Test
  void streamsStartedThenStepsInOrderThenOutcome() throws Exception {
    StartTaskRequest request = pickAndPlace(2, 1, 2).setThumbnailMaxSidePx(32).build();

    List<TaskUpdate> updates = new ArrayList<>();
    fixture.blocking.startTask(request).forEachRemaining(updates::add);

    assertThat(updates).hasSize(7);
    assertThat(updates.get(0).getStarted().getRobotId()).isEqualTo(ServiceFixture.ROBOT);
    assertThat(updates.get(0).getStarted().getSeed()).isEqualTo(7);
    assertThat(updates.get(0).getStarted().getPlanner().getSamples()).isEqualTo(20);
    assertThat(updates.get(0).getStarted().getMaxStepsPerGoalList()).containsExactly(2, 1, 2);
    List<StepEvent> steps = updates.subList(1, 6).stream().map(TaskUpdate::getStep).toList();
    assertThat(steps).extracting(StepEvent::getStepIndex).containsExactly(0, 1, 2, 3, 4);
    assertThat(steps).extracting(StepEvent::getSubgoalIndex).containsExactly(0, 0, 1, 2, 2);
    for (StepEvent step : steps) {
      assertThat(step.getCommandSent()).isTrue();
      assertThat(step.getPlannedActionList()).hasSize(7);
      assertThat(step.getPlanIterations()).isEqualTo(2);
      assertThat(step.getLatencies().getTotalSeconds()).isPositive();
      BufferedImage thumbnail =
          ImageIO.read(new ByteArrayInputStream(step.getThumbnailPng().toByteArray()));
      assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(32);
    }
    assertThat(steps.get(0).getFrameSequence()).isLessThan(steps.get(4).getFrameSequence());
    TaskUpdate last = updates.get(6);
    assertThat(last.getOutcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    assertThat(last.getOutcome().getSteps()).isEqualTo(5);
    assertThat(fixture.arm.moves()).hasSize(5);
    assertThat(fixture.arm.stops()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void perGoalSamplingHooksDriveEachGoalsPlansAndAreReported() {
    // Goal 0 keeps the gripper (pinned 0) and holds z; goal 1 closes from horizon step 0; goal 2
    // opens (pinned -0.5) on the task-wide z pin.
    SamplingHooks keep = SamplingHooks.newBuilder().setPinDgripper(0).build();
    SamplingHooks close = SamplingHooks.newBuilder().setCloseGripperFromStep(0).build();
    SamplingHooks open = SamplingHooks.newBuilder().setPinDgripper(-0.5).build();
    StartTaskRequest request =
        pickAndPlace(2, 1, 2)
            .setPlanner(
                PlannerOverrides.newBuilder()
                    .setSampling(
                        SamplingHooks.newBuilder().setPinDzM(0.01).setInitialStdGripper(0.3))
                    .addSubgoalSampling(keep)
                    .addSubgoalSampling(close)
                    .addSubgoalSampling(open))
            .build();

    List<TaskUpdate> updates = new ArrayList<>();
    fixture.blocking.startTask(request).forEachRemaining(updates::add);

    var planner = updates.get(0).getStarted().getPlanner();
    assertThat(planner.getSampling().getPinDzM()).isEqualTo(0.01);
    assertThat(planner.getSampling().getInitialStdGripper()).isEqualTo(0.3);
    assertThat(planner.getSubgoalSamplingList()).hasSize(3);
    assertThat(planner.getSubgoalSampling(1).getCloseGripperFromStep()).isZero();
    assertThat(planner.getSubgoalSampling(2).getPinDgripper()).isEqualTo(-0.5);
    assertThat(planner.getSubgoalSampling(2).getPinDzM()).isEqualTo(0.01);
    List<StepEvent> steps = updates.subList(1, 6).stream().map(TaskUpdate::getStep).toList();
    // The fixture plans 2 iterations: a closing step's mean reaches 0.85 + 0.15 · 0.85.
    float[] expectedGripper = {0f, 0f, (float) (0.85 + 0.15 * 0.85), -0.5f, -0.5f};
    for (int i = 0; i < steps.size(); i++) {
      assertThat(steps.get(i).getPlannedAction(2)).as("step %d dz", i).isEqualTo(0.01f);
      assertThat(steps.get(i).getPlannedAction(6))
          .as("step %d dgripper", i)
          .isEqualTo(expectedGripper[i]);
    }
  }

  @Test
  void everyCommandRespectsTheEnvelopeEvenWithWidePlannerSettings() {
    StartTaskRequest request =
        pickAndPlace(8)
            .setKind(TaskKind.TASK_KIND_REACH)
            .setPlanner(
                PlannerOverrides.newBuilder().setMaxNormM(0.1).setL1BallEnabled(false).build())
            .build();

    List<TaskUpdate> updates = new ArrayList<>();
    fixture.blocking.startTask(request).forEachRemaining(updates::add);

    assertThat(updates.get(updates.size() - 1).getOutcome().getStatus())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    assertThat(fixture.arm.moves()).hasSize(8);
    for (IntegratingArm.Move move : fixture.arm.moves()) {
      assertThat(fixture.envelope.admits(move.before(), move.command()))
          .as("command %s from %s", move.command(), move.before())
          .isTrue();
    }
  }

  @Test
  void reachTargetEndsTheTaskAsSucceeded() {
    StartTaskRequest request =
        pickAndPlace(5)
            .setKind(TaskKind.TASK_KIND_REACH)
            .setReachTarget(
                dev.latentmpc.proto.control.v1.ReachTarget.newBuilder()
                    .setXM(0.5)
                    .setYM(0.0)
                    .setZM(0.3)
                    .setToleranceM(0.5))
            .build();

    Iterator<TaskUpdate> updates = fixture.blocking.startTask(request);
    TaskUpdate last = null;
    while (updates.hasNext()) {
      last = updates.next();
    }

    assertThat(last.getOutcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_SUCCEEDED);
    assertThat(last.getOutcome().getSteps()).isEqualTo(1);
  }

  @Test
  void theRobotsGroundTruthDecidesATaskWithoutReachTargetAndReportsItsDistance() throws Exception {
    List<dev.latentmpc.controller.task.TaskKind> asked = new ArrayList<>();
    GroundTruth truth =
        kind -> {
          asked.add(kind);
          return kind == dev.latentmpc.controller.task.TaskKind.REACH
              ? Optional.of(
                  e -> GoalProgress.measured(e.stepIndex() == 2, 0.25 * (3 - e.stepIndex())))
              : Optional.empty();
        };
    fixture.close();
    fixture = new ServiceFixture(truth);

    List<TaskUpdate> reach = run(pickAndPlace(10).setKind(TaskKind.TASK_KIND_REACH).build());
    List<TaskUpdate> other = run(pickAndPlace(1, 1, 1).build());

    assertThat(steps(reach))
        .extracting(StepEvent::getGoalDistanceM)
        .containsExactly(0.75, 0.5, 0.25);
    assertThat(reach.get(reach.size() - 1).getOutcome().getStatus())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_SUCCEEDED);
    assertThat(steps(other)).hasSize(3).noneMatch(StepEvent::hasGoalDistanceM);
    assertThat(other.get(other.size() - 1).getOutcome().getStatus())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    assertThat(asked)
        .containsExactly(
            dev.latentmpc.controller.task.TaskKind.REACH,
            dev.latentmpc.controller.task.TaskKind.PICK_AND_PLACE);
  }

  @Test
  void aReachTargetTakesPrecedenceOverTheGroundTruth() throws Exception {
    fixture.close();
    fixture = new ServiceFixture(kind -> Optional.of(e -> GoalProgress.measured(false, 0.123)));
    StartTaskRequest request =
        pickAndPlace(4)
            .setKind(TaskKind.TASK_KIND_REACH)
            .setReachTarget(
                dev.latentmpc.proto.control.v1.ReachTarget.newBuilder()
                    .setXM(0.5)
                    .setZM(0.3)
                    .setToleranceM(0.5))
            .build();

    List<TaskUpdate> updates = run(request);

    StepEvent only = steps(updates).get(0);
    var reached = only.getArmStateAfter();
    assertThat(only.getGoalDistanceM())
        .isCloseTo(
            Math.sqrt(
                Math.pow(reached.getXM() - 0.5, 2)
                    + Math.pow(reached.getYM(), 2)
                    + Math.pow(reached.getZM() - 0.3, 2)),
            within(1e-12));
    assertThat(updates.get(updates.size() - 1).getOutcome().getStatus())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_SUCCEEDED);
  }

  private List<TaskUpdate> run(StartTaskRequest request) {
    List<TaskUpdate> updates = new ArrayList<>();
    fixture.blocking.startTask(request).forEachRemaining(updates::add);
    return updates;
  }

  private static List<StepEvent> steps(List<TaskUpdate> updates) {
    return updates.stream().filter(TaskUpdate::hasStep).map(TaskUpdate::getStep).toList();
  }
}
