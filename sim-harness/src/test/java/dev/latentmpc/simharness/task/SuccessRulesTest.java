package dev.latentmpc.simharness.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.world.SimWorld;
import org.junit.jupiter.api.Test;

class SuccessRulesTest {
  @Test
  void toleranceIsTheDistanceUnderWhichATaskCountsAsDone() {
    assertThat(SuccessRules.toleranceM(SimTask.REACH)).hasValue(0.04);
    assertThat(SuccessRules.toleranceM(SimTask.REACH_WITH_OBJECT)).hasValue(0.04);
    assertThat(SuccessRules.toleranceM(SimTask.PICK_AND_PLACE)).hasValue(0.05);
    assertThat(SuccessRules.toleranceM(SimTask.GRASP)).isEmpty();
  }

  @Test
  void reachNeedsTheEndEffectorWithinFourCentimetres() {
    Episode e = Episode.create(SimTask.REACH, 3);
    SimWorld w = e.startWorld();
    w.teleportArm(e.start().withPosition(e.targetM().plus(new Vec3(0.039, 0, 0))));
    assertThat(e.isSuccess(w)).isTrue();
    assertThat(e.distanceM(w)).isCloseTo(0.039, within(1e-9));
    w.teleportArm(e.start().withPosition(e.targetM().plus(new Vec3(0, 0.041, 0))));
    assertThat(e.isSuccess(w)).isFalse();
  }

  @Test
  void graspNeedsTheObjectHeld() {
    Episode e = Episode.create(SimTask.GRASP, 4);
    SimWorld open = e.startWorld();
    assertThat(e.isSuccess(open)).isFalse();
    Vec3 grasp = GoalConfigurations.graspPointM(e.object());
    assertThat(e.distanceM(open))
        .isCloseTo(e.start().positionM().minus(grasp).norm(), within(1e-9));
    SimWorld w = graspedAtStart(e);
    assertThat(e.isSuccess(w)).isTrue(); // closed on it where it stands
    assertThat(e.distanceM(w)).isZero();
    w.move(new Delta(0, 0, 0.05, 0, 0, 0, 0));
    assertThat(e.isSuccess(w)).isTrue(); // still held when lifted
    w.move(new Delta(0, 0, 0, 0, 0, 0, -1)); // dropped: no longer a grasp
    assertThat(e.isSuccess(w)).isFalse();
    SimWorld missed = e.startWorld();
    missed.teleportArm(new EeState(grasp.plus(new Vec3(0.05, 0, 0)), e.start().rotation(), 0));
    missed.move(new Delta(0, 0, 0, 0, 0, 0, 1)); // closed beside it
    assertThat(e.isSuccess(missed)).isFalse();
  }

  @Test
  void reachWithObjectNeedsTheObjectHeldAtTheTarget() {
    Episode e = Episode.create(SimTask.REACH_WITH_OBJECT, 5);
    SimWorld empty = e.startWorld();
    empty.move(new Delta(0, 0, 0, 0, 0, 0, -1)); // lets go of it
    empty.teleportArm(empty.state().withPosition(e.targetM()));
    assertThat(e.isSuccess(empty)).isFalse(); // at the target without the object
    SimWorld w = e.startWorld();
    assertThat(e.isSuccess(w)).isFalse(); // starts holding it, away from the target
    w.teleportArm(w.state().withPosition(e.targetM().plus(new Vec3(0, 0, 0.03))));
    assertThat(e.isSuccess(w)).isTrue();
    w.teleportArm(w.state().withPosition(e.targetM().plus(new Vec3(0.05, 0, 0))));
    assertThat(e.isSuccess(w)).isFalse();
  }

  @Test
  void pickAndPlaceNeedsTheObjectReleasedNearTheTarget() {
    Episode e = Episode.create(SimTask.PICK_AND_PLACE, 6);
    SimWorld w = graspedAtStart(e);
    Vec3 above = new Vec3(e.targetM().x() + 0.03, e.targetM().y(), w.state().positionM().z() + 0.1);
    w.teleportArm(w.state().withPosition(above));
    assertThat(e.isSuccess(w)).isFalse(); // still held
    w.move(new Delta(0, 0, 0, 0, 0, 0, -1));
    assertThat(e.isSuccess(w)).isTrue(); // dropped 3 cm from the target
    assertThat(e.distanceM(w)).isCloseTo(0.03, within(1e-9));
    SimWorld far = graspedAtStart(e);
    far.move(new Delta(0, 0, 0, 0, 0, 0, -1)); // released where it was
    assertThat(e.isSuccess(far)).isFalse();
  }

  private static SimWorld graspedAtStart(Episode e) {
    SimWorld w = e.startWorld();
    Vec3 grasp = GoalConfigurations.graspPointM(e.object());
    w.teleportArm(new EeState(grasp, e.start().rotation(), 0));
    w.move(new Delta(0, 0, 0, 0, 0, 0, 1));
    assertThat(w.heldObject()).contains(e.objectKind());
    return w;
  }
}
