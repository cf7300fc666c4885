package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.simharness.task.SimTask;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BenchSchedulesTest {
  @Test
  void defaultsGivePickAndPlaceThePapersScheduleAndOverridesReplaceOneTaskEach() {
    Map<SimTask, BenchSchedule> s =
        BenchSchedules.withOverrides(Map.of("reach", "7", "pick_and_place", "8/10/4"));

    assertThat(s.get(SimTask.REACH).movesPerImage()).containsExactly(7);
    assertThat(s.get(SimTask.GRASP).movesPerImage()).containsExactly(25);
    assertThat(s.get(SimTask.REACH_WITH_OBJECT).movesPerImage()).containsExactly(30);
    assertThat(s.get(SimTask.PICK_AND_PLACE).label()).isEqualTo("8/10/4");
    assertThat(BenchSchedules.DEFAULTS.get(SimTask.PICK_AND_PLACE)).containsExactly(4, 10, 4);
  }

  @Test
  void anEnergyThresholdPrefixMakesTheMovesLimits() {
    BenchSchedule s =
        BenchSchedules.withOverrides(Map.of("pick-and-place", "energy=0.3:12/12/6"))
            .get(SimTask.PICK_AND_PLACE);

    assertThat(s.movesPerImage()).containsExactly(12, 12, 6);
    assertThat(s.energyThreshold()).isEqualTo(OptionalDouble.of(0.3));
    assertThat(s.label()).isEqualTo("energy=0.3:12/12/6");
    assertThat(BenchSchedule.parse("--x", SimTask.PICK_AND_PLACE, s.label())).isEqualTo(s);
  }

  @Test
  void refusesTheWrongNumberOfGoalsAndMovesOutOfRange() {
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("grasp", "3/3")))
        .hasMessageContaining("grasp takes 1 move count(s), got '3/3' (e.g. grasp=20 or");
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("pick-and-place", "4/x/4")))
        .hasMessageContaining("moves must be whole numbers in [1, 1000], got 'x'");
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("reach", "1001")))
        .hasMessageContaining("got '1001'");
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("reach", "energy=0:20")))
        .hasMessageContaining("needs a threshold > 0");
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("juggle", "1")))
        .hasMessageContaining("unknown task 'juggle'");
  }
}
