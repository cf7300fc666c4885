package dev.latentmpc.simharness.oracle;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.MoveOutcome;
import dev.latentmpc.simharness.arm.Rotations;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.GoalConfigurations;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.task.SuccessRules;
import dev.latentmpc.simharness.world.SimObject;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A scripted controller on ground truth. Each call looks at the world afresh (no hidden phase), so
 * it recovers from noise: not holding the object, it opens the gripper, flies above the object,
 * descends to its centre and closes (which completes a grasp); holding it, it flies to the target
 * (reach-with-object, which starts with the object in the hand), or carries it above the target,
 * lowers it to the table and opens (pick-and-place). Reach flies straight to the target. Rotations
 * are never commanded (as the paper's planner); see {@link OracleConfig} for the step bounds and
 * the demonstration noise.
 */
public final class Oracle {
  private static final double XY_TOLERANCE_M = 0.015;
  private static final double PLACE_CLEARANCE_M = 0.003;
  private static final double ROTATION_TOLERANCE_RAD = 0.005;
  private static final double MAX_ROTATION_STEP_RAD = 0.2;

  private final OracleConfig config;
  private final RandomGenerator rng;

  /**
   * Creates an oracle.
   *
   * @param config step bounds and noise
   * @param rng source of the noise (unused when the config has none)
   */
  public Oracle(OracleConfig config, RandomGenerator rng) {
    this.config = Objects.requireNonNull(config, "config is null");
    this.rng = Objects.requireNonNull(rng, "rng is null");
  }

  /** A noise-free oracle with the default bounds. */
  public static Oracle exact() {
    return new Oracle(OracleConfig.defaults(), RandomGenerator.of("L64X128MixRandom"));
  }

  /** A step budget that is ample for the noise-free oracle on every seeded episode of a task. */
  public static int defaultMaxSteps(SimTask task) {
    return switch (task) {
      case REACH -> 30;
      case GRASP -> 40;
      case REACH_WITH_OBJECT -> 50;
      case PICK_AND_PLACE -> 60;
    };
  }

  /** Runs an episode from its start world with the default arm settings. */
  public OracleResult run(Episode episode, int maxSteps) {
    return run(episode, episode.startWorld(), maxSteps, (i, before, a, out, w) -> {});
  }

  /**
   * Runs until the task succeeds or {@code maxSteps} moves were made.
   *
   * @param episode the episode
   * @param world its world, moved in place
   * @param maxSteps step budget, ≥ 0
   * @param listener told about each step
   * @return success, steps, final distance and simulated time
   */
  public OracleResult run(Episode episode, SimWorld world, int maxSteps, StepListener listener) {
    if (maxSteps < 0) {
      throw new IllegalArgumentException("maxSteps must be ≥ 0: " + maxSteps);
    }
    int steps = 0;
    double seconds = 0;
    while (steps < maxSteps && !episode.isSuccess(world)) {
      EeState before = world.state();
      Delta action = nextDelta(episode, world);
      MoveOutcome out = world.move(action);
      seconds += out.durationSeconds();
      listener.onStep(steps, before, action, out, world);
      steps++;
    }
    return new OracleResult(episode.isSuccess(world), steps, episode.distanceM(world), seconds);
  }

  /** The next action: the scripted one with the configured noise. */
  public Delta nextDelta(Episode episode, SimWorld world) {
    Delta d = scriptedDelta(episode, world);
    if (!config.isNoisy()) {
      return d;
    }
    if (rng.nextDouble() < config.randomActionProbability()) {
      return randomDelta();
    }
    double s = config.noiseStdM();
    double r = config.noiseStdRad();
    return bounded(
        new Vec3(
            d.dxM() + s * rng.nextGaussian(),
            d.dyM() + s * rng.nextGaussian(),
            d.dzM() + s * rng.nextGaussian()),
        new Vec3(r * rng.nextGaussian(), r * rng.nextGaussian(), r * rng.nextGaussian()),
        d.dGripper());
  }

  /** A uniformly random action within the step bounds (the dataset's random motions). */
  public Delta randomDelta() {
    double m = config.maxStepM();
    Vec3 t = new Vec3(rng.nextDouble(-m, m), rng.nextDouble(-m, m), rng.nextDouble(-m, m));
    double g = rng.nextBoolean() ? rng.nextDouble(-1, 1) * config.maxGripperStep() : 0;
    return bounded(t, Vec3.ZERO, g);
  }

  /**
   * The noise-free scripted action for the world's current ground truth; it also turns the hand
   * back towards the start orientation when noise has rotated it.
   */
  public Delta scriptedDelta(Episode e, SimWorld w) {
    return e.isSuccess(w) ? Delta.ZERO : withUpright(translationStep(e, w), e, w);
  }

  private Delta translationStep(Episode e, SimWorld w) {
    Vec3 p = w.state().positionM();
    if (e.task() == SimTask.REACH) {
      return toward(p, e.targetM(), 0);
    }
    if (!SuccessRules.holds(e, w)) {
      return approachAndGrasp(e, w, p);
    }
    double keepClosed = Math.min(config.maxGripperStep(), 1 - w.state().gripperClosedness());
    // holding is already a grasp's success; reach-with-object carries, pick-and-place places
    return e.task() == SimTask.PICK_AND_PLACE
        ? carryAndPlace(e, w, p, keepClosed)
        : toward(p, e.targetM(), keepClosed);
  }

  private Delta approachAndGrasp(Episode e, SimWorld w, Vec3 p) {
    double g = w.state().gripperClosedness();
    if (g >= w.rules().graspClosedness()) {
      return gripperOnly(-config.maxGripperStep()); // closed on nothing: open first
    }
    SimObject o = w.object(e.objectKind()).orElseThrow();
    Vec3 grasp = GoalConfigurations.graspPointM(o);
    double open = -Math.min(config.maxGripperStep(), g);
    if (Math.hypot(grasp.x() - p.x(), grasp.y() - p.y()) > XY_TOLERANCE_M) {
      return toward(p, grasp.plus(new Vec3(0, 0, config.approachHeightM())), open);
    }
    if (grasp.minus(p).norm() > config.positionToleranceM()) {
      return toward(p, grasp, open);
    }
    return gripperOnly(config.maxGripperStep());
  }

  private Delta carryAndPlace(Episode e, SimWorld w, Vec3 p, double keepClosed) {
    SimObject o = w.object(e.objectKind()).orElseThrow();
    Vec3 t = e.targetM();
    double drop = o.bottomZ() - (t.z() + PLACE_CLEARANCE_M);
    Vec3 place =
        new Vec3(t.x() + p.x() - o.centerM().x(), t.y() + p.y() - o.centerM().y(), p.z() - drop);
    if (Math.hypot(place.x() - p.x(), place.y() - p.y()) > XY_TOLERANCE_M) {
      return toward(p, place.plus(new Vec3(0, 0, GoalConfigurations.LIFT_HEIGHT_M)), keepClosed);
    }
    if (place.minus(p).norm() > config.positionToleranceM()) {
      return toward(p, place, keepClosed);
    }
    return gripperOnly(-config.maxGripperStep());
  }

  private Delta toward(Vec3 from, Vec3 to, double dGripper) {
    return bounded(to.minus(from), Vec3.ZERO, dGripper);
  }

  /** The scripted action plus a rotation back towards the episode's start orientation. */
  private Delta withUpright(Delta d, Episode e, SimWorld w) {
    Vec3 v = Rotations.between(w.state().rotation(), e.start().rotation());
    double angle = v.norm();
    if (angle < ROTATION_TOLERANCE_RAD) {
      return d;
    }
    double[] euler =
        Rotations.exp(v.times(Math.min(1, MAX_ROTATION_STEP_RAD / angle))).toEulerXyz();
    return new Delta(d.dxM(), d.dyM(), d.dzM(), euler[0], euler[1], euler[2], d.dGripper());
  }

  private Delta gripperOnly(double dGripper) {
    return new Delta(0, 0, 0, 0, 0, 0, dGripper);
  }

  /** Scales the translation into the Euclidean and L1 bounds and clips the gripper step. */
  private Delta bounded(Vec3 t, Vec3 rot, double dGripper) {
    double scale = 1;
    double n = t.norm();
    if (n > config.maxStepM()) {
      scale = config.maxStepM() / n;
    }
    double l1 = (Math.abs(t.x()) + Math.abs(t.y()) + Math.abs(t.z())) * scale;
    if (l1 > config.maxStepL1M()) {
      scale *= config.maxStepL1M() / l1;
    }
    double g = Math.max(-config.maxGripperStep(), Math.min(config.maxGripperStep(), dGripper));
    return new Delta(t.x() * scale, t.y() * scale, t.z() * scale, rot.x(), rot.y(), rot.z(), g);
  }
}
