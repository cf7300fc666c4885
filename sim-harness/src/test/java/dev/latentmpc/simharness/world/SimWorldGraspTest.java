package dev.latentmpc.simharness.world;

import static dev.latentmpc.simharness.world.WorldFixtures.cube;
import static dev.latentmpc.simharness.world.WorldFixtures.cubeAndCup;
import static dev.latentmpc.simharness.world.WorldFixtures.cup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.GripperModel;
import dev.latentmpc.simharness.arm.MoveOutcome;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.geom.Vec3;
import org.junit.jupiter.api.Test;

class SimWorldGraspTest {
  private static final Delta CLOSE = new Delta(0, 0, 0, 0, 0, 0, 0.75);
  private static final Delta OPEN = new Delta(0, 0, 0, 0, 0, 0, -1);

  @Test
  void closingAroundTheCubeHoldsItAndItMovesWithTheHand() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0.005, 0.025));
    w.move(CLOSE);
    assertThat(w.heldObject()).contains(ObjectKind.CUBE);
    // the parallel fingers centre the cube across the gap; the drawn fingers rest on its faces
    assertThat(cube(w).y()).isCloseTo(0.005, within(1e-9));
    assertThat(w.fingerOpeningM()).isCloseTo(0.04, within(1e-9));
    w.move(new Delta(0.05, -0.03, 0.1, 0, 0, 0, 0.25));
    assertThat(cube(w).minus(new Vec3(0.55, -0.025, 0.12)).norm()).isLessThan(1e-9);
  }

  @Test
  void aHeldObjectBlocksTheFingersAndAnyOpeningBeyondItReleasesIt() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.025));
    w.move(CLOSE);
    // the gripper reads the 4 cm cube between its 8 cm fingers, not the commanded 0.75
    assertThat(w.state().gripperClosedness()).isCloseTo(0.5, within(1e-12));
    MoveOutcome closeMore = w.move(new Delta(0, 0, 0.05, 0, 0, 0, 0.5));
    assertThat(closeMore.reached().gripperClosedness()).isCloseTo(0.5, within(1e-12));
    assertThat(w.heldObject()).contains(ObjectKind.CUBE);
    w.move(new Delta(0, 0, 0, 0, 0, 0, -0.05)); // opening 4 mm beyond the faces
    assertThat(w.heldObject()).isEmpty();
    assertThat(cube(w).z()).isCloseTo(0.02, within(1e-9)); // fell back onto the table
    assertThat(w.state().gripperClosedness()).isCloseTo(0.45, within(1e-12));
  }

  @Test
  void fingersThatMissDoNotGrasp() {
    SimWorld alongPads = cubeAndCup(new Vec3(0.53, 0, 0.02)); // 3 cm along the pads
    alongPads.move(CLOSE);
    assertThat(alongPads.heldObject()).isEmpty();
    SimWorld above = cubeAndCup(new Vec3(0.5, 0, 0.07)); // fingertips above the cube
    above.move(CLOSE);
    assertThat(above.heldObject()).isEmpty();
    SimWorld beside = cubeAndCup(new Vec3(0.5, 0.035, 0.02)); // a finger inside the cube
    beside.move(CLOSE);
    assertThat(beside.heldObject()).isEmpty();
  }

  @Test
  void aGripperThatWasAlreadyClosedOrClosesTooLittleDoesNotGrasp() {
    SimWorld closed = cubeAndCup(SimArmConfig.defaults(), new Vec3(0.5, 0, 0.02), 0.7);
    closed.move(new Delta(0, 0, 0, 0, 0, 0, 0.3));
    assertThat(closed.heldObject()).isEmpty();
    SimWorld half = cubeAndCup(new Vec3(0.5, 0, 0.02));
    half.move(new Delta(0, 0, 0, 0, 0, 0, 0.5));
    assertThat(half.heldObject()).isEmpty();
  }

  @Test
  void anObjectWiderThanTheOpeningIsNotGrasped() {
    SimArmConfig narrow = SimArmConfig.defaults().withGripper(new GripperModel(0.035, 0.1));
    SimWorld w = cubeAndCup(narrow, new Vec3(0.5, 0, 0.02), 0);
    w.move(CLOSE);
    assertThat(w.heldObject()).isEmpty();
  }

  @Test
  void openingReleasesTheObjectOntoTheTable() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.02));
    w.move(CLOSE);
    w.move(new Delta(0.08, -0.05, 0.15, 0, 0, 0, 0));
    w.move(OPEN);
    assertThat(w.heldObject()).isEmpty();
    assertThat(cube(w).minus(new Vec3(0.58, -0.05, 0.02)).norm()).isLessThan(1e-9);
    assertThat(w.object(ObjectKind.CUBE).orElseThrow().bottomZ()).isCloseTo(0, within(1e-12));
  }

  @Test
  void aReleasedObjectLandsOnTopOfTheOtherObject() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.02));
    w.move(CLOSE);
    w.move(new Delta(0, 0, 0.15, 0, 0, 0, 0));
    w.move(new Delta(0, 0.2, 0, 0, 0, 0, 0));
    w.move(OPEN);
    assertThat(cube(w).minus(new Vec3(0.5, 0.2, 0.08 + 0.02)).norm()).isLessThan(1e-9);
  }

  @Test
  void aReleasedObjectOverlappingTheOtherIsPushedBeside() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.02));
    w.move(CLOSE);
    w.move(new Delta(0, 0, 0.15, 0, 0, 0, 0));
    w.move(new Delta(0, 0.155, 0, 0, 0, 0, 0)); // 4.5 cm from the cup's axis
    w.move(OPEN);
    double gap = Math.hypot(cube(w).x() - cup(w).x(), cube(w).y() - cup(w).y());
    double touching = ObjectKind.CUBE.footprintRadiusM() + ObjectKind.CUP.footprintRadiusM();
    assertThat(gap).isCloseTo(touching, within(1e-9));
    assertThat(cube(w).z()).isCloseTo(0.02, within(1e-12));
  }

  @Test
  void aHeldObjectCannotBePushedIntoTheTable() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.03));
    w.move(CLOSE);
    assertThat(w.heldObject()).contains(ObjectKind.CUBE);
    MoveOutcome out = w.move(new Delta(0.02, 0, -0.1, 0, 0, 0, 0));
    assertThat(out.clampedByTable()).isTrue();
    assertThat(w.object(ObjectKind.CUBE).orElseThrow().bottomZ()).isGreaterThanOrEqualTo(-1e-9);
  }

  @Test
  void liftingAnObjectFromUnderAnotherLetsTheOtherFall() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.02));
    w.move(CLOSE);
    w.move(new Delta(0, 0, 0.15, 0, 0, 0, 0));
    w.move(new Delta(0, 0.2, 0, 0, 0, 0, 0));
    w.move(OPEN); // cube now on the cup
    w.move(new Delta(0, 0, -0.13, 0, 0, 0, 0)); // hand down to the cup's middle, z = 0.04
    w.move(CLOSE);
    assertThat(w.heldObject()).contains(ObjectKind.CUP);
    w.move(new Delta(0, 0, 0.1, 0, 0, 0, 0));
    assertThat(cube(w).z()).isCloseTo(0.02, within(1e-12));
  }
}
