package dev.latentmpc.simharness.world;

import static dev.latentmpc.simharness.world.WorldFixtures.cube;
import static dev.latentmpc.simharness.world.WorldFixtures.cubeAndCup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.HandGeometry;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimWorldContactTest {
  private static final double CUBE_TOP = ObjectKind.CUBE.heightM();
  private static final Delta DOWN_6CM = new Delta(0, 0, -0.06, 0, 0, 0, 0);
  private static final Delta CLOSE = new Delta(0, 0, 0, 0, 0, 0, 0.75);

  @Test
  void closedFingersComingDownOntoTheCubeStopOnItsTop() {
    SimWorld w = cubeAndCup(SimArmConfig.defaults(), new Vec3(0.5, 0, 0.1), 1);
    w.move(DOWN_6CM);
    assertThat(fingertipZ(w)).isCloseTo(CUBE_TOP, within(1e-6));
    assertThat(w.state().positionM().z())
        .isCloseTo(CUBE_TOP + HandGeometry.FINGERTIP_Z_M, within(1e-6));
    assertThat(cube(w)).isEqualTo(new Vec3(0.5, 0, 0.02)); // the cube is not pushed
    // closing more or descending again changes nothing; opening then descending passes beside it
    w.move(DOWN_6CM);
    assertThat(fingertipZ(w)).isCloseTo(CUBE_TOP, within(1e-6));
    w.move(new Delta(0, 0, 0, 0, 0, 0, -1));
    w.move(DOWN_6CM);
    assertThat(w.state().positionM().z()).isLessThan(0.03);
    w.move(CLOSE);
    assertThat(w.heldObject()).contains(ObjectKind.CUBE);
  }

  @Test
  void openFingersStraddlingTheCubeComeDownBesideItAndGrasp() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0.005, 0.1));
    w.move(new Delta(0, 0, -0.075, 0, 0, 0, 0));
    assertThat(w.state().positionM().z()).isCloseTo(0.025, within(1e-9));
    w.move(CLOSE);
    assertThat(w.heldObject()).contains(ObjectKind.CUBE);
  }

  @Test
  void fingersClosingDuringAFastDescentAreStillOpenAtTheTopAndGrasp() {
    // the arm covers 7.5 cm faster than the fingers close 6 cm: at the cube's top they are open
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.1));
    w.move(new Delta(0, 0, -0.075, 0, 0, 0, 0.75));
    assertThat(w.state().positionM().z()).isCloseTo(0.025, within(1e-9));
    assertThat(w.heldObject()).contains(ObjectKind.CUBE);
  }

  @Test
  void halfClosedFingersComingDownOntoTheCubeStopOnItsTopAndGraspNothing() {
    // closedness 0.6 is 3.2 cm open: narrower than the 4 cm cube from the start
    SimWorld w = cubeAndCup(SimArmConfig.defaults(), new Vec3(0.5, 0, 0.1), 0.6);
    w.move(new Delta(0, 0, -0.075, 0, 0, 0, 0.4));
    assertThat(fingertipZ(w)).isCloseTo(CUBE_TOP, within(1e-6));
    assertThat(w.heldObject()).isEmpty();
  }

  @Test
  void fingersOpeningWhileOnTheTopLetTheHandGoOnDown() {
    SimWorld w = cubeAndCup(SimArmConfig.defaults(), new Vec3(0.5, 0, 0.1), 1);
    w.move(DOWN_6CM);
    assertThat(fingertipZ(w)).isCloseTo(CUBE_TOP, within(1e-6));
    w.move(new Delta(0, 0, -0.024, 0, 0, 0, -1));
    assertThat(w.state().positionM().z()).isCloseTo(0.025, within(1e-6));
    w.move(CLOSE);
    assertThat(w.heldObject()).contains(ObjectKind.CUBE);
  }

  @Test
  void aFingerLandingOnTheCubesEdgeStopsButFingersClearOfItDoNot() {
    // open hand 3.5 cm off-centre across the gap: the −y finger lands on the cube
    SimWorld edge = cubeAndCup(new Vec3(0.5, 0.035, 0.1));
    edge.move(DOWN_6CM);
    assertThat(fingertipZ(edge)).isCloseTo(CUBE_TOP, within(1e-6));
    // closed hand 6 cm beside the cube: nothing in the way down to the table margin
    SimWorld clear = cubeAndCup(SimArmConfig.defaults(), new Vec3(0.44, 0, 0.1), 1);
    clear.move(DOWN_6CM);
    assertThat(clear.state().positionM().z()).isCloseTo(0.04, within(1e-9));
  }

  @Test
  void contactIsOnlyFromAboveAHandAlreadyLowMovesSidewaysFreely() {
    SimWorld w = cubeAndCup(SimArmConfig.defaults(), new Vec3(0.44, 0, 0.03), 1);
    w.move(new Delta(0.06, 0, 0, 0, 0, 0, 0));
    assertThat(w.state().positionM()).isEqualTo(new Vec3(0.5, 0, 0.03));
  }

  @Test
  void seededRandomNonClosingMovesNeverEndWithAFingerInsideAnObjectItCameDownOnto() {
    SplittableRandom rng = new SplittableRandom(11);
    int stopped = 0;
    for (int i = 0; i < 300; i++) {
      Vec3 start = new Vec3(0.5 + rng.nextDouble(-0.05, 0.05), rng.nextDouble(-0.05, 0.25), 0.13);
      SimWorld w = cubeAndCup(SimArmConfig.defaults(), start, rng.nextDouble());
      w.move(
          new Delta(
              rng.nextDouble(-0.03, 0.03),
              rng.nextDouble(-0.03, 0.03),
              rng.nextDouble(-0.075, 0),
              0,
              0,
              0,
              rng.nextDouble(-1, 0))); // not closing: the end opening is the widest
      double opening = w.armConfig().gripper().openingM(w.state().gripperClosedness());
      for (SimObject o : w.objects()) {
        if (w.heldObject().isPresent()
            || Contacts.straddles(o, w.state().pose(), opening, w.rules())) {
          continue;
        }
        for (HandGeometry.LocalBox f : HandGeometry.fingers(opening)) {
          Vec3 c = w.state().pose().apply(f.centerM());
          double dxy = Math.hypot(c.x() - o.centerM().x(), c.y() - o.centerM().y());
          double tip = HandGeometry.lowestZ(w.state().pose(), corners(f));
          if (dxy < o.kind().footprintRadiusM() + HandGeometry.FINGER_HALF_WIDTH_M) {
            assertThat(tip).as("move %d, %s", i, o.kind()).isGreaterThan(o.topZ() - 1e-6);
            stopped += tip < o.topZ() + 1e-6 ? 1 : 0;
          }
        }
      }
    }
    assertThat(stopped).isPositive();
  }

  private static double fingertipZ(SimWorld w) {
    double opening = w.armConfig().gripper().openingM(w.state().gripperClosedness());
    List<Vec3> pts = new ArrayList<>();
    for (HandGeometry.LocalBox f : HandGeometry.fingers(opening)) {
      pts.addAll(corners(f));
    }
    return HandGeometry.lowestZ(w.state().pose(), pts);
  }

  private static List<Vec3> corners(HandGeometry.LocalBox f) {
    List<Vec3> pts = new ArrayList<>();
    HandGeometry.addCorners(f, pts);
    return pts;
  }
}
