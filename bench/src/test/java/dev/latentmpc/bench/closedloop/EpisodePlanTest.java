package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.proto.control.v1.SamplingHooks;
import dev.latentmpc.simharness.task.SimTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows' task requests: model-only as given, scripted split around the gripper's moves. */
class EpisodePlanTest {

  private static final SamplingHooks KEEP = SamplingHooks.newBuilder().setPinDgripper(0).build();
  private static final SamplingHooks CLOSE =
      SamplingHooks.newBuilder().setCloseGripperFromStep(0).build();

  @Test
  void modelOnlySendsEachImageOnceWithItsMovesAndNoHooks() {
    EpisodePlan p = EpisodePlan.modelOnly(BenchSchedule.fixed(4, 10, 4));

    assertThat(p.goalImages()).containsExactly(0, 1, 2);
    assertThat(p.stepsPerGoal()).containsExactly(4, 10, 4);
    assertThat(p.planner().getSubgoalSamplingCount()).isZero();
    assertThat(p.label()).isEqualTo("model 4/10/4");
  }

  @Test
  void scriptedPickAndPlaceKeepsThePapersMovesAndScriptsTheGripper() {
    EpisodePlan p = EpisodePlan.scripted(SimTask.PICK_AND_PLACE, BenchSchedule.fixed(4, 10, 4));

    assertThat(p.goalImages()).containsExactly(0, 0, 1, 2, 2);
    assertThat(p.stepsPerGoal()).containsExactly(3, 1, 10, 3, 1);
    assertThat(p.stepsPerGoal().stream().mapToInt(Integer::intValue).sum()).isEqualTo(18);
    assertThat(p.planner().getSubgoalSamplingList())
        .containsExactly(
            KEEP, CLOSE, CLOSE, CLOSE, SamplingHooks.newBuilder().setPinDgripper(-0.75).build());
  }

  @Test
  void scriptedSingleGoalTasks() {
    EpisodePlan grasp = EpisodePlan.scripted(SimTask.GRASP, BenchSchedule.fixed(25));
    assertThat(grasp.stepsPerGoal()).containsExactly(24, 1);
    assertThat(grasp.planner().getSubgoalSamplingList()).containsExactly(KEEP, CLOSE);
    assertThat(
            EpisodePlan.scripted(SimTask.REACH_WITH_OBJECT, BenchSchedule.fixed(30))
                .planner()
                .getSubgoalSamplingList())
        .containsExactly(CLOSE);
    assertThat(
            EpisodePlan.scripted(SimTask.REACH, BenchSchedule.fixed(20))
                .planner()
                .getSubgoalSamplingList())
        .containsExactly(KEEP);
    assertThatThrownBy(() -> EpisodePlan.scripted(SimTask.GRASP, BenchSchedule.fixed(1)))
        .hasMessageContaining("at least 2 moves");
  }

  @Test
  void anOperatorsHooksGoOnTopPerImage() {
    SamplingHooks narrow = SamplingHooks.newBuilder().setInitialStdGripper(0.2).build();
    EpisodePlan model =
        EpisodePlan.modelOnly(BenchSchedule.fixed(4, 10, 4))
            .withSampling(SamplingHooks.getDefaultInstance(), Map.of(1, narrow));
    assertThat(model.planner().getSubgoalSamplingList())
        .containsExactly(
            SamplingHooks.getDefaultInstance(), narrow, SamplingHooks.getDefaultInstance());

    EpisodePlan scripted =
        EpisodePlan.scripted(SimTask.PICK_AND_PLACE, BenchSchedule.fixed(4, 10, 4))
            .withSampling(SamplingHooks.getDefaultInstance(), Map.of(0, narrow));
    assertThat(scripted.planner().getSubgoalSampling(0))
        .isEqualTo(KEEP.toBuilder().setInitialStdGripper(0.2).build());
    assertThat(scripted.planner().getSubgoalSampling(2)).isEqualTo(CLOSE);
  }

  @Test
  void rowsFromTheOptions() {
    List<BenchRows.Row> rows =
        BenchRows.of(
            List.of(SimTask.PICK_AND_PLACE),
            BenchSchedules.withOverrides(Map.of()),
            BenchRows.extra("--also", List.of("pick-and-place=energy=0.3:12/12/6")),
            List.of("model", "scripted"),
            BenchRows.Sampling.parse(
                List.of("gripper-std=0.5"), List.of("pick-and-place:1:gripper-std=0.2")));

    assertThat(rows)
        .extracting(r -> r.plan().label())
        .containsExactly(
            "model 4/10/4",
            "scripted 4/10/4",
            "model energy=0.3:12/12/6",
            "scripted energy=0.3:12/12/6");
    assertThat(rows.get(0).plan().planner().getSampling().getInitialStdGripper()).isEqualTo(0.5);
    assertThat(rows.get(0).plan().planner().getSubgoalSampling(1).getInitialStdGripper())
        .isEqualTo(0.2);
    assertThatThrownBy(() ->
            BenchRows.of(
                List.of(SimTask.REACH),
                BenchSchedules.withOverrides(Map.of()),
                Map.of(),
                List.of("robot"),
                BenchRows.Sampling.NONE))
        .hasMessageContaining("--gripper takes model and/or scripted");
    assertThatThrownBy(() -> BenchRows.Sampling.parse(List.of(), List.of("pick-and-place:3:x=1")))
        .hasMessageContaining("give TASK:IMAGE:KEY=VALUE");
    assertThatThrownBy(() -> BenchRows.extra("--also", List.of("12/12/6")))
        .hasMessageContaining("give TASK=SCHEDULE");
  }
}
