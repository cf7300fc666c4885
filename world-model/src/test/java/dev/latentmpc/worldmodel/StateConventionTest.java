package dev.latentmpc.worldmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateConventionTest {
  @Test
  void describesEveryFieldByItsProtocolName() {
    assertThat(StateConvention.FRANKA_HAND_TCP.describe())
        .isEqualTo(
            "frame_name franka_hand_tcp, offset_from_flange_m 0.1034,"
                + " rotation_about_flange_z_rad -0.7854, euler extrinsic-xyz, gripper closedness");
    assertThat(new StateConvention("panda_link8", -0.0, -0.0, "extrinsic-xyz", "closedness"))
        .satisfies(c -> assertThat(c.describe()).contains("offset_from_flange_m 0.0000,"));
  }

  @Test
  void presetsAreTheHandTcpAndTheFlange() {
    assertThat(StateConvention.FRANKA_HAND_TCP.offsetFromFlangeM()).isEqualTo(0.1034);
    assertThat(StateConvention.FRANKA_HAND_TCP.rotationAboutFlangeZRad()).isEqualTo(-Math.PI / 4);
    assertThat(StateConvention.FLANGE.frameName()).isEqualTo("panda_link8");
    assertThat(StateConvention.FLANGE.offsetFromFlangeM()).isZero();
    assertThat(StateConvention.FLANGE.rotationAboutFlangeZRad()).isZero();
  }

  @Test
  void refusesBlankNamesAndNonFiniteNumbers() {
    assertThatThrownBy(() -> new StateConvention(" ", 0, 0, "extrinsic-xyz", "closedness"))
        .hasMessage("frameName must not be blank");
    assertThatThrownBy(() -> new StateConvention("f", 0, 0, "", "closedness"))
        .hasMessage("euler must not be blank");
    assertThatThrownBy(() -> new StateConvention("f", Double.NaN, 0, "extrinsic-xyz", "c"))
        .hasMessageContaining("offsetFromFlangeM must be finite");
    assertThatThrownBy(
            () -> new StateConvention("f", 0, Double.POSITIVE_INFINITY, "extrinsic-xyz", "c"))
        .hasMessageContaining("rotationAboutFlangeZRad must be finite");
  }
}
