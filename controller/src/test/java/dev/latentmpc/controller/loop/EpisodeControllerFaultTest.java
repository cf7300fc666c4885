package dev.latentmpc.controller.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.worldmodel.InferenceException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Faults stop the arm and fail the episode; {@code end} always stops the arm. */
class EpisodeControllerFaultTest {

  static Stream<Arguments> faults() {
    return Stream.of(
        fault(
            "arm unavailable",
            f -> f.arm.failMovesWith(new ArmUnavailableException("bridge down"))),
        fault("move timed out", f -> f.arm.failMovesWith(new TimeoutException("too slow"))),
        fault(
            "camera unavailable",
            f -> f.camera.failWith(new CameraUnavailableException("unplugged"))),
        fault(
            "step error (InferenceException)",
            f -> f.model.failEnergiesWith(new InferenceException("device lost", null))),
        fault(
            "step error (IllegalStateException)",
            f -> f.model.failEncodeWith(new IllegalStateException("closed"))));
  }

  private static Arguments fault(String reason, Consumer<ControllerFixture> inject) {
    return Arguments.of(reason, inject);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void aFaultStopsTheArmFailsTheEpisodeAndEndStillStopsIt(
      String reason, Consumer<ControllerFixture> inject) {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(5), 31));
    controller.step();
    inject.accept(f);

    EpisodeFailedException failure =
        catchThrowableOfType(EpisodeFailedException.class, controller::step);

    assertThat(failure.outcome().status()).isEqualTo(EpisodeStatus.FAILED);
    assertThat(failure.outcome().reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith(reason));
    assertThat(f.arm.stops()).isEqualTo(1);
    assertThat(controller.isDone()).isTrue();
    EpisodeOutcome outcome = controller.end(true);
    assertThat(f.arm.stops()).isEqualTo(2);
    assertThat(outcome).isEqualTo(failure.outcome());
    assertThat(f.arm.commands()).hasSize(1);
    assertThat(controller.activeTaskId()).isEmpty();
  }

  @Test
  void endReportsAStopThatFailedInsteadOfThrowing() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(5), 32));
    controller.step();
    f.arm.failStopsWith(new ArmUnavailableException("bridge gone"));

    EpisodeOutcome outcome = controller.end(true);

    assertThat(outcome.status()).isEqualTo(EpisodeStatus.FAILED);
    assertThat(outcome.reason())
        .hasValueSatisfying(
            r -> assertThat(r).contains("stopping the arm failed: bridge gone", "CANCELLED"));
    assertThat(f.arm.stops()).isEqualTo(1);
  }

  @Test
  void endingMidEpisodeCancelsAndStopsAndEndingWhenIdleStillStops() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(5), 33));
    controller.step();

    EpisodeOutcome interrupted = controller.end(true);
    controller.end(false);

    assertThat(interrupted.status()).isEqualTo(EpisodeStatus.CANCELLED);
    assertThat(interrupted.reason()).contains("interrupted");
    assertThat(interrupted.steps()).isEqualTo(1);
    assertThat(f.arm.stops()).isEqualTo(2);
    assertThat(controller.outcome()).contains(interrupted);
  }

  @Test
  void oneEpisodeAtATime() {
    ControllerFixture f = new ControllerFixture();
    EpisodeController controller = f.controller();
    TaskSpec task = ControllerFixture.task(SubgoalSchedule.fixedSteps(1), 34);

    assertThatIllegalStateException()
        .isThrownBy(controller::step)
        .withMessageContaining("no episode");
    controller.start(task);
    assertThatIllegalStateException()
        .isThrownBy(() -> controller.start(task))
        .withMessageContaining("'task-34' is still active");
    controller.step();
    assertThatIllegalStateException()
        .isThrownBy(controller::step)
        .withMessageContaining("call end()");
    controller.end(false);
    controller.start(task);
    assertThat(controller.activeTaskId()).contains("task-34");
  }

  @Test
  void aPlannerHorizonWithoutAnEnergyGraphIsRefusedAtStart() {
    ControllerFixture f = new ControllerFixture();
    f.cem = f.cem.toBuilder().horizon(2).build();
    EpisodeController controller = f.controller();

    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> controller.start(ControllerFixture.task(SubgoalSchedule.fixedSteps(1), 35)))
        .withMessageContaining("exported horizons: [1]");
    assertThat(controller.activeTaskId()).isEmpty();
  }
}
