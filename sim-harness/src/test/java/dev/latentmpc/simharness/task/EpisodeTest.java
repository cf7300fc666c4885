package dev.latentmpc.simharness.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.world.ObjectKind;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EpisodeTest {
  @Test
  void sameSeedGivesTheSameEpisode() {
    for (SimTask t : SimTask.values()) {
      Episode a = Episode.create(t, 1234);
      Episode b = Episode.create(t, 1234);
      assertThat(a.start().toVector()).isEqualTo(b.start().toVector());
      assertThat(a.object().centerM()).isEqualTo(b.object().centerM());
      assertThat(a.distractor().centerM()).isEqualTo(b.distractor().centerM());
      assertThat(a.targetM()).isEqualTo(b.targetM());
      assertThat(Episode.create(t, 1235).start().positionM()).isNotEqualTo(a.start().positionM());
    }
  }

  @Test
  void episodesStayInsideTheWorkspaceAndUseBothObjects() {
    Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
    for (SimTask t : SimTask.values()) {
      for (long seed = -20; seed < 20; seed++) {
        Episode e = Episode.create(t, seed);
        kinds.add(e.objectKind());
        assertThat(e.distractor().kind()).isNotEqualTo(e.objectKind());
        SimWorld w = e.startWorld(); // throws if unreachable or overlapping
        assertThat(SimArmConfig.defaults().workspace().contains(e.start().positionM())).isTrue();
        // only reach-with-object starts with the object in the hand
        assertThat(w.heldObject().isPresent()).isEqualTo(t == SimTask.REACH_WITH_OBJECT);
        assertThat(e.isSuccess(w)).isFalse();
        Vec3 o = e.object().centerM();
        Vec3 d = e.distractor().centerM();
        assertThat(Math.hypot(o.x() - d.x(), o.y() - d.y())).isGreaterThanOrEqualTo(0.15);
        if (t == SimTask.PICK_AND_PLACE) {
          assertThat(e.targetM().z()).isEqualTo(0.0);
          assertThat(Math.hypot(e.targetM().x() - o.x(), e.targetM().y() - o.y()))
              .isGreaterThanOrEqualTo(0.15);
        }
      }
    }
    assertThat(kinds).containsExactlyInAnyOrder(ObjectKind.values());
  }

  @Test
  void goalConfigurationsMeetTheirOwnSuccessChecks() {
    for (SimTask t : SimTask.values()) {
      for (long seed = 0; seed < 10; seed++) {
        Episode e = Episode.create(t, seed);
        List<SimWorld> goals = e.goalWorlds();
        assertThat(goals).hasSize(GoalConfigurations.names(t).size());
        assertThat(e.isSuccess(goals.get(goals.size() - 1))).as("%s seed %d", t, seed).isTrue();
      }
    }
  }

  @Test
  void pickAndPlaceHasThePapersThreeSubGoals() {
    Episode e = Episode.create(SimTask.PICK_AND_PLACE, 9);
    List<SimWorld> g = e.goalWorlds();
    assertThat(GoalConfigurations.names(SimTask.PICK_AND_PLACE))
        .containsExactly("grasped", "near-target", "placed");
    ObjectKind k = e.objectKind();
    // 1: grasped where it stands (the hand closed around it)
    assertThat(g.get(0).heldObject()).contains(k);
    assertThat(g.get(0).object(k).orElseThrow().centerM()).isEqualTo(e.object().centerM());
    // the fingers rest on the object's faces: the gripper reads its width across the gap
    double width = g.get(0).fingerOpeningM();
    assertThat(width)
        .isCloseTo(
            g.get(0)
                .object(k)
                .orElseThrow()
                .extentAlong(g.get(0).state().pose().rotation().column(1)),
            within(1e-12));
    assertThat(g.get(0).state().gripperClosedness())
        .isCloseTo(g.get(0).armConfig().gripper().closedness(width), within(1e-12))
        .isLessThan(1.0);
    // 2: still held, above the target
    assertThat(g.get(1).heldObject()).contains(k);
    Vec3 near = g.get(1).object(k).orElseThrow().centerM();
    assertThat(Math.hypot(near.x() - e.targetM().x(), near.y() - e.targetM().y())).isLessThan(1e-9);
    // 3: released on the target, gripper open
    assertThat(g.get(2).heldObject()).isEmpty();
    assertThat(g.get(2).state().gripperClosedness()).isZero();
    // the start world is untouched by building the goals
    assertThat(e.startWorld().object(k).orElseThrow().centerM()).isEqualTo(e.object().centerM());
  }

  @Test
  void reachWithObjectStartsWithTheObjectHeldAndLifted() {
    for (long seed = 0; seed < 20; seed++) {
      Episode e = Episode.create(SimTask.REACH_WITH_OBJECT, seed);
      SimWorld w = e.startWorld();
      ObjectKind k = e.objectKind();
      assertThat(w.heldObject()).as("seed %d", seed).contains(k);
      assertThat(w.state().positionM().minus(e.start().positionM()).norm()).isLessThan(1e-9);
      assertThat(w.state().gripperClosedness()).isEqualTo(1.0);
      Vec3 lift = w.object(k).orElseThrow().centerM().minus(e.object().centerM());
      assertThat(lift.minus(new Vec3(0, 0, GoalConfigurations.LIFT_HEIGHT_M)).norm())
          .isLessThan(1e-9);
      // the goal keeps holding it, at the target
      SimWorld goal = e.goalWorlds().get(0);
      assertThat(goal.heldObject()).contains(k);
      assertThat(goal.state().positionM().minus(e.targetM()).norm()).isLessThan(1e-9);
    }
  }
}
