package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.proto.bridge.v1.StateConvention;
import io.grpc.Status;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link ArmIOBridge#stateConvention()}: GetInfo's convention read on every call, or refused. */
class ArmIOBridgeConventionTest extends InProcessArmTest {
  ArmIOBridgeConventionTest() {
    super(0L);
  }

  @Test
  void readsTheConventionOfGetInfoEveryTime() throws Exception {
    assertThat(arm.stateConvention()).isEqualTo(dev.latentmpc.worldmodel.StateConvention.FLANGE);
    edit(c -> c.setFrameName("franka_hand_tcp").setOffsetFromFlangeM(0.1034));
    assertThat(arm.stateConvention().offsetFromFlangeM()).isEqualTo(0.1034);
    assertThat(fake.calls).containsExactly("GetInfo", "GetInfo");
  }

  @Test
  void anOlderBridgeWithoutTheFieldIsRefusedNamingIt() {
    fake.infoResponse = fake.infoResponse.toBuilder().clearStateConvention().build();
    assertThatThrownBy(arm::stateConvention)
        .isInstanceOf(StateConventionException.class)
        .hasMessageContaining("robot 'fr3-lab'")
        .hasMessageContaining("GetInfoResponse.state_convention is unset")
        .hasMessageContaining("update the bridge");
  }

  @Test
  void emptyNamesAndNonFiniteNumbersAreNamed() {
    edit(c -> c.setEuler(""));
    assertThatThrownBy(arm::stateConvention)
        .isInstanceOf(StateConventionException.class)
        .hasMessageContaining("GetInfoResponse.state_convention.euler is empty");
    edit(c -> c.setEuler("extrinsic-xyz").setRotationAboutFlangeZRad(Double.NaN));
    assertThatThrownBy(arm::stateConvention)
        .isInstanceOf(StateConventionException.class)
        .hasMessageContaining(
            "GetInfoResponse.state_convention.rotation_about_flange_z_rad is NaN");
  }

  @Test
  void anUnreachableBridgeIsUnavailable() {
    fake.infoOutcome = Status.UNAVAILABLE.withDescription("robot controller offline");
    assertThatThrownBy(arm::stateConvention)
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("GetInfo")
        .hasMessageContaining("robot controller offline");
  }

  @Test
  void aClosedClientRefuses() {
    arm.close();
    assertThatThrownBy(arm::stateConvention).isInstanceOf(ArmUnavailableException.class);
  }

  private void edit(UnaryOperator<StateConvention.Builder> change) {
    StateConvention.Builder c = fake.infoResponse.getStateConvention().toBuilder();
    fake.infoResponse = fake.infoResponse.toBuilder().setStateConvention(change.apply(c)).build();
  }
}
