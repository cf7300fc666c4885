package dev.latentmpc.simharness.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.worldmodel.StateConvention;
import org.junit.jupiter.api.Test;

class PandaKinematicsTest {
  private static final double MM = 1e-3;

  @Test
  void readyPoseFlangeIsWhereFrankaDocumentsIt() {
    // Ready pose q = [0, −π/4, 0, −3π/4, 0, π/2, π/4]: the flange sits at ≈ (0.307, 0, 0.590),
    // pointing straight down.
    Pose flange = PandaKinematics.flange(PandaKinematics.READY_Q);
    assertThat(flange.translation().x()).isCloseTo(0.3069, within(MM));
    assertThat(flange.translation().y()).isCloseTo(0.0, within(MM));
    assertThat(flange.translation().z()).isCloseTo(0.5903, within(MM));
    assertThat(flange.rotation().column(2).z()).isCloseTo(-1, within(1e-9));
  }

  @Test
  void readyPoseTcpIsBetweenTheFingertipsPointingDown() {
    Pose tcp = PandaKinematics.tcp(PandaKinematics.READY_Q);
    assertThat(tcp.translation().x()).isCloseTo(0.3069, within(MM));
    assertThat(tcp.translation().z()).isCloseTo(0.5903 - 0.1034, within(MM));
    double[] euler = tcp.rotation().toEulerXyz();
    assertThat(Math.abs(euler[0])).isCloseTo(Math.PI, within(1e-6));
    assertThat(euler[1]).isCloseTo(0, within(1e-6));
    assertThat(euler[2]).isCloseTo(0, within(1e-6));
    // the fingers close along the base y axis at the ready pose (hand turned −45° against q7 = π/4)
    assertThat(Math.abs(tcp.rotation().column(1).y())).isCloseTo(1, within(1e-9));
  }

  @Test
  void stateConventionIsWhereTheTcpSitsOnTheFlange() {
    // Any posture: the TCP seen from the flange is the convention's offset along z and rotation
    // about z, and the convention is the one bundles trained on the simulator record.
    double[] q = {0.3, -0.5, 0.2, -2.1, 0.4, 1.7, -0.6};
    Pose inFlange = PandaKinematics.flange(q).inverse().times(PandaKinematics.tcp(q));
    StateConvention c = PandaKinematics.STATE_CONVENTION;
    assertThat(inFlange.translation().x()).isCloseTo(0, within(1e-12));
    assertThat(inFlange.translation().y()).isCloseTo(0, within(1e-12));
    assertThat(inFlange.translation().z()).isCloseTo(c.offsetFromFlangeM(), within(1e-12));
    double[] euler = inFlange.rotation().toEulerXyz();
    assertThat(euler[0]).isCloseTo(0, within(1e-12));
    assertThat(euler[1]).isCloseTo(0, within(1e-12));
    assertThat(euler[2]).isCloseTo(c.rotationAboutFlangeZRad(), within(1e-12));
    assertThat(c).isEqualTo(StateConvention.FRANKA_HAND_TCP);
  }

  @Test
  void zeroPoseStacksTheLinksUpright() {
    // q = 0: every offset lines up; flange at (a7, 0, d1 + d3 + d5 − d_flange).
    Pose flange = PandaKinematics.flange(new double[7]);
    assertThat(flange.translation().x()).isCloseTo(0.088, within(1e-9));
    assertThat(flange.translation().y()).isCloseTo(0, within(1e-9));
    assertThat(flange.translation().z()).isCloseTo(0.333 + 0.316 + 0.384 - 0.107, within(1e-9));
  }

  @Test
  void framesStartAtTheBaseAndEndAtTheTcp() {
    Pose[] f = PandaKinematics.frames(PandaKinematics.READY_Q);
    assertThat(f).hasSize(10);
    assertThat(f[0].translation()).isEqualTo(Vec3.ZERO);
    assertThat(f[1].translation().z()).isCloseTo(0.333, within(1e-12));
    Vec3 flangeToTcp = f[9].translation().minus(f[8].translation());
    assertThat(flangeToTcp.norm()).isCloseTo(PandaKinematics.TCP_OFFSET_M, within(1e-12));
  }

  @Test
  void wrongJointCountIsRejected() {
    assertThatThrownBy(() -> PandaKinematics.frames(new double[6]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7 joints");
  }
}
