package dev.latentmpc.simharness.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskKindTest {
  @Test
  void parsesTheCliNames() {
    assertThat(TaskKind.parse("reach")).isEqualTo(TaskKind.REACH);
    assertThat(TaskKind.parse("grasp")).isEqualTo(TaskKind.GRASP);
    assertThat(TaskKind.parse("reach-with-object")).isEqualTo(TaskKind.REACH_WITH_OBJECT);
    assertThat(TaskKind.parse(" Pick_And_Place ")).isEqualTo(TaskKind.PICK_AND_PLACE);
    for (TaskKind t : TaskKind.values()) {
      assertThat(TaskKind.parse(t.cliName())).isEqualTo(t);
    }
  }

  @Test
  void unknownNamesListTheValidOnes() {
    assertThatThrownBy(() -> TaskKind.parse("push"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'push'")
        .hasMessageContaining("reach, grasp, reach-with-object, pick-and-place");
    assertThatThrownBy(() -> TaskKind.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
