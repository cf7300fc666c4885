package dev.latentmpc.bench.closedloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.simharness.task.SimTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSchedulesTest {
  @Test
  void defaultsGivePickAndPlaceThePapersScheduleAndOverridesReplaceOneTaskEach() {
    Map<SimTask, List<Integer>> s =
        BenchSchedules.withOverrides(Map.of("reach", "7", "pick_and_place", "8/10/4"));

    assertThat(s.get(SimTask.REACH)).containsExactly(7);
    assertThat(s.get(SimTask.GRASP)).containsExactly(25);
    assertThat(s.get(SimTask.REACH_WITH_OBJECT)).containsExactly(30);
    assertThat(s.get(SimTask.PICK_AND_PLACE)).containsExactly(8, 10, 4);
    assertThat(BenchSchedules.DEFAULTS.get(SimTask.PICK_AND_PLACE)).containsExactly(4, 10, 4);
  }

  @Test
  void refusesTheWrongNumberOfGoalsAndMovesOutOfRange() {
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("grasp", "3/3")))
        .hasMessageContaining("grasp takes one number, got '3/3'");
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("pick-and-place", "4/x/4")))
        .hasMessageContaining("moves must be in [1, 1000], got 'x'");
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("reach", "1001")))
        .hasMessageContaining("got '1001'");
    assertThatThrownBy(() -> BenchSchedules.withOverrides(Map.of("juggle", "1")))
        .hasMessageContaining("unknown task 'juggle'");
  }
}
