package dev.latentmpc.simharness.arm;

import dev.latentmpc.simharness.geom.Vec3;

/**
 * A checked, time-parameterised end-effector motion: a straight line in position and the shortest
 * rotation in orientation, both following one trapezoidal speed profile, with the gripper moving at
 * its own speed; joint solutions at the checked samples along the path.
 *
 * <p>Immutable; {@link SimArm#execute} applies it up to a chosen time.
 */
public final class MotionPlan {
  private final EeState start;
  private final EeState end;
  private final SpeedProfile profile;
  private final double gripperSeconds;
  private final boolean clampedByWorkspace;
  private final boolean clampedByTable;
  private final boolean stoppedEarly;
  private final double[] sampleS;
  private final double[][] sampleJoints;

  MotionPlan(
      EeState start,
      EeState end,
      SpeedProfile profile,
      double gripperSeconds,
      boolean[] flags,
      double[] sampleS,
      double[][] sampleJoints) {
    this.start = start;
    this.end = end;
    this.profile = profile;
    this.gripperSeconds = gripperSeconds;
    this.clampedByWorkspace = flags[0];
    this.clampedByTable = flags[1];
    this.stoppedEarly = flags[2];
    this.sampleS = sampleS;
    this.sampleJoints = sampleJoints;
  }

  /** The state when the motion starts. */
  public EeState start() {
    return start;
  }

  /** The state when the motion ends (after clamping and any early stop). */
  public EeState end() {
    return end;
  }

  /** Total simulated duration, seconds. */
  public double durationSeconds() {
    return Math.max(profile.durationSeconds(), gripperSeconds);
  }

  /** The target was moved into the workspace box. */
  public boolean clampedByWorkspace() {
    return clampedByWorkspace;
  }

  /** The target was lifted above the table. */
  public boolean clampedByTable() {
    return clampedByTable;
  }

  /** The path was cut short (unreachable or touching the table). */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /** The end-effector state at time {@code t} seconds after the start. */
  public EeState stateAt(double t) {
    double s = profile.fraction(t);
    Vec3 p = start.positionM().plus(end.positionM().minus(start.positionM()).times(s));
    double g =
        gripperSeconds <= 0 || t >= gripperSeconds
            ? end.gripperClosedness()
            : start.gripperClosedness()
                + (end.gripperClosedness() - start.gripperClosedness())
                    * Math.max(0, t)
                    / gripperSeconds;
    return new EeState(
        p, Rotations.slerp(start.rotation(), end.rotation(), s), GripperModel.clip01(g));
  }

  /** Joint angles at time {@code t}, interpolated between the checked samples (a seed for IK). */
  public double[] jointsAt(double t) {
    double s = profile.fraction(t);
    int n = sampleS.length;
    if (s >= sampleS[n - 1] || n == 1) {
      return sampleJoints[n - 1].clone();
    }
    int i = 1;
    while (sampleS[i] < s) {
      i++;
    }
    double w = (s - sampleS[i - 1]) / (sampleS[i] - sampleS[i - 1]);
    double[] q = new double[PandaKinematics.JOINTS];
    for (int j = 0; j < q.length; j++) {
      q[j] = sampleJoints[i - 1][j] + w * (sampleJoints[i][j] - sampleJoints[i - 1][j]);
    }
    return q;
  }
}
