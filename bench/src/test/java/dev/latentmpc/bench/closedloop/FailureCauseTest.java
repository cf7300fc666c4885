package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.simharness.task.SimTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The failure causes on synthetic steps: held flags per step and the goal each step planned. */
class FailureCauseTest {

  private static final EpisodePlan PICK_AND_PLACE =
      EpisodePlan.modelOnly(BenchSchedule.fixed(2, 2, 2));
  private static final EpisodePlan SCRIPTED =
      EpisodePlan.scripted(SimTask.PICK_AND_PLACE, BenchSchedule.fixed(2, 2, 2));

  /** One step per entry: its goal index and whether the object was held after it (-1 unknown). */
  private static List<StepSample> steps(int[] goals, int[] held) {
    List<StepSample> out = new ArrayList<>();
    for (int i = 0; i < goals.length; i++) {
      StepSample.Xyz object = held[i] < 0 ? StepSample.Xyz.UNKNOWN : StepSample.Xyz.ZERO;
      out.add(
          new StepSample(
              i + 1,
              goals[i],
              0.1,
              0.5,
              0.1,
              true,
              0,
              0,
              StepSample.Xyz.ZERO,
              StepSample.Xyz.ZERO,
              held[i],
              object));
    }
    return out;
  }

  private static Optional<FailureCause> cause(
      SimTask task, String status, EpisodePlan plan, int[] goals, int[] held) {
    return FailureCause.of(
        new EpisodeResult(task, 0, 1, status, "", 0.3, steps(goals, held), 1.0, plan));
  }

  private static Optional<FailureCause> pickAndPlace(int[] held) {
    return cause(
        SimTask.PICK_AND_PLACE, "completed", PICK_AND_PLACE, new int[] {0, 0, 1, 1, 2, 2}, held);
  }

  @Test
  void successesHaveNoCauseAndFaultsAreFaults() {
    assertThat(pickAndPlace(new int[] {0, 1, 1, 1, 1, 0})).isPresent();
    assertThat(
            cause(
                SimTask.PICK_AND_PLACE, "succeeded", PICK_AND_PLACE, new int[] {0}, new int[] {0}))
        .isEmpty();
    assertThat(cause(SimTask.GRASP, "failed", PICK_AND_PLACE, new int[] {0}, new int[] {0}))
        .contains(FailureCause.FAULT);
    assertThat(cause(SimTask.GRASP, "cancelled", PICK_AND_PLACE, new int[] {0}, new int[] {0}))
        .contains(FailureCause.FAULT);
  }

  @Test
  void pickAndPlaceFailuresByWhenTheObjectWasLastReleased() {
    assertThat(pickAndPlace(new int[] {0, 0, 0, 0, 0, 0})).contains(FailureCause.NEVER_GRASPED);
    // Grasped at step 2, released during the carry (goal 1).
    assertThat(pickAndPlace(new int[] {0, 1, 1, 0, 0, 0})).contains(FailureCause.DROPPED_IN_CARRY);
    // Grasped and released during the grasp goal itself: still before placing.
    assertThat(pickAndPlace(new int[] {1, 0, 0, 0, 0, 0})).contains(FailureCause.DROPPED_IN_CARRY);
    // Released by a step towards the placing image: placed, but off the target.
    assertThat(pickAndPlace(new int[] {0, 1, 1, 1, 0, 0})).contains(FailureCause.PLACED_OFF_TARGET);
    // Dropped, grasped again and released while placing: the last release counts.
    assertThat(pickAndPlace(new int[] {1, 0, 1, 1, 1, 0})).contains(FailureCause.PLACED_OFF_TARGET);
    // Still held when the moves ran out.
    assertThat(pickAndPlace(new int[] {0, 1, 1, 1, 1, 1})).contains(FailureCause.TIMED_OUT);
  }

  @Test
  void scriptedRowsJudgeByGoalImageNotGoalIndex() {
    // Scripted 2/2/2: goals [grasp open, grasp close, carry, place closed, place open] show
    // images [0, 0, 1, 2, 2]; a release at goal 4 is a placement, at goal 2 a drop.
    int[] goals = {0, 1, 2, 2, 3, 4};
    assertThat(SCRIPTED.goalImages()).containsExactly(0, 0, 1, 2, 2);
    assertThat(
            cause(
                SimTask.PICK_AND_PLACE, "completed", SCRIPTED, goals, new int[] {0, 1, 1, 1, 1, 0}))
        .contains(FailureCause.PLACED_OFF_TARGET);
    assertThat(
            cause(
                SimTask.PICK_AND_PLACE, "completed", SCRIPTED, goals, new int[] {0, 1, 0, 0, 0, 0}))
        .contains(FailureCause.DROPPED_IN_CARRY);
  }

  @Test
  void theSingleGoalTasks() {
    EpisodePlan one = EpisodePlan.modelOnly(BenchSchedule.fixed(3));
    int[] goals = {0, 0, 0};
    assertThat(cause(SimTask.REACH, "completed", one, goals, new int[] {-1, -1, -1}))
        .as("reach needs no ground truth")
        .contains(FailureCause.TIMED_OUT);
    assertThat(cause(SimTask.GRASP, "completed", one, goals, new int[] {0, 0, 0}))
        .contains(FailureCause.NEVER_GRASPED);
    assertThat(cause(SimTask.REACH_WITH_OBJECT, "completed", one, goals, new int[] {1, 0, 0}))
        .contains(FailureCause.DROPPED_IN_CARRY);
    assertThat(cause(SimTask.REACH_WITH_OBJECT, "completed", one, goals, new int[] {1, 1, 1}))
        .contains(FailureCause.TIMED_OUT);
    assertThat(cause(SimTask.REACH_WITH_OBJECT, "completed", one, goals, new int[] {1, -1, 1}))
        .contains(FailureCause.UNKNOWN);
  }
}
