package dev.latentmpc.deploy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.proto.control.v1.SamplingHooks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command-line form of the sampling hooks: what parses, what is refused and how. */
class SamplingSpecTest {

  @Test
  void everyKeyParsesToItsField() {
    SamplingHooks hooks =
        SamplingSpec.parse(
            "--sampling",
            "gripper-std=0.3, pin-dx=0.01,pin-dy=-0.02,PIN-DZ=0,pin-dgripper=-0.75,close-from=2");

    assertThat(hooks)
        .isEqualTo(
            SamplingHooks.newBuilder()
                .setInitialStdGripper(0.3)
                .setPinDxM(0.01)
                .setPinDyM(-0.02)
                .setPinDzM(0)
                .setPinDgripper(-0.75)
                .setCloseGripperFromStep(2)
                .build());
    assertThat(SamplingSpec.describe(hooks))
        .isEqualTo(
            "gripper-std=0.3,pin-dx=0.01,pin-dy=-0.02,pin-dz=0,pin-dgripper=-0.75,close-from=2");
    assertThat(SamplingSpec.parse("--sampling", SamplingSpec.describe(hooks))).isEqualTo(hooks);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gripper-std | 'gripper-std' is not KEY=VALUE",
        "spread=1 | 'spread=1' is not KEY=VALUE with KEY one of [gripper-std,",
        "pin-dz=0,pin-dz=0.01 | pin-dz is given twice",
        "pin-dx=NaN | pin-dx takes a finite number, got 'NaN'",
        "pin-dx=1cm | pin-dx takes a finite number, got '1cm'",
        "close-from=-1 | close-from takes a horizon step >= 0, got '-1'",
        "close-from=0.5 | close-from takes a horizon step >= 0, got '0.5'",
        "'' | '' is not KEY=VALUE",
      })
  void malformedListsAreRefusedWithTheFormToUse(String spec, String message) {
    assertThatThrownBy(() -> SamplingSpec.parse("--sampling", spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--sampling '" + spec + "': ")
        .hasMessageContaining(message)
        .hasMessageEndingWith("(e.g. gripper-std=0.3,pin-dz=0,close-from=0)");
  }

  @Test
  void perGoalEntriesFillEveryGoalInOrder() {
    List<SamplingHooks> hooks =
        SamplingSpec.perGoal(
            "--goal-sampling", List.of("2:pin-dgripper=-0.75", "0:pin-dgripper=0"), 3);

    assertThat(hooks)
        .containsExactly(
            SamplingHooks.newBuilder().setPinDgripper(0).build(),
            SamplingHooks.getDefaultInstance(),
            SamplingHooks.newBuilder().setPinDgripper(-0.75).build());
    assertThat(SamplingSpec.perGoal("--goal-sampling", List.of(), 3)).isEmpty();
  }

  @Test
  void perGoalEntriesNeedAKnownGoalOnce() {
    assertThatThrownBy(() -> SamplingSpec.perGoal("--goal-sampling", List.of("3:close-from=0"), 3))
        .hasMessage(
            "--goal-sampling '3:close-from=0': start with the goal's 0-based index in [0, 2] and a"
                + " colon, e.g. 1:close-from=0");
    assertThatThrownBy(() -> SamplingSpec.perGoal("--goal-sampling", List.of("close-from=0"), 1))
        .hasMessageContaining("start with the goal's 0-based index in [0, 0]");
    assertThatThrownBy(
            () -> SamplingSpec.perGoal("--goal-sampling", List.of("0:pin-dz=0", "0:pin-dx=0"), 2))
        .hasMessage("--goal-sampling: goal 0 is given twice");
  }
}
