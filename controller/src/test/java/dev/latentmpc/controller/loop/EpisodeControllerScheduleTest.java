package dev.latentmpc.controller.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.worldmodel.Latent;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sub-goal switching, goal caching, success and cancellation over whole episodes. */
class EpisodeControllerScheduleTest {

  @Test
  void thePickAndPlaceScheduleSwitchesAfter4Then10Then4Steps() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    TaskSpec task = ControllerFixture.task(SubgoalSchedule.pickAndPlace(), 21);
    controller.start(task);

    List<StepEvent> events = ControllerFixture.runToEnd(controller, 30);

    assertThat(events).hasSize(18);
    assertThat(events)
        .extracting(StepEvent::subgoalIndex)
        .containsExactlyElementsOf(
            IntStream.range(0, 18).map(i -> i < 4 ? 0 : i < 14 ? 1 : 2).boxed().toList());
    assertThat(events)
        .filteredOn(e -> e.subgoalSwitch() != SubgoalSwitch.NONE)
        .extracting(StepEvent::stepIndex)
        .containsExactly(3, 13, 17);
    assertThat(events)
        .filteredOn(e -> e.subgoalSwitch() != SubgoalSwitch.NONE)
        .allSatisfy(e -> assertThat(e.subgoalSwitch()).isEqualTo(SubgoalSwitch.STEP_LIMIT));
    assertPlannedAgainstTheCurrentGoal(f, controller, task, events);
    EpisodeOutcome outcome = controller.end(false);
    assertThat(outcome.status()).isEqualTo(EpisodeStatus.COMPLETED);
    assertThat(outcome.steps()).isEqualTo(18);
    assertThat(f.arm.commands()).hasSize(18);
  }

  /** Every energies call of step i used the latent of goal image subgoalIndex(i). */
  private static void assertPlannedAgainstTheCurrentGoal(
      ControllerFixture f, EpisodeController controller, TaskSpec task, List<StepEvent> events) {
    List<Latent> goals = controller.goalCache().latentsFor(task.goalImages());
    List<Latent> seen = f.model.goalsSeen();
    int iterations = f.cem.iterations();
    assertThat(seen).hasSize(events.size() * iterations);
    for (int call = 0; call < seen.size(); call++) {
      int goal = events.get(call / iterations).subgoalIndex();
      assertThat(seen.get(call)).as("energies call %d", call).isSameAs(goals.get(goal));
    }
  }

  @Test
  void theEnergyThresholdSwitchesAsSoonAsTheEnergyFallsBelowIt() {
    ControllerFixture f = new ControllerFixture();
    int iterations = f.cem.iterations();
    // The first two steps see energies raised by 1000; from the third on, the model's own (< 10).
    f.model.setEnergyBias(call -> call < 2 * iterations ? 1000 : 0);
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.energyThreshold(500, 5, 5), 22));

    List<StepEvent> events = ControllerFixture.runToEnd(controller, 20);

    assertThat(events)
        .extracting(StepEvent::subgoalSwitch)
        .containsExactly(
            SubgoalSwitch.NONE,
            SubgoalSwitch.NONE,
            SubgoalSwitch.ENERGY_THRESHOLD,
            SubgoalSwitch.ENERGY_THRESHOLD);
    assertThat(events).extracting(StepEvent::subgoalIndex).containsExactly(0, 0, 0, 1);
    assertThat(events.get(1).energy()).isGreaterThan(500);
    assertThat(events.get(2).energy()).isLessThan(500);
    assertThat(controller.outcome().orElseThrow().status()).isEqualTo(EpisodeStatus.COMPLETED);
  }

  @Test
  void withTheThresholdNeverReachedTheStepLimitsSwitch() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.energyThreshold(0, 2, 3), 23));

    List<StepEvent> events = ControllerFixture.runToEnd(controller, 20);

    assertThat(events)
        .extracting(StepEvent::subgoalSwitch)
        .containsExactly(
            SubgoalSwitch.NONE,
            SubgoalSwitch.STEP_LIMIT,
            SubgoalSwitch.NONE,
            SubgoalSwitch.NONE,
            SubgoalSwitch.STEP_LIMIT);
  }

  @Test
  void goalLatentsAreEncodedOncePerTaskAndReusedAcrossTasks() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    TaskSpec task = ControllerFixture.task(SubgoalSchedule.fixedSteps(2, 2, 2), 24);

    controller.start(task);
    int afterStart = f.model.encodedClips();
    int callsAfterStart = f.model.encodeCalls();
    ControllerFixture.runToEnd(controller, 10);
    int afterEpisode = f.model.encodedClips();
    controller.end(false);
    controller.start(task);
    int afterRestart = f.model.encodedClips();
    controller.end(true);
    TaskSpec oneNewGoal =
        TaskSpec.of(
            "new-goal",
            List.of(task.goalImages().get(0), ControllerFixture.goals(4).get(3)),
            SubgoalSchedule.fixedSteps(1, 1),
            25);
    controller.start(oneNewGoal);

    assertThat(afterStart).isEqualTo(3);
    assertThat(callsAfterStart).as("one batch").isEqualTo(1);
    assertThat(afterEpisode).as("one frame per step only").isEqualTo(3 + 6);
    assertThat(afterRestart).isEqualTo(afterEpisode);
    assertThat(f.model.encodedClips()).isEqualTo(afterEpisode + 1);
    assertThat(controller.goalCache().size()).isEqualTo(4);
  }

  @Test
  void theCallersSuccessCheckEndsTheEpisodeAsSucceeded() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    TaskSpec task =
        new TaskSpec(
            "reach",
            ControllerFixture.goals(1),
            SubgoalSchedule.fixedSteps(10),
            26,
            event -> GoalProgress.measured(event.stepIndex() == 1, 0.5 - 0.1 * event.stepIndex()));
    controller.start(task);

    List<StepEvent> events = ControllerFixture.runToEnd(controller, 20);

    assertThat(events).hasSize(2);
    assertThat(events)
        .extracting(e -> e.goalDistanceM().getAsDouble())
        .as("the check's distance goes into each step's event")
        .containsExactly(0.5, 0.4);
    assertThat(controller.end(false).status()).isEqualTo(EpisodeStatus.SUCCEEDED);
    assertThat(f.arm.stops()).isEqualTo(1);
  }

  @Test
  void aHeldStepReportsTheDistanceButOnlyAMovedStepCanSucceed() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(
        new TaskSpec(
            "already-there",
            ControllerFixture.goals(1),
            SubgoalSchedule.fixedSteps(10),
            28,
            event -> GoalProgress.measured(true, 0.01)));
    long maxAgeNanos = f.config.maxFrameAge().toNanos();

    f.camera.setFrameAgeNanos(maxAgeNanos + 1);
    StepEvent held = controller.step();
    boolean doneAfterHold = controller.isDone();
    f.camera.setFrameAgeNanos(0);
    StepEvent moved = controller.step();

    assertThat(held.hold()).contains(HoldReason.STALE_FRAME);
    assertThat(held.goalDistanceM()).hasValue(0.01);
    assertThat(doneAfterHold).isFalse();
    assertThat(moved.moved()).isTrue();
    assertThat(controller.outcome().orElseThrow().status()).isEqualTo(EpisodeStatus.SUCCEEDED);
    assertThat(controller.outcome().orElseThrow().steps()).isEqualTo(2);
  }

  @Test
  void aRequestedCancelHoldsTheNextStepAndEndsTheEpisodeAsCancelled() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(10), 27));
    controller.step();

    controller.requestCancel();
    StepEvent held = controller.step();

    assertThat(held.hold()).contains(HoldReason.CANCELLED);
    assertThat(f.arm.commands()).hasSize(1);
    assertThat(controller.isDone()).isTrue();
    EpisodeOutcome outcome = controller.end(true);
    assertThat(outcome.status()).isEqualTo(EpisodeStatus.CANCELLED);
    assertThat(outcome.reason()).contains("cancel requested");
    // Once when the cancel took effect, once more by end().
    assertThat(f.arm.stops()).isEqualTo(2);
  }
}
