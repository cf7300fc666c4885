package dev.latentmpc.simharness.arm;

import java.util.Objects;

/**
 * Settings of the simulated arm, validated once.
 *
 * @param workspace box the TCP target is clamped into
 * @param gripper gripper opening range and speed
 * @param speedFraction fraction of the Panda's Cartesian velocity and acceleration limits used (0
 *     &lt; f ≤ 1); the default 0.25 moves 5 cm in ≈ 0.25 s, one 4-fps step
 * @param tableZM height of the table surface
 * @param tableMarginM how far above the table the hand, fingers and a held object must stay
 * @param maxAbsDeltaM largest accepted |Δx|, |Δy|, |Δz| per command; beyond is an error
 * @param maxAbsDeltaRad largest accepted |Δroll|, |Δpitch|, |Δyaw| per command
 * @param maxAbsDeltaGripper largest accepted |Δgripper| per command
 * @param pathStepM spacing of the IK checks along the path, metres
 * @param pathStepRad spacing of the IK checks along the rotation, radians
 * @param ik the IK solver
 */
public record SimArmConfig(
    Workspace workspace,
    GripperModel gripper,
    double speedFraction,
    double tableZM,
    double tableMarginM,
    double maxAbsDeltaM,
    double maxAbsDeltaRad,
    double maxAbsDeltaGripper,
    double pathStepM,
    double pathStepRad,
    InverseKinematics ik) {
  /** Panda Cartesian translation speed limit, m/s. */
  public static final double MAX_LINEAR_SPEED_MPS = 1.7;

  /** Panda Cartesian translation acceleration limit, m/s². */
  public static final double MAX_LINEAR_ACCEL_MPS2 = 13.0;

  /** Panda Cartesian rotation speed limit, rad/s. */
  public static final double MAX_ANGULAR_SPEED_RADPS = 2.5;

  /** Panda Cartesian rotation acceleration limit, rad/s². */
  public static final double MAX_ANGULAR_ACCEL_RADPS2 = 25.0;

  /** Validates every field; all problems are reported together. */
  public SimArmConfig {
    Objects.requireNonNull(workspace, "workspace is null");
    Objects.requireNonNull(gripper, "gripper is null");
    Objects.requireNonNull(ik, "ik is null");
    StringBuilder bad = new StringBuilder();
    check(bad, speedFraction > 0 && speedFraction <= 1, "speedFraction must be in (0, 1]");
    check(bad, Double.isFinite(tableZM), "tableZM must be finite");
    check(bad, tableMarginM >= 0 && tableMarginM < 0.1, "tableMarginM must be in [0, 0.1)");
    check(bad, maxAbsDeltaM > 0 && maxAbsDeltaM <= 10, "maxAbsDeltaM must be in (0, 10]");
    check(bad, maxAbsDeltaRad > 0 && maxAbsDeltaRad <= 2 * Math.PI, "maxAbsDeltaRad in (0, 2π]");
    check(bad, maxAbsDeltaGripper > 0 && maxAbsDeltaGripper <= 1, "maxAbsDeltaGripper in (0, 1]");
    check(bad, pathStepM > 0 && pathStepM <= 0.1, "pathStepM must be in (0, 0.1]");
    check(bad, pathStepRad > 0 && pathStepRad <= 0.5, "pathStepRad must be in (0, 0.5]");
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("invalid sim arm config:" + bad);
    }
  }

  /** The defaults: Franka hand, default workspace, 25 % of the Cartesian limits. */
  public static SimArmConfig defaults() {
    return new SimArmConfig(
        Workspace.DEFAULT,
        GripperModel.FRANKA_HAND,
        0.25,
        0.0,
        0.003,
        1.0,
        Math.PI,
        1.0,
        0.005,
        0.05,
        InverseKinematics.panda());
  }

  /** A copy with another gripper. */
  public SimArmConfig withGripper(GripperModel g) {
    return new SimArmConfig(
        workspace,
        g,
        speedFraction,
        tableZM,
        tableMarginM,
        maxAbsDeltaM,
        maxAbsDeltaRad,
        maxAbsDeltaGripper,
        pathStepM,
        pathStepRad,
        ik);
  }

  /** A copy with another workspace box. */
  public SimArmConfig withWorkspace(Workspace w) {
    return new SimArmConfig(
        w,
        gripper,
        speedFraction,
        tableZM,
        tableMarginM,
        maxAbsDeltaM,
        maxAbsDeltaRad,
        maxAbsDeltaGripper,
        pathStepM,
        pathStepRad,
        ik);
  }

  /** A copy with another speed fraction. */
  public SimArmConfig withSpeedFraction(double f) {
    return new SimArmConfig(
        workspace,
        gripper,
        f,
        tableZM,
        tableMarginM,
        maxAbsDeltaM,
        maxAbsDeltaRad,
        maxAbsDeltaGripper,
        pathStepM,
        pathStepRad,
        ik);
  }

  private static void check(StringBuilder bad, boolean ok, String message) {
    if (!ok) {
      bad.append(' ').append(message).append(';');
    }
  }
}
