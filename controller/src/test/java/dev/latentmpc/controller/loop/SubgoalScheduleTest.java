package dev.latentmpc.controller.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SubgoalScheduleTest {

  private static List<ScheduleCursor> run(SubgoalSchedule schedule, double... energies) {
    List<ScheduleCursor> cursors = new ArrayList<>();
    ScheduleCursor cursor = schedule.start();
    for (double energy : energies) {
      cursor = schedule.advance(cursor, energy);
      cursors.add(cursor);
      if (cursor.finished()) {
        break;
      }
    }
    return cursors;
  }

  @Test
  void pickAndPlaceIs4Then10Then4() {
    SubgoalSchedule schedule = SubgoalSchedule.pickAndPlace();

    List<ScheduleCursor> cursors = run(schedule, new double[30]);

    assertThat(schedule.maxStepsPerGoal()).containsExactly(4, 10, 4);
    assertThat(schedule.maxTotalSteps()).isEqualTo(18);
    assertThat(cursors).hasSize(18);
    assertThat(cursors.get(3)).isEqualTo(new ScheduleCursor(1, 0, false, SubgoalSwitch.STEP_LIMIT));
    assertThat(cursors.get(13))
        .isEqualTo(new ScheduleCursor(2, 0, false, SubgoalSwitch.STEP_LIMIT));
    assertThat(cursors.get(17)).isEqualTo(new ScheduleCursor(2, 4, true, SubgoalSwitch.STEP_LIMIT));
  }

  @Test
  void theEnergyThresholdSwitchesEarlyAndNaNNeverSwitches() {
    SubgoalSchedule schedule = SubgoalSchedule.energyThreshold(0.5, 5, 5);

    List<ScheduleCursor> cursors = run(schedule, 0.9, Double.NaN, 0.4, 0.7, 0.49);

    assertThat(cursors)
        .extracting(ScheduleCursor::lastSwitch)
        .containsExactly(
            SubgoalSwitch.NONE,
            SubgoalSwitch.NONE,
            SubgoalSwitch.ENERGY_THRESHOLD,
            SubgoalSwitch.NONE,
            SubgoalSwitch.ENERGY_THRESHOLD);
    assertThat(cursors.get(4).finished()).isTrue();
  }

  @Test
  void theStepLimitStillAppliesWithAThreshold() {
    List<ScheduleCursor> cursors = run(SubgoalSchedule.energyThreshold(0.1, 2), 1, 1);

    assertThat(cursors.get(1).lastSwitch()).isEqualTo(SubgoalSwitch.STEP_LIMIT);
    assertThat(cursors.get(1).finished()).isTrue();
  }

  @Test
  void aFinishedScheduleCannotAdvance() {
    SubgoalSchedule schedule = SubgoalSchedule.fixedSteps(1);
    ScheduleCursor done = schedule.advance(schedule.start(), 0);

    assertThatIllegalStateException().isThrownBy(() -> schedule.advance(done, 0));
  }

  @Test
  void invalidSchedulesAreRefusedWithEveryProblem() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SubgoalSchedule(List.of(0, -1), OptionalDouble.of(Double.NaN)))
        .withMessageContainingAll("goal 0", "goal 1", "energy threshold must be finite");
    assertThatIllegalArgumentException()
        .isThrownBy(SubgoalSchedule::fixedSteps)
        .withMessageContaining("at least one goal");
  }

  @Test
  void aTaskNeedsOneGoalImagePerScheduledGoal() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> TaskSpec.of("t", ControllerFixture.goals(2), SubgoalSchedule.pickAndPlace(), 1))
        .withMessageContaining("the schedule has 3 goals but 2 goal images were given");
  }
}
