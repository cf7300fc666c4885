package dev.latentmpc.controller.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.worldmodel.StateConvention;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StateConventionCheckTest {
  private static final StateConvention TCP = StateConvention.FRANKA_HAND_TCP;
  private static final StateConvention FLANGE = StateConvention.FLANGE;

  @Test
  void theSameConventionPasses() {
    assertThat(StateConventionCheck.differences(TCP, TCP)).isEmpty();
    assertThatCode(() -> StateConventionCheck.require(FLANGE, FLANGE)).doesNotThrowAnyException();
  }

  @Test
  void flangeAgainstHandTcpNamesBothConventionsInFull() {
    assertThatThrownBy(() -> StateConventionCheck.require(TCP, FLANGE))
        .isInstanceOf(StateConventionException.class)
        .hasMessageContaining(
            "differs from the model bundle's in offset_from_flange_m,"
                + " rotation_about_flange_z_rad:")
        .hasMessageContaining(
            "robot [frame_name panda_link8, offset_from_flange_m 0.0000,"
                + " rotation_about_flange_z_rad 0.0000, euler extrinsic-xyz, gripper closedness]")
        .hasMessageContaining(
            "bundle [frame_name franka_hand_tcp, offset_from_flange_m 0.1034,"
                + " rotation_about_flange_z_rad -0.7854, euler extrinsic-xyz, gripper closedness]");
  }

  @Test
  void tolerancesAreAMillimetreAndAMilliradianInclusive() {
    assertThat(StateConventionCheck.differences(TCP, with(TCP, 0.1034 + 0.00099, -Math.PI / 4)))
        .isEmpty();
    assertThat(StateConventionCheck.differences(TCP, with(TCP, 0.1034 + 0.0011, -Math.PI / 4)))
        .containsExactly("offset_from_flange_m");
    assertThat(StateConventionCheck.differences(TCP, with(TCP, 0.1034, -Math.PI / 4 - 0.00099)))
        .isEmpty();
    assertThat(StateConventionCheck.differences(TCP, with(TCP, 0.1034, -Math.PI / 4 + 0.0011)))
        .containsExactly("rotation_about_flange_z_rad");
  }

  @Test
  void rotationsAreComparedAsAngles() {
    StateConvention half = with(TCP, 0.1034, Math.PI);
    assertThat(StateConventionCheck.differences(half, with(TCP, 0.1034, -Math.PI))).isEmpty();
    assertThat(StateConventionCheck.differences(TCP, with(TCP, 0.1034, 7 * Math.PI / 4))).isEmpty();
    assertThat(StateConventionCheck.differences(TCP, with(TCP, 0.1034, 3 * Math.PI / 4)))
        .containsExactly("rotation_about_flange_z_rad");
  }

  @Test
  void eulerAndGripperMustBeTheSameStringsButFrameNamesAreLabels() {
    StateConvention intrinsic =
        new StateConvention("franka_hand_tcp", 0.1034, -Math.PI / 4, "intrinsic-xyz", "closedness");
    StateConvention width =
        new StateConvention("franka_hand_tcp", 0.1034, -Math.PI / 4, "extrinsic-xyz", "width_m");
    StateConvention renamed =
        new StateConvention("fr3_hand_tcp", 0.1034, -Math.PI / 4, "extrinsic-xyz", "closedness");
    assertThat(StateConventionCheck.differences(TCP, intrinsic)).containsExactly("euler");
    assertThat(StateConventionCheck.differences(TCP, width)).containsExactly("gripper");
    assertThat(StateConventionCheck.differences(TCP, renamed)).isEmpty();
  }

  /**
   * Random conventions (seeded) against an independent oracle: a field differs exactly when its
   * numbers differ beyond the tolerance (angles on the circle, via atan2) or its strings differ;
   * the check is symmetric and passes a convention against itself shifted by whole turns.
   */
  @Test
  void randomConventionsAgreeWithTheOracle() {
    SplittableRandom random = new SplittableRandom(18);
    String[] eulers = {"extrinsic-xyz", "intrinsic-xyz", "extrinsic-zyx"};
    String[] grippers = {"closedness", "width_m"};
    int mismatches = 0;
    for (int i = 0; i < 20_000; i++) {
      StateConvention a = randomConvention(random, eulers, grippers);
      StateConvention b = nearby(random, a, eulers, grippers);
      List<String> expected = oracle(a, b);
      assertThat(StateConventionCheck.differences(a, b)).as("%s vs %s", a, b).isEqualTo(expected);
      assertThat(StateConventionCheck.differences(b, a)).isEqualTo(expected);
      StateConvention turned =
          with(a, a.offsetFromFlangeM(), a.rotationAboutFlangeZRad() + 2 * Math.PI * (i % 5 - 2));
      assertThat(StateConventionCheck.differences(a, turned)).isEmpty();
      mismatches += expected.isEmpty() ? 0 : 1;
    }
    // Both outcomes are exercised often.
    assertThat(mismatches).isBetween(4_000, 16_000);
  }

  private static StateConvention randomConvention(
      SplittableRandom random, String[] eulers, String[] grippers) {
    return new StateConvention(
        "frame" + random.nextInt(3),
        random.nextDouble(-0.3, 0.3),
        random.nextDouble(-4 * Math.PI, 4 * Math.PI),
        eulers[random.nextInt(eulers.length)],
        grippers[random.nextInt(grippers.length)]);
  }

  /** Mostly small perturbations around the tolerances, sometimes another string. */
  private static StateConvention nearby(
      SplittableRandom random, StateConvention a, String[] eulers, String[] grippers) {
    double offset = a.offsetFromFlangeM() + random.nextDouble(-0.002, 0.002);
    double rotation =
        a.rotationAboutFlangeZRad()
            + random.nextDouble(-0.002, 0.002)
            + 2 * Math.PI * (random.nextInt(3) - 1);
    String euler = random.nextInt(10) == 0 ? eulers[random.nextInt(eulers.length)] : a.euler();
    String gripper =
        random.nextInt(10) == 0 ? grippers[random.nextInt(grippers.length)] : a.gripper();
    return new StateConvention(a.frameName() + "-robot", offset, rotation, euler, gripper);
  }

  private static List<String> oracle(StateConvention a, StateConvention b) {
    List<String> fields = new ArrayList<>();
    if (Math.abs(a.offsetFromFlangeM() - b.offsetFromFlangeM()) > 1e-3) {
      fields.add("offset_from_flange_m");
    }
    double d = a.rotationAboutFlangeZRad() - b.rotationAboutFlangeZRad();
    if (Math.abs(Math.atan2(Math.sin(d), Math.cos(d))) > 1e-3) {
      fields.add("rotation_about_flange_z_rad");
    }
    if (!a.euler().equals(b.euler())) {
      fields.add("euler");
    }
    if (!a.gripper().equals(b.gripper())) {
      fields.add("gripper");
    }
    return fields;
  }

  private static StateConvention with(StateConvention c, double offsetM, double rotationRad) {
    return new StateConvention(c.frameName(), offsetM, rotationRad, c.euler(), c.gripper());
  }
}
