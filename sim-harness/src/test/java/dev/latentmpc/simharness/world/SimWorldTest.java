package dev.latentmpc.simharness.world;

import static dev.latentmpc.simharness.world.WorldFixtures.cube;
import static dev.latentmpc.simharness.world.WorldFixtures.cubeAndCup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.HandGeometry;
import dev.latentmpc.simharness.arm.JointLimits;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.render.Rgb;
import dev.latentmpc.simharness.render.Shape;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimWorldTest {
  @Test
  void seededRandomDeltasNeverLeaveAnInvalidState() {
    SplittableRandom rng = new SplittableRandom(5);
    SimWorld w = cubeAndCup(new Vec3(0.5, 0.1, 0.1));
    int grasps = 0;
    for (int i = 0; i < 400; i++) {
      // aim at the cube (or, holding something, at the cup) so grasps and releases happen
      Vec3 aim = w.heldObject().isEmpty() ? cube(w) : new Vec3(0.5, 0.2, 0.12);
      Vec3 toward = aim.minus(w.state().positionM()).times(0.7);
      boolean near = toward.norm() < 0.015;
      w.move(
          new Delta(
              clip(toward.x() + rng.nextDouble(-0.01, 0.01)),
              clip(toward.y() + rng.nextDouble(-0.01, 0.01)),
              clip(toward.z() + rng.nextDouble(-0.03, 0.01)),
              rng.nextDouble(-0.03, 0.03),
              rng.nextDouble(-0.03, 0.03),
              rng.nextDouble(-0.03, 0.03),
              near ? 0.8 : rng.nextDouble(-1, 0.4)));
      grasps += w.heldObject().isPresent() ? 1 : 0;
      assertValid(w);
    }
    assertThat(grasps).isPositive();
  }

  @Test
  void copiesAreSnapshots() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.02));
    SimWorld snapshot = w.copy();
    w.move(new Delta(0, 0, 0, 0, 0, 0, 0.75));
    w.move(new Delta(0, 0, 0.1, 0, 0, 0, 0));
    assertThat(snapshot.heldObject()).isEmpty();
    assertThat(cube(snapshot).z()).isEqualTo(0.02);
    assertThat(snapshot.simTimeNanos()).isZero();
    assertThat(cube(w).z()).isGreaterThan(0.1);
  }

  @Test
  void restoreReturnsToASnapshot() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.02));
    SimWorld snapshot = w.copy();
    w.move(new Delta(0, 0, 0, 0, 0, 0, 0.75));
    w.move(new Delta(0.05, 0, 0.1, 0, 0, 0, 0));
    w.restore(snapshot);
    assertThat(w.heldObject()).isEmpty();
    assertThat(w.state()).isSameAs(snapshot.state());
    assertThat(w.jointsRad()).isEqualTo(snapshot.jointsRad());
    assertThat(cube(w).z()).isEqualTo(0.02);
    assertThat(w.simTimeNanos()).isZero();
    w.move(new Delta(0, 0, 0, 0, 0, 0, 0.75)); // still works after restoring
    assertThat(w.heldObject()).contains(ObjectKind.CUBE);
  }

  @Test
  void shapesDrawTableRobotHandFingersObjectsAndMarker() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.2));
    List<Shape> plain = w.shapes();
    w.setTargetMarker(new Vec3(0.4, -0.1, 0.2));
    List<Shape> marked = w.shapes();
    assertThat(marked).hasSize(plain.size() + 1);
    Set<Rgb> colors = marked.stream().map(Shape::color).collect(Collectors.toSet());
    assertThat(colors)
        .contains(
            SceneShapes.TABLE,
            SceneShapes.LINK,
            SceneShapes.JOINT,
            SceneShapes.HAND,
            SceneShapes.FINGER,
            SceneShapes.MARKER,
            ObjectKind.CUBE.color(),
            ObjectKind.CUP.color());
    assertThat(colors).hasSizeGreaterThanOrEqualTo(8);
    assertThat(marked.stream().filter(s -> s.color().equals(SceneShapes.FINGER))).hasSize(2);
    Shape.Box table = (Shape.Box) marked.get(0);
    assertThat(table.pose().translation().z() + table.halfExtentsM().z()).isEqualTo(0.0);
  }

  @Test
  void fingersAreDrawnAtTheOpening() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.3));
    List<Shape.Box> fingers = fingers(w.shapes());
    double gapOpen = fingerGap(fingers);
    w.move(new Delta(0, 0, 0, 0, 0, 0, 0.5));
    double gapHalf = fingerGap(fingers(w.shapes()));
    assertThat(gapOpen).isCloseTo(0.08, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(gapHalf).isCloseTo(0.04, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void invalidScenesAreRejected() {
    SimArmConfig c = SimArmConfig.defaults();
    EeState start = new EeState(new Vec3(0.5, 0, 0.3), WorldFixtures.DOWN, 0);
    SimObject cube = SimObject.standing(ObjectKind.CUBE, 0.5, 0, 0, 0);
    assertThatThrownBy(() -> SimWorld.of(c, start, List.of(cube, cube)))
        .hasMessageContaining("at most one cube");
    assertThatThrownBy(() ->
            SimWorld.of(c, start, List.of(SimObject.standing(ObjectKind.CUBE, 0.5, 0, 0.1, 0))))
        .hasMessageContaining("upright on the table");
    SimObject cupTouching = SimObject.standing(ObjectKind.CUP, 0.5, 0.05, 0, 0);
    assertThatThrownBy(() -> SimWorld.of(c, start, List.of(cube, cupTouching)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidDeltasLeaveTheWorldUnchanged() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.02));
    EeState before = w.state();
    assertThatThrownBy(() -> w.move(new Delta(0, 0, Double.NaN, 0, 0, 0, 0.75)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(w.state()).isSameAs(before);
    assertThat(w.heldObject()).isEmpty();
  }

  @Test
  void setUpHelpersTeleportAttachAndPlace() {
    SimWorld w = cubeAndCup(new Vec3(0.5, 0, 0.02));
    w.attach(ObjectKind.CUBE);
    w.teleportArm(new EeState(new Vec3(0.4, -0.1, 0.25), WorldFixtures.DOWN, 1));
    assertThat(cube(w).minus(new Vec3(0.4, -0.1, 0.25)).norm()).isLessThan(1e-9);
    assertThatThrownBy(
            () -> w.teleportArm(new EeState(new Vec3(0.4, -0.1, 0.015), WorldFixtures.DOWN, 1)))
        .hasMessageContaining("inside the table");
    w.placeObject(ObjectKind.CUP, 0.6, -0.2, 0.3);
    assertThat(
            w.object(ObjectKind.CUP)
                .orElseThrow()
                .centerM()
                .minus(new Vec3(0.6, -0.2, 0.04))
                .norm())
        .isLessThan(1e-9);
    assertThatThrownBy(() -> w.placeObject(ObjectKind.CUBE, 0.6, 0, 0))
        .hasMessageContaining("no loose cube");
  }

  private static void assertValid(SimWorld w) {
    assertThat(JointLimits.PANDA.contains(w.jointsRad())).isTrue();
    assertThat(w.armConfig().workspace().contains(w.state().positionM())).isTrue();
    double lowestHand =
        HandGeometry.lowestZ(
            w.state().pose(),
            HandGeometry.corners(w.armConfig().gripper().openingM(w.state().gripperClosedness())));
    assertThat(lowestHand).isGreaterThanOrEqualTo(w.armConfig().tableMarginM() - 1e-9);
    for (SimObject o : w.objects()) {
      assertThat(o.bottomZ()).isGreaterThanOrEqualTo(-1e-9);
      if (w.heldObject().filter(k -> k == o.kind()).isEmpty()) {
        assertThat(o.pose().rotation().column(2).z()).isGreaterThan(1 - 1e-9); // upright
      }
    }
  }

  private static double clip(double v) {
    return Math.max(-0.075, Math.min(0.075, v));
  }

  private static List<Shape.Box> fingers(List<Shape> shapes) {
    return shapes.stream()
        .filter(s -> s.color().equals(SceneShapes.FINGER))
        .map(Shape.Box.class::cast)
        .toList();
  }

  private static double fingerGap(List<Shape.Box> f) {
    double centres = f.get(0).pose().translation().minus(f.get(1).pose().translation()).norm();
    return centres - 2 * HandGeometry.FINGER_HALF_THICKNESS_M;
  }
}
