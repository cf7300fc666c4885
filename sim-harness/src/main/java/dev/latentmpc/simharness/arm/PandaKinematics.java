package dev.latentmpc.simharness.arm;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.worldmodel.StateConvention;

/**
 * Forward kinematics of the Franka Panda from Franka's modified Denavit–Hartenberg parameters
 * (Craig's convention: T(i−1→i) = RotX(α) · TransX(a) · RotZ(q_i) · TransZ(d)).
 *
 * <p>The end effector (TCP) is the point between the fingertips of the Franka hand: the hand is
 * mounted on the flange rotated −45° about the flange z axis and the TCP lies 0.1034 m further
 * along z. With the hand pointing down, the TCP's orientation at the ready pose is roughly roll =
 * π, pitch = 0, yaw = 0.
 */
public final class PandaKinematics {
  /** Number of arm joints. */
  public static final int JOINTS = 7;

  /** Flange offset along the last joint axis, metres. */
  public static final double FLANGE_D_M = 0.107;

  /** TCP offset beyond the flange along the hand's z axis, metres. */
  public static final double TCP_OFFSET_M = 0.1034;

  /** Hand rotation about the flange z axis, radians. */
  public static final double HAND_YAW_RAD = -Math.PI / 4;

  /**
   * What the simulator's 7-D states describe: the TCP, {@link #TCP_OFFSET_M} beyond the flange and
   * rotated {@link #HAND_YAW_RAD} about its z axis, with extrinsic xyz Euler angles and gripper
   * closedness. Bundles trained on the simulator record it, and the sim and its bridge report it.
   */
  public static final StateConvention STATE_CONVENTION =
      new StateConvention(
          "franka_hand_tcp",
          TCP_OFFSET_M,
          HAND_YAW_RAD,
          StateConvention.EXTRINSIC_XYZ,
          StateConvention.CLOSEDNESS);

  /** Franka's ready pose, radians. */
  public static final double[] READY_Q = {
    0, -Math.PI / 4, 0, -3 * Math.PI / 4, 0, Math.PI / 2, Math.PI / 4
  };

  // Modified DH rows for joints 1..7: a (m), d (m), alpha (rad).
  private static final double[] A = {0, 0, 0, 0.0825, -0.0825, 0, 0.088};
  private static final double[] D = {0.333, 0, 0.316, 0, 0.384, 0, 0};
  private static final double[] ALPHA = {
    0, -Math.PI / 2, Math.PI / 2, Math.PI / 2, -Math.PI / 2, Math.PI / 2, Math.PI / 2
  };

  private static final Pose FLANGE_TO_TCP =
      new Pose(Rot3.axisAngle(new Vec3(0, 0, 1), HAND_YAW_RAD), new Vec3(0, 0, TCP_OFFSET_M));

  private PandaKinematics() {}

  /**
   * All frames in the base frame: index 0 is the base, 1..7 the joint frames (the frame of joint i
   * rotates about its own z axis), 8 the flange, 9 the TCP.
   *
   * @param q seven joint angles, radians
   * @return ten poses
   */
  public static Pose[] frames(double[] q) {
    if (q.length != JOINTS) {
      throw new IllegalArgumentException("the Panda has 7 joints, got " + q.length);
    }
    Pose[] f = new Pose[JOINTS + 3];
    f[0] = Pose.IDENTITY;
    for (int i = 0; i < JOINTS; i++) {
      f[i + 1] = f[i].times(link(A[i], D[i], ALPHA[i], q[i]));
    }
    f[JOINTS + 1] = f[JOINTS].times(link(0, FLANGE_D_M, 0, 0));
    f[JOINTS + 2] = f[JOINTS + 1].times(FLANGE_TO_TCP);
    return f;
  }

  /** The flange pose for joints {@code q} (no hand). */
  public static Pose flange(double[] q) {
    return frames(q)[JOINTS + 1];
  }

  /** The TCP pose for joints {@code q}. */
  public static Pose tcp(double[] q) {
    return frames(q)[JOINTS + 2];
  }

  /** One modified-DH link transform. */
  static Pose link(double a, double d, double alpha, double theta) {
    double ca = Math.cos(alpha), sa = Math.sin(alpha);
    double ct = Math.cos(theta), st = Math.sin(theta);
    Rot3 r = Rot3.ofRows(ct, -st, 0, st * ca, ct * ca, -sa, st * sa, ct * sa, ca);
    return new Pose(r, new Vec3(a, -sa * d, ca * d));
  }
}
