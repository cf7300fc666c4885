package dev.latentmpc.simharness.world;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.MotionPlan;
import dev.latentmpc.simharness.arm.MoveOutcome;
import dev.latentmpc.simharness.arm.SimArm;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.render.Shape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulated scene: the arm and gripper, the objects on the table (at most one of each kind),
 * which object is held, and an optional target marker.
 *
 * <p>Moves follow {@link SimArm}; after each move the grasp rules ({@link GraspRules}) run: an
 * object caught by the closing fingers becomes held and moves rigidly with the hand, and the
 * fingers rest on its faces, so the gripper state reads the object's width as a real gripper's does
 * (commanding it closed further changes nothing); any opening beyond its faces releases it and it
 * settles on the surface below. A held object is part of the table-clearance check, so nothing
 * passes through the table. Fingers coming down onto a loose object they do not straddle stop on
 * its top ({@link Contacts}); there is no other contact between the hand and the objects (a
 * sideways move passes through them); an object whose support is grasped away falls to the surface
 * below it. All methods are synchronised on the world, so a renderer may call {@link #shapes()}
 * while another thread moves the arm.
 */
public final class SimWorld {
  private final SimArm arm;
  private final GraspRules rules;
  private final Map<ObjectKind, SimObject> objects = new EnumMap<>(ObjectKind.class);
  private ObjectKind held;
  private Pose heldInTcp;
  private Vec3 targetMarkerM;

  /**
   * Creates a world.
   *
   * @param arm the arm (owned by the world from now on)
   * @param objects upright objects resting on the table, at most one per kind, not overlapping
   * @param rules grasp rules
   */
  public SimWorld(SimArm arm, List<SimObject> objects, GraspRules rules) {
    this.arm = Objects.requireNonNull(arm, "arm is null");
    this.rules = Objects.requireNonNull(rules, "rules is null");
    for (SimObject o : objects) {
      if (this.objects.containsKey(o.kind())) {
        throw new IllegalArgumentException("at most one " + o.kind().cliName() + " per scene");
      }
      if (!Grasping.isResting(o, this.objects.values(), tableZ())) {
        throw new IllegalArgumentException(
            o.kind().cliName() + " must stand upright on the table, apart from other objects");
      }
      this.objects.put(o.kind(), o);
    }
  }

  private SimWorld(SimWorld o) {
    this.arm = o.arm.copy();
    this.rules = o.rules;
    this.objects.putAll(o.objects);
    this.held = o.held;
    this.heldInTcp = o.heldInTcp;
    this.targetMarkerM = o.targetMarkerM;
  }

  /** A world with default grasp rules and an arm at {@code start}. */
  public static SimWorld of(SimArmConfig config, EeState start, List<SimObject> objects) {
    return new SimWorld(new SimArm(config, start), objects, GraspRules.DEFAULT);
  }

  /** An independent copy (snapshot); the copy's later moves do not affect this world. */
  public synchronized SimWorld copy() {
    return new SimWorld(this);
  }

  /**
   * Returns this world to a snapshot taken with {@link #copy()} (same arm settings and rules).
   *
   * @param snapshot an earlier copy of this world
   * @throws IllegalArgumentException when the snapshot has other settings
   */
  public void restore(SimWorld snapshot) {
    SimWorld s = snapshot.copy(); // locks only the snapshot
    synchronized (this) {
      if (!s.rules.equals(rules)) {
        throw new IllegalArgumentException("snapshot has other grasp rules");
      }
      arm.restoreFrom(s.arm);
      objects.clear();
      objects.putAll(s.objects);
      held = s.held;
      heldInTcp = s.heldInTcp;
      targetMarkerM = s.targetMarkerM;
    }
  }

  /** The arm settings. */
  public SimArmConfig armConfig() {
    return arm.config();
  }

  /** The grasp rules. */
  public GraspRules rules() {
    return rules;
  }

  /** Height of the table surface. */
  public double tableZ() {
    return arm.config().tableZM();
  }

  /** The end-effector state. */
  public synchronized EeState state() {
    return arm.state();
  }

  /** The end-effector state as the controller's {@link ArmState}. */
  public synchronized ArmState armState(long timestampNanos) {
    return arm.state().toArmState(timestampNanos);
  }

  /** The arm's joint angles (a copy). */
  public synchronized double[] jointsRad() {
    return arm.jointsRad();
  }

  /** Simulated time so far, nanoseconds. */
  public synchronized long simTimeNanos() {
    return arm.simTimeNanos();
  }

  /** The finger opening as drawn: the commanded opening, or wider where a held object blocks it. */
  public synchronized double fingerOpeningM() {
    double opening = arm.openingM();
    if (held != null) {
      opening = Math.max(opening, objects.get(held).extentAlong(tcp().rotation().column(1)));
    }
    return opening;
  }

  /** The objects in kind order. */
  public synchronized List<SimObject> objects() {
    return List.copyOf(objects.values());
  }

  /** The object of a kind, if the scene has one. */
  public synchronized Optional<SimObject> object(ObjectKind kind) {
    return Optional.ofNullable(objects.get(kind));
  }

  /** The held object's kind, if any. */
  public synchronized Optional<ObjectKind> heldObject() {
    return Optional.ofNullable(held);
  }

  /** The target marker position, if one is shown. */
  public synchronized Optional<Vec3> targetMarkerM() {
    return Optional.ofNullable(targetMarkerM);
  }

  /** Shows a target marker at {@code positionM} (a small sphere), or hides it when null. */
  public synchronized void setTargetMarker(Vec3 positionM) {
    if (positionM != null && !positionM.isFinite()) {
      throw new IllegalArgumentException("marker position must be finite: " + positionM);
    }
    this.targetMarkerM = positionM;
  }

  /** The shapes to render: table, robot, hand, fingers, objects, marker (world metres). */
  public synchronized List<Shape> shapes() {
    return SceneShapes.build(this, arm.frames());
  }

  /**
   * Moves by a delta to the end (blocking in simulated time).
   *
   * @throws IllegalArgumentException for non-finite or oversized deltas; nothing changes
   */
  public synchronized MoveOutcome move(Delta delta) {
    return execute(plan(delta), Double.POSITIVE_INFINITY);
  }

  /**
   * Plans a move from the current state, counting a held object in the table clearance; a move that
   * would bring a finger down into a loose object it does not straddle ends with the finger on the
   * object's top instead ({@link Contacts}).
   */
  public synchronized MotionPlan plan(Delta delta) {
    List<Vec3> payload = List.of();
    if (held != null) {
      SimObject local = new SimObject(held, heldInTcp);
      payload = local.hullPointsM();
    }
    MotionPlan plan = arm.plan(delta, payload);
    double raise = Contacts.raiseNeeded(plan, others(held), armConfig().gripper(), rules);
    if (raise > 0) {
      // end where the clamped move ended, raised: the table lift and workspace clamp stay applied
      double endZ = plan.end().positionM().z() + raise;
      double dz = Math.min(armConfig().maxAbsDeltaM(), endZ - plan.start().positionM().z());
      plan = arm.plan(delta.withDzM(dz), payload);
    }
    return plan;
  }

  /**
   * Executes a plan from {@link #plan} up to {@code maxSeconds}, then applies the grasp rules.
   *
   * @return what the move achieved
   */
  public synchronized MoveOutcome execute(MotionPlan plan, double maxSeconds) {
    double openingBefore = armConfig().gripper().openingM(plan.start().gripperClosedness());
    MoveOutcome out = arm.execute(plan, maxSeconds);
    followHand();
    double closedness = out.reached().gripperClosedness();
    if (held != null && closedness < contactClosedness(held) - 1e-9) {
      release();
    } else if (held == null
        && plan.start().gripperClosedness() < rules.graspClosedness()
        && closedness >= rules.graspClosedness()) {
      tryGrasp(openingBefore);
    }
    settleLoose();
    if (held != null) {
      arm.blockGripperAt(contactClosedness(held));
      out =
          new MoveOutcome(
              arm.state(),
              out.durationSeconds(),
              out.clampedByWorkspace(),
              out.clampedByTable(),
              out.stoppedEarly(),
              out.timedOut());
    }
    return out;
  }

  /** The closedness at which the fingers rest on a held object's faces. */
  private double contactClosedness(ObjectKind kind) {
    double extent = objects.get(kind).extentAlong(tcp().rotation().column(1));
    return armConfig().gripper().closedness(extent);
  }

  /**
   * Puts the arm at a state directly (episode set-up, goal configurations); a held object follows.
   *
   * @throws IllegalArgumentException when the pose is unreachable or the hand or held object would
   *     be inside the table
   */
  public synchronized void teleportArm(EeState s) {
    if (held != null) {
      SimObject moved = new SimObject(held, s.pose().times(heldInTcp));
      if (moved.bottomZ() < tableZ() - 1e-9) {
        throw new IllegalArgumentException("held object would be inside the table: " + s);
      }
    }
    arm.teleport(s);
    followHand();
    settleLoose();
  }

  /**
   * Makes an object held at its current offset from the hand, as if grasped (goal configurations,
   * episode starts); the fingers come to rest on its faces, so the gripper closedness becomes the
   * object's contact closedness.
   */
  public synchronized void attach(ObjectKind kind) {
    SimObject o = objects.get(kind);
    if (o == null) {
      throw new IllegalArgumentException("no " + kind.cliName() + " in the scene");
    }
    held = kind;
    heldInTcp = tcp().inverse().times(o.pose());
    arm.blockGripperAt(contactClosedness(kind));
  }

  /** Moves a loose object to stand upright at (x, y) with a yaw, on whatever surface is there. */
  public synchronized void placeObject(ObjectKind kind, double x, double y, double yawRad) {
    if (!objects.containsKey(kind) || kind == held) {
      throw new IllegalArgumentException("no loose " + kind.cliName() + " to place");
    }
    SimObject probe = SimObject.standing(kind, x, y, tableZ(), yawRad);
    objects.put(kind, Grasping.settle(probe, others(kind), tableZ()));
  }

  private Pose tcp() {
    return arm.state().pose();
  }

  private void followHand() {
    if (held != null) {
      objects.put(held, new SimObject(held, tcp().times(heldInTcp)));
    }
  }

  private void release() {
    SimObject o = objects.get(held);
    ObjectKind kind = held;
    held = null;
    heldInTcp = null;
    objects.put(kind, Grasping.settle(o, others(kind), tableZ()));
  }

  private void tryGrasp(double openingBeforeM) {
    ObjectKind best = null;
    Pose bestInTcp = null;
    double bestDist = Double.POSITIVE_INFINITY;
    for (SimObject o : objects.values()) {
      Optional<Pose> inTcp = Grasping.graspedPoseInTcp(o, tcp(), openingBeforeM, rules, tableZ());
      double dist = o.centerM().minus(tcp().translation()).norm();
      if (inTcp.isPresent() && dist < bestDist) {
        best = o.kind();
        bestInTcp = inTcp.get();
        bestDist = dist;
      }
    }
    if (best != null) {
      held = best;
      heldInTcp = bestInTcp;
      followHand();
    }
  }

  /** Loose objects whose support moved away (e.g. lifted from under them) fall down. */
  private void settleLoose() {
    for (ObjectKind k : List.copyOf(objects.keySet())) {
      if (k != held) {
        List<SimObject> rest = others(k);
        SimObject o = objects.get(k);
        if (!Grasping.isResting(o, rest, tableZ())) {
          objects.put(k, Grasping.settle(o, rest, tableZ()));
        }
      }
    }
  }

  private List<SimObject> others(ObjectKind kind) {
    List<SimObject> out = new ArrayList<>();
    for (SimObject o : objects.values()) {
      if (o.kind() != kind && o.kind() != held) {
        out.add(o);
      }
    }
    return out;
  }
}
