package dev.latentmpc.simharness.arm;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link MotionPlan}s: validates, clamps, checks the path by IK, times it. */
final class MotionPlanner {
  /** IK errors accepted at a path sample. */
  static final double ACCEPT_POSITION_M = 1e-3;

  static final double ACCEPT_ORIENTATION_RAD = 1e-2;

  private final SimArmConfig config;

  MotionPlanner(SimArmConfig config) {
    this.config = config;
  }

  /** Rejects non-finite or oversized deltas with a precise message. */
  void validate(Delta d) {
    if (d == null || !d.isFinite()) {
      throw new IllegalArgumentException("delta must be finite: " + d);
    }
    double m = config.maxAbsDeltaM();
    double r = config.maxAbsDeltaRad();
    if (Math.abs(d.dxM()) > m || Math.abs(d.dyM()) > m || Math.abs(d.dzM()) > m) {
      throw new IllegalArgumentException("delta translation exceeds ±" + m + " m per axis: " + d);
    }
    if (Math.abs(d.dRollRad()) > r || Math.abs(d.dPitchRad()) > r || Math.abs(d.dYawRad()) > r) {
      throw new IllegalArgumentException("delta rotation exceeds ±" + r + " rad per axis: " + d);
    }
    if (Math.abs(d.dGripper()) > config.maxAbsDeltaGripper()) {
      throw new IllegalArgumentException(
          "delta gripper exceeds ±" + config.maxAbsDeltaGripper() + ": " + d);
    }
  }

  /**
   * True when the hand and fingers at {@code tcp} clear the table by the margin and the payload (a
   * held object, which may still touch the table) is not below it.
   */
  boolean clearsTable(Pose tcp, Clearance c) {
    return HandGeometry.lowestZ(tcp, c.hand()) >= config.tableZM() + config.tableMarginM() - 1e-9
        && (c.payload().isEmpty()
            || HandGeometry.lowestZ(tcp, c.payload()) >= config.tableZM() - 1e-9);
  }

  /** How far a pose must be raised to clear the table (0 when it does). */
  double liftNeeded(Pose tcp, Clearance c) {
    double lift = config.tableZM() + config.tableMarginM() - HandGeometry.lowestZ(tcp, c.hand());
    if (!c.payload().isEmpty()) {
      lift = Math.max(lift, config.tableZM() - HandGeometry.lowestZ(tcp, c.payload()));
    }
    return Math.max(0, lift);
  }

  /**
   * The points whose height must clear the table, in the TCP frame.
   *
   * @param hand hand and finger corners at the widest opening of the move
   * @param payload hull points of a held object
   */
  record Clearance(List<Vec3> hand, List<Vec3> payload) {}

  /** The clearance points of a move between two states with a payload. */
  Clearance clearance(EeState a, EeState b, List<Vec3> payloadInTcp) {
    double opening =
        config.gripper().openingM(Math.min(a.gripperClosedness(), b.gripperClosedness()));
    return new Clearance(HandGeometry.corners(opening), List.copyOf(payloadInTcp));
  }

  MotionPlan plan(EeState start, double[] startQ, Delta d, List<Vec3> payloadInTcp) {
    validate(d);
    EeState raw = start.apply(d);
    Vec3 pos = config.workspace().clamp(raw.positionM());
    boolean[] flags = new boolean[3];
    flags[0] = !pos.equals(raw.positionM());
    Clearance points = clearance(start, raw, payloadInTcp);
    double lift = liftNeeded(new Pose(raw.rotation(), pos), points);
    if (lift > 0) {
      pos = pos.plus(new Vec3(0, 0, lift));
      flags[1] = true;
    }
    EeState target = raw.withPosition(pos);
    return checkPath(start, startQ, target, points, flags);
  }

  private MotionPlan checkPath(
      EeState start, double[] startQ, EeState target, Clearance points, boolean[] flags) {
    Vec3 dp = target.positionM().minus(start.positionM());
    double angle = Rotations.between(start.rotation(), target.rotation()).norm();
    int n =
        (int)
            Math.max(
                1,
                Math.ceil(Math.max(dp.norm() / config.pathStepM(), angle / config.pathStepRad())));
    List<double[]> joints = new ArrayList<>(List.of(startQ.clone()));
    int reached = 0;
    for (int k = 1; k <= n; k++) {
      Pose pose = poseAt(start, target, (double) k / n);
      if (!clearsTable(pose, points)) {
        break;
      }
      IkResult ik = config.ik().solve(pose, joints.get(k - 1));
      if (ik.positionErrorM() > ACCEPT_POSITION_M
          || ik.orientationErrorRad() > ACCEPT_ORIENTATION_RAD) {
        break;
      }
      joints.add(ik.jointsRad());
      reached = k;
    }
    double sEnd = (double) reached / n;
    EeState end = target;
    if (reached < n) {
      flags[2] = true;
      Pose stop = poseAt(start, target, sEnd);
      // Stuck at the start where wider fingers would touch the table: the gripper stays put too.
      boolean gripperFree = reached > 0 || clearsTable(start.pose(), points);
      double g = gripperFree ? target.gripperClosedness() : start.gripperClosedness();
      end = new EeState(stop.translation(), stop.rotation(), g);
    }
    double[] sampleS = new double[reached + 1];
    for (int k = 0; k <= reached; k++) {
      sampleS[k] = reached == 0 ? 1 : (double) k / reached;
    }
    return new MotionPlan(
        start,
        end,
        profile(start, end),
        gripperSeconds(start, end),
        flags,
        sampleS,
        joints.toArray(new double[0][]));
  }

  private SpeedProfile profile(EeState a, EeState b) {
    double f = config.speedFraction();
    double dist = b.positionM().minus(a.positionM()).norm();
    double angle = Rotations.between(a.rotation(), b.rotation()).norm();
    return SpeedProfile.synchronised(
        new double[] {dist, angle},
        new double[] {
          f * SimArmConfig.MAX_LINEAR_SPEED_MPS, f * SimArmConfig.MAX_ANGULAR_SPEED_RADPS
        },
        new double[] {
          f * SimArmConfig.MAX_LINEAR_ACCEL_MPS2, f * SimArmConfig.MAX_ANGULAR_ACCEL_RADPS2
        });
  }

  private double gripperSeconds(EeState a, EeState b) {
    return config.gripper().travelSeconds(a.gripperClosedness(), b.gripperClosedness());
  }

  static Pose poseAt(EeState a, EeState b, double s) {
    Vec3 p = a.positionM().plus(b.positionM().minus(a.positionM()).times(s));
    Rot3 r = Rotations.slerp(a.rotation(), b.rotation(), s);
    return new Pose(r, p);
  }
}
