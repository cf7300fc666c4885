package dev.latentmpc.simharness.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GripperModelTest {
  @Test
  void frankaHandMapsClosednessToEightyMillimetres() {
    GripperModel g = GripperModel.FRANKA_HAND;
    assertThat(g.openingM(0)).isCloseTo(0.08, within(1e-12));
    assertThat(g.openingM(1)).isCloseTo(0.0, within(1e-12));
    assertThat(g.openingM(0.5)).isCloseTo(0.04, within(1e-12));
    assertThat(g.openingM(-3)).isCloseTo(0.08, within(1e-12));
    assertThat(g.closedness(0.02)).isCloseTo(0.75, within(1e-12));
    assertThat(g.closedness(g.openingM(0.3))).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void robotiqLikeGripperOpensEightyFiveMillimetres() {
    assertThat(GripperModel.ROBOTIQ_85.openingM(0)).isCloseTo(0.085, within(1e-12));
    assertThat(new GripperModel(0.085, 0.1).closedness(0.0425)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void travelTimeFollowsTheFingerSpeed() {
    assertThat(GripperModel.FRANKA_HAND.travelSeconds(0, 1)).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> new GripperModel(0, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxOpeningM");
    assertThatThrownBy(() -> new GripperModel(0.08, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
