package dev.latentmpc.simharness.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.loop.GoalProgress;
import dev.latentmpc.controller.loop.HoldReason;
import dev.latentmpc.controller.loop.PhaseLatencies;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.controller.loop.StepStamp;
import dev.latentmpc.controller.task.TaskKind;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EpisodeSceneTest {

  /** The sim's checks read the world, not the event; any well-formed event will do. */
  private static final StepEvent ANY_STEP =
      StepEvent.held(
          new StepStamp(
              "t",
              0,
              0,
              new ArmState(0.5, 0, 0.3, Math.PI, 0, 0, 0, 0),
              0,
              0,
              0,
              new PhaseLatencies(0, 0, 0, 0, 0)),
          HoldReason.NO_PLAN,
          Optional.empty(),
          Optional.empty());

  @Test
  void judgesATaskOfTheEpisodesKindOnTheWorldAsItIsAfterTheStep() {
    for (SimTask t : SimTask.values()) {
      Episode e = Episode.create(t, 11);
      EpisodeScene scene = EpisodeScene.start(e);
      var check = scene.successCheck(controllerKind(t)).orElseThrow();

      GoalProgress atStart = check.assess(ANY_STEP);
      List<SimWorld> goals = e.goalWorlds();
      scene.world().restore(goals.get(goals.size() - 1));
      GoalProgress atGoal = check.assess(ANY_STEP);

      assertThat(atStart.succeeded()).as("%s at start", t).isFalse();
      assertThat(atStart.distanceM().getAsDouble())
          .as("%s start distance", t)
          .isEqualTo(e.distanceM(e.startWorld()))
          .isPositive();
      assertThat(atGoal.succeeded()).as("%s at its final goal", t).isTrue();
      assertThat(atGoal.distanceM().getAsDouble()).isLessThan(atStart.distanceM().getAsDouble());
    }
  }

  @Test
  void hasNoCheckForAnotherKindOfTask() {
    EpisodeScene scene = EpisodeScene.start(Episode.create(SimTask.GRASP, 3));

    assertThat(scene.successCheck(TaskKind.REACH)).isEmpty();
    assertThat(scene.successCheck(TaskKind.GRASP)).isPresent();
  }

  @Test
  void resetPutsTheSharedWorldAtTheNextEpisodesStart() {
    EpisodeScene scene = EpisodeScene.start(Episode.create(SimTask.REACH, 1));
    SimWorld shared = scene.world();
    shared.restore(scene.episode().goalWorlds().get(0));
    Episode next = Episode.create(SimTask.PICK_AND_PLACE, 2);

    scene.reset(next);

    assertThat(scene.world()).isSameAs(shared);
    assertThat(scene.episode()).isEqualTo(next);
    assertThat(shared.state().positionM().minus(next.start().positionM()).norm())
        .isCloseTo(0, within(1e-9));
    assertThat(scene.distanceM()).isEqualTo(next.distanceM(next.startWorld()));
    assertThat(scene.isSuccess()).isFalse();
    assertThat(scene.successCheck(TaskKind.PICK_AND_PLACE)).isPresent();
  }

  private static TaskKind controllerKind(SimTask t) {
    return TaskKind.valueOf(t.name());
  }
}
