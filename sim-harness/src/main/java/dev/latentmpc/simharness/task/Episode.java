package dev.latentmpc.simharness.task;

import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.world.ObjectKind;
import dev.latentmpc.simharness.world.SimObject;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One seeded episode: the task, the arm's start state, the task object (cube or cup), a distractor
 * (the other object) and the target. The same seed always gives the same episode.
 *
 * <p>Sampling (all within the default workspace and the Panda's reach with the hand pointing down):
 * task object x 0.40…0.60, y −0.20…0.20, any yaw in ±45°; start TCP x 0.35…0.55, y −0.15…0.15, z
 * 0.25…0.40 (grasp and pick-and-place: within ±4 cm horizontally of the object's grasp point and
 * 6…12 cm above it, gripper open; reach-with-object: the object already held, lifted 10 cm above
 * where it stood, as in the paper's start frames), hand down with yaw ±0.3 rad, gripper open
 * otherwise; distractor ≥ 15 cm from the object and the target. Targets: reach, a point x
 * 0.35…0.65, y ±0.25, z 0.10…0.40 at least 10 cm from the start; grasp, the object's grasp point
 * (its centre); reach-with-object, a point z 0.15…0.35 at least 12 cm (horizontally) from the
 * object; pick-and-place, a point on the table at least 15 cm from the object.
 *
 * @param task the task
 * @param seed the seed it was drawn from
 * @param start the arm's start state
 * @param object the task object standing on the table where the episode begins (reach-with-object
 *     starts with it held 10 cm above this place)
 * @param distractor the other object at the start
 * @param targetM the target point (for pick-and-place on the table surface)
 */
public record Episode(
    SimTask task, long seed, EeState start, SimObject object, SimObject distractor, Vec3 targetM) {
  /**
   * Version of the task definitions: episode sampling, goal configurations, success checks and the
   * oracle, and the world's rules. Datasets record it, so a dataset directory made under other
   * definitions is not resumed into a mixed dataset. Bump it with any change to those. Version 2:
   * grasp goal "grasped where it stands", reach-with-object starting with the object held. Version
   * 3: fingers coming down onto an object they do not straddle stop on its top; a held object
   * blocks the fingers (the gripper reads its width) and any opening beyond it releases it.
   */
  public static final int DEFINITIONS_VERSION = 3;

  private static final int MAX_DRAWS = 10_000;

  /** Horizontal offset of a prehensile task's start from the grasp point, at most, metres. */
  static final double NEAR_XY_M = 0.04;

  /** Height of a prehensile task's start above the grasp point, metres. */
  static final double NEAR_MIN_HEIGHT_M = 0.06;

  static final double NEAR_MAX_HEIGHT_M = 0.12;

  /** Checks the parts are present. */
  public Episode {
    Objects.requireNonNull(task, "task is null");
    Objects.requireNonNull(start, "start is null");
    Objects.requireNonNull(object, "object is null");
    Objects.requireNonNull(distractor, "distractor is null");
    Objects.requireNonNull(targetM, "targetM is null");
  }

  /**
   * Draws an episode.
   *
   * @param task the task
   * @param seed any long; equal seeds give equal episodes (and the same scene for every task)
   * @return the episode
   */
  public static Episode create(SimTask task, long seed) {
    Objects.requireNonNull(task, "task is null");
    SplittableRandom rng = new SplittableRandom(seed);
    double tableZ = SimArmConfig.defaults().tableZM();
    ObjectKind kind = rng.nextBoolean() ? ObjectKind.CUBE : ObjectKind.CUP;
    ObjectKind other = kind == ObjectKind.CUBE ? ObjectKind.CUP : ObjectKind.CUBE;
    SimObject object =
        SimObject.standing(
            kind,
            rng.nextDouble(0.40, 0.60),
            rng.nextDouble(-0.20, 0.20),
            tableZ,
            rng.nextDouble(-Math.PI / 4, Math.PI / 4));
    Rot3 down = Rot3.fromEulerXyz(Math.PI, 0, rng.nextDouble(-0.3, 0.3));
    Vec3 startPos =
        new Vec3(
            rng.nextDouble(0.35, 0.55), rng.nextDouble(-0.15, 0.15), rng.nextDouble(0.25, 0.4));
    if (task == SimTask.GRASP || task == SimTask.PICK_AND_PLACE) {
      // The prehensile tasks start with the open hand above the object, as in the paper's start
      // frames: a few 5 cm steps reach the grasp, so the first sub-goal (4 steps) is reachable.
      Vec3 grasp = GoalConfigurations.graspPointM(object);
      startPos =
          new Vec3(
              grasp.x() + rng.nextDouble(-NEAR_XY_M, NEAR_XY_M),
              grasp.y() + rng.nextDouble(-NEAR_XY_M, NEAR_XY_M),
              grasp.z() + rng.nextDouble(NEAR_MIN_HEIGHT_M, NEAR_MAX_HEIGHT_M));
    }
    EeState start = new EeState(startPos, down, 0);
    if (task == SimTask.REACH_WITH_OBJECT) {
      // The object is in the closed hand, lifted above where it stood.
      Vec3 lifted =
          GoalConfigurations.graspPointM(object)
              .plus(new Vec3(0, 0, GoalConfigurations.LIFT_HEIGHT_M));
      start = new EeState(lifted, down, 1);
    }
    Vec3 target = drawTarget(task, rng, startPos, object, tableZ);
    SimObject distractor = drawDistractor(other, rng, object, target, tableZ);
    return new Episode(task, seed, start, object, distractor, target);
  }

  private static Vec3 drawTarget(
      SimTask task, SplittableRandom rng, Vec3 start, SimObject object, double tableZ) {
    Vec3 c = object.centerM();
    if (task == SimTask.GRASP) {
      return GoalConfigurations.graspPointM(object);
    }
    for (int i = 0; i < MAX_DRAWS; i++) {
      double x = rng.nextDouble(0.35, 0.65);
      double y = rng.nextDouble(-0.25, 0.25);
      double horizontal = Math.hypot(x - c.x(), y - c.y());
      switch (task) {
        case REACH -> {
          Vec3 t = new Vec3(x, y, rng.nextDouble(0.10, 0.40));
          if (t.minus(start).norm() >= 0.10) {
            return t;
          }
        }
        case REACH_WITH_OBJECT -> {
          double z = rng.nextDouble(0.15, 0.35);
          if (horizontal >= 0.12) {
            return new Vec3(x, y, z);
          }
        }
        default -> {
          if (horizontal >= 0.15) {
            return new Vec3(x, y, tableZ);
          }
        }
      }
    }
    throw new IllegalStateException("no target found for " + task);
  }

  private static SimObject drawDistractor(
      ObjectKind kind, SplittableRandom rng, SimObject object, Vec3 target, double tableZ) {
    for (int i = 0; i < MAX_DRAWS; i++) {
      double x = rng.nextDouble(0.35, 0.65);
      double y = rng.nextDouble(-0.30, 0.30);
      double yaw = rng.nextDouble(-Math.PI, Math.PI);
      boolean clear =
          Math.hypot(x - object.centerM().x(), y - object.centerM().y()) >= 0.15
              && Math.hypot(x - target.x(), y - target.y()) >= 0.15;
      if (clear) {
        return SimObject.standing(kind, x, y, tableZ, yaw);
      }
    }
    throw new IllegalStateException("no place found for the " + kind.cliName());
  }

  /** The task object's kind. */
  public ObjectKind objectKind() {
    return object.kind();
  }

  /** The start configuration with the default arm settings. */
  public SimWorld startWorld() {
    return startWorld(SimArmConfig.defaults());
  }

  /**
   * The start configuration with given arm settings (e.g. another gripper); for reach-with-object
   * the object is held (grasped where it stood, then lifted with the hand to the start pose).
   */
  public SimWorld startWorld(SimArmConfig config) {
    if (task != SimTask.REACH_WITH_OBJECT) {
      return SimWorld.of(config, start, List.of(object, distractor));
    }
    SimWorld w = SimWorld.of(config, start, List.of(object, distractor));
    GoalConfigurations.graspWhereItStands(w, start, object);
    w.teleportArm(start);
    return w;
  }

  /** The goal configurations: one, or pick-and-place's three sub-goals (see GoalConfigurations). */
  public List<SimWorld> goalWorlds() {
    return GoalConfigurations.of(this, startWorld());
  }

  /** True when {@code world} meets the task's success condition (see SuccessRules). */
  public boolean isSuccess(SimWorld world) {
    return SuccessRules.isSuccess(this, world);
  }

  /** The task's remaining distance in metres (see SuccessRules). */
  public double distanceM(SimWorld world) {
    return SuccessRules.distanceM(this, world);
  }
}
