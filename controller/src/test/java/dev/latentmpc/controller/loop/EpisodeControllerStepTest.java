package dev.latentmpc.controller.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.safety.EnvelopeConfig;
import dev.latentmpc.controller.safety.EnvelopeOutcome;
import dev.latentmpc.controller.safety.RejectionReason;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one step reads, plans and sends, on the real untrained model. */
class EpisodeControllerStepTest {

  @Test
  void aStepIssuesExactlyOneMoveWithTheEnvelopeBoundedCommand() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(5), 1));

    StepEvent event = controller.step();

    assertThat(f.arm.commands()).containsExactly(event.command());
    SafetyEnvelope envelope = new SafetyEnvelope(f.envelopeConfig);
    assertThat(envelope.apply(event.armStateBefore(), event.plannedAction()).command())
        .isEqualTo(event.command());
    assertThat(envelope.admits(event.armStateBefore(), event.command())).isTrue();
    assertThat(event.moved()).isTrue();
    assertThat(event.envelope()).isPresent();
    assertThat(event.energy()).isFinite().isPositive();
    assertThat(event.planIterations()).isEqualTo(3);
    assertThat(event.planIterationNanos()).hasSize(3);
    assertThat(event.stepIndex()).isZero();
    assertThat(event.subgoalIndex()).isZero();
    assertThat(event.armStateAfter().xM())
        .isEqualTo(event.armStateBefore().xM() + event.command().dxM());
    assertThat(event.command().dRollRad()).isZero();
  }

  @Test
  void theSnapshotIsReadOncePerStep() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(10), 2));

    List<StepEvent> events = List.of(controller.step(), controller.step(), controller.step());

    assertThat(f.camera.latestCalls()).isEqualTo(3);
    assertThat(f.arm.reads()).isEqualTo(3);
    assertThat(events).extracting(StepEvent::frameSequence).containsExactly(0L, 1L, 2L);
    assertThat(events).extracting(StepEvent::stepIndex).containsExactly(0, 1, 2);
    // One camera-frame encode per step on top of the one batch of goals.
    assertThat(f.model.encodedClips()).isEqualTo(1 + 3);
    assertThat(events.get(1).armStateBefore()).isEqualTo(events.get(0).armStateAfter());
  }

  @Test
  void phaseLatenciesComeFromTheInjectedClockAndAddUp() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(5), 3));
    f.clock.tickPerRead(1_000);

    PhaseLatencies latencies = controller.step().latencies();

    assertThat(latencies.cameraNanos()).isPositive();
    assertThat(latencies.encodeNanos()).isPositive();
    assertThat(latencies.planNanos()).isPositive();
    assertThat(latencies.executeNanos()).isPositive();
    assertThat(latencies.totalNanos())
        .isEqualTo(
            latencies.cameraNanos()
                + latencies.encodeNanos()
                + latencies.planNanos()
                + latencies.executeNanos());
  }

  @Test
  void aTightEnvelopeClampsEveryCommandAndSaysSo() {
    ControllerFixture f = new ControllerFixture();
    f.envelopeConfig =
        EnvelopeConfig.builder().maxStepAxisM(0.002).maxStepL1M(0.004).stateToleranceM(0).build();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(6), 4));

    List<StepEvent> events = ControllerFixture.runToEnd(controller, 10);

    SafetyEnvelope envelope = new SafetyEnvelope(f.envelopeConfig);
    assertThat(events)
        .hasSize(6)
        .allSatisfy(e -> assertThat(envelope.admits(e.armStateBefore(), e.command())).isTrue());
    assertThat(events)
        .filteredOn(e -> e.envelope().orElseThrow().outcome() == EnvelopeOutcome.CLAMPED)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.clamped()).isTrue());
    assertThat(f.arm.commands()).hasSize(6);
  }

  @Test
  void aStaleFrameHoldsWithoutMovingOrCountingAgainstTheSchedule() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(2), 5));
    long maxAgeNanos = f.config.maxFrameAge().toNanos();

    f.camera.setFrameAgeNanos(maxAgeNanos + 1);
    StepEvent stale = controller.step();
    f.camera.setFrameAgeNanos(maxAgeNanos);
    StepEvent fresh = controller.step();
    StepEvent last = controller.step();

    assertThat(stale.hold()).contains(HoldReason.STALE_FRAME);
    assertThat(stale.command()).isEqualTo(Delta.ZERO);
    assertThat(stale.frameAgeNanos()).isEqualTo(maxAgeNanos + 1);
    assertThat(stale.energy()).isNaN();
    assertThat(stale.armStateAfter()).isEqualTo(stale.armStateBefore());
    assertThat(fresh.moved()).isTrue();
    assertThat(f.arm.commands()).containsExactly(fresh.command(), last.command());
    assertThat(f.model.encodedClips()).isEqualTo(1 + 2);
    assertThat(controller.isDone()).isTrue();
    assertThat(controller.outcome().orElseThrow().status()).isEqualTo(EpisodeStatus.COMPLETED);
  }

  @Test
  void tooManyStaleFramesInARowFailTheEpisodeAndStopTheArm() {
    ControllerFixture f = new ControllerFixture();
    f.config = f.config.toBuilder().maxConsecutiveHolds(3).build();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(5), 6));
    f.camera.setCaptureTimeNanos(0);

    List<StepEvent> events = ControllerFixture.runToEnd(controller, 10);

    assertThat(events)
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.hold()).contains(HoldReason.STALE_FRAME));
    assertThat(f.arm.commands()).isEmpty();
    assertThat(f.arm.stops()).isEqualTo(1);
    EpisodeOutcome outcome = controller.outcome().orElseThrow();
    assertThat(outcome.status()).isEqualTo(EpisodeStatus.FAILED);
    assertThat(outcome.reason())
        .hasValueSatisfying(r -> assertThat(r).contains("3 steps in a row held"));
  }

  @Test
  void aPlanThatMissesItsDeadlineHolds() {
    ControllerFixture f = new ControllerFixture();
    f.config = f.config.toBuilder().planningBudget(Duration.ofNanos(1)).build();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(5), 7));
    f.clock.tickPerRead(1_000);

    StepEvent event = controller.step();

    assertThat(event.hold()).contains(HoldReason.NO_PLAN);
    assertThat(event.planIterations()).isZero();
    assertThat(f.arm.commands()).isEmpty();
  }

  @Test
  void anArmOutsideTheWorkspaceIsNeverMovedAndTheEpisodeFails() {
    ControllerFixture f = new ControllerFixture().armAt(1.0, 0, 0.3, Math.PI, 0, 0, 0);
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(5), 8));

    StepEvent event = controller.step();

    assertThat(event.hold()).contains(HoldReason.ENVELOPE_REJECTED);
    assertThat(event.envelope().orElseThrow().rejection())
        .contains(RejectionReason.STATE_OUTSIDE_WORKSPACE);
    assertThat(f.arm.commands()).isEmpty();
    assertThat(f.arm.stops()).isEqualTo(1);
    assertThat(f.model.encodedClips()).as("no frame encoded").isEqualTo(1);
    assertThat(controller.isDone()).isTrue();
    EpisodeOutcome outcome = controller.outcome().orElseThrow();
    assertThat(outcome.status()).isEqualTo(EpisodeStatus.FAILED);
    assertThat(outcome.reason())
        .hasValueSatisfying(r -> assertThat(r).contains("arm x = 1.0000 m"));
  }

  @Test
  void theSameSeedGivesTheSameActionsAndAnotherSeedDoesNot() {
    List<Delta> first = commands(11);
    List<Delta> again = commands(11);
    List<Delta> other = commands(12);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  private static List<Delta> commands(long seed) {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(2, 3), seed));
    ControllerFixture.runToEnd(controller, 10);
    controller.end(false);
    return f.arm.commands();
  }
}
