package dev.latentmpc.simharness.arm;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.List;
import java.util.Objects;

/**
 * The simulated Panda with its gripper: an end-effector state, the joint angles that realise it,
 * and a simulated clock that each move advances by its duration (nothing sleeps).
 *
 * <p>The end-effector state is the truth V-JEPA 2-AC sees; the joints come from IK along each path
 * (seeded from the previous joints) and are what the renderer draws. Not thread-safe: {@code
 * SimWorld} and {@code ArmIOSim} guard it.
 */
public final class SimArm {
  private final SimArmConfig config;
  private final MotionPlanner planner;
  private double[] jointsRad;
  private EeState state;
  private long simTimeNanos;

  /**
   * Creates the arm at a start state.
   *
   * @param config settings
   * @param start initial end-effector state (must be reachable and clear the table)
   */
  public SimArm(SimArmConfig config, EeState start) {
    this.config = Objects.requireNonNull(config, "config is null");
    this.planner = new MotionPlanner(config);
    teleport(start);
  }

  private SimArm(SimArm o) {
    this.config = o.config;
    this.planner = o.planner;
    this.jointsRad = o.jointsRad.clone();
    this.state = o.state;
    this.simTimeNanos = o.simTimeNanos;
  }

  /** The arm at Franka's ready pose with the gripper open. */
  public static SimArm atReady(SimArmConfig config) {
    Pose tcp = PandaKinematics.tcp(PandaKinematics.READY_Q);
    return new SimArm(config, new EeState(tcp.translation(), tcp.rotation(), 0));
  }

  /** The settings. */
  public SimArmConfig config() {
    return config;
  }

  /** The current end-effector state. */
  public EeState state() {
    return state;
  }

  /** The current joint angles (a copy), always within the joint limits. */
  public double[] jointsRad() {
    return jointsRad.clone();
  }

  /** All kinematic frames at the current joints (see {@link PandaKinematics#frames}). */
  public Pose[] frames() {
    return PandaKinematics.frames(jointsRad);
  }

  /** The current finger opening, metres (as commanded; a held object may hold it wider). */
  public double openingM() {
    return config.gripper().openingM(state.gripperClosedness());
  }

  /** Simulated time so far, nanoseconds. */
  public long simTimeNanos() {
    return simTimeNanos;
  }

  /** An independent copy. */
  public SimArm copy() {
    return new SimArm(this);
  }

  /**
   * Makes this arm's state, joints and clock those of {@code snapshot} (a copy of an arm with the
   * same settings).
   *
   * @throws IllegalArgumentException when the settings differ
   */
  public void restoreFrom(SimArm snapshot) {
    if (!snapshot.config.equals(config)) {
      throw new IllegalArgumentException("snapshot has other arm settings");
    }
    jointsRad = snapshot.jointsRad.clone();
    state = snapshot.state;
    simTimeNanos = snapshot.simTimeNanos;
  }

  /**
   * Plans a move without applying it.
   *
   * @param delta the V-JEPA 2-AC delta
   * @param payloadInTcp points of a held object in the TCP frame that must clear the table too
   * @return the checked plan
   * @throws IllegalArgumentException for non-finite or oversized deltas (nothing changes)
   */
  public MotionPlan plan(Delta delta, List<Vec3> payloadInTcp) {
    return planner.plan(state, jointsRad, delta, payloadInTcp);
  }

  /**
   * Applies a plan made from the current state, up to {@code maxSeconds} of its duration, and
   * advances the simulated clock by the time used.
   *
   * @param plan a plan from {@link #plan} whose start is the current state
   * @param maxSeconds time limit (a stop or timeout cuts the motion there)
   * @return what the move achieved
   */
  public MoveOutcome execute(MotionPlan plan, double maxSeconds) {
    if (plan.start() != state) {
      throw new IllegalStateException("plan was made from another state");
    }
    if (!(maxSeconds >= 0)) {
      throw new IllegalArgumentException("maxSeconds must be ≥ 0: " + maxSeconds);
    }
    double t = Math.min(plan.durationSeconds(), maxSeconds);
    EeState reached = plan.stateAt(t);
    double[] seed = plan.jointsAt(t);
    IkResult ik = config.ik().solve(reached.pose(), seed);
    jointsRad = ik.positionErrorM() <= MotionPlanner.ACCEPT_POSITION_M ? ik.jointsRad() : seed;
    state = reached;
    simTimeNanos += Math.round(t * 1e9);
    return new MoveOutcome(
        reached,
        t,
        plan.clampedByWorkspace(),
        plan.clampedByTable(),
        plan.stoppedEarly(),
        t < plan.durationSeconds());
  }

  /**
   * Sets the gripper closedness where the fingers actually stopped (an object between them blocks
   * them at its faces); the arm does not move and no time passes.
   *
   * @param closedness the closedness the fingers rest at, in [0, 1]
   */
  public void blockGripperAt(double closedness) {
    if (!(closedness >= 0 && closedness <= 1)) {
      throw new IllegalArgumentException("closedness must be in [0, 1]: " + closedness);
    }
    state = state.withGripper(closedness);
  }

  /** Plans and executes a move to the end (no payload). */
  public MoveOutcome move(Delta delta) {
    return execute(plan(delta, List.of()), Double.POSITIVE_INFINITY);
  }

  /**
   * Puts the arm at a state directly (episode set-up, goal configurations); no time passes.
   *
   * @param s the state; must be reachable and clear the table
   * @throws IllegalArgumentException when it is not
   */
  public void teleport(EeState s) {
    Objects.requireNonNull(s, "state is null");
    IkResult ik = config.ik().solve(s.pose(), InverseKinematics.COMFORT_Q);
    if (ik.positionErrorM() > MotionPlanner.ACCEPT_POSITION_M
        || ik.orientationErrorRad() > MotionPlanner.ACCEPT_ORIENTATION_RAD) {
      throw new IllegalArgumentException("end-effector pose is not reachable: " + s);
    }
    if (!planner.clearsTable(s.pose(), planner.clearance(s, s, List.of()))) {
      throw new IllegalArgumentException("hand would be inside the table: " + s);
    }
    jointsRad = ik.jointsRad();
    state = s;
  }

  /** True when a pose is reachable by IK from the comfortable posture (for episode sampling). */
  public boolean isReachable(Pose tcp) {
    IkResult ik = config.ik().solve(tcp, InverseKinematics.COMFORT_Q);
    return ik.positionErrorM() <= MotionPlanner.ACCEPT_POSITION_M
        && ik.orientationErrorRad() <= MotionPlanner.ACCEPT_ORIENTATION_RAD;
  }
}
