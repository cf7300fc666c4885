package dev.latentmpc.simharness.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimTaskTest {
  @Test
  void parsesTheCliNames() {
    assertThat(SimTask.parse("reach")).isEqualTo(SimTask.REACH);
    assertThat(SimTask.parse("grasp")).isEqualTo(SimTask.GRASP);
    assertThat(SimTask.parse("reach-with-object")).isEqualTo(SimTask.REACH_WITH_OBJECT);
    assertThat(SimTask.parse(" Pick_And_Place ")).isEqualTo(SimTask.PICK_AND_PLACE);
    for (SimTask t : SimTask.values()) {
      assertThat(SimTask.parse(t.cliName())).isEqualTo(t);
    }
  }

  @Test
  void unknownNamesListTheValidOnes() {
    assertThatThrownBy(() -> SimTask.parse("push"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'push'")
        .hasMessageContaining("reach, grasp, reach-with-object, pick-and-place");
    assertThatThrownBy(() -> SimTask.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
