package dev.latentmpc.simharness.arm;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.Arrays;
import java.util.Objects;

/**
 * Damped least-squares IK on the 6-D TCP pose error, seeded from given joints.
 *
 * <p>Each iteration solves Δq = Jᵀ(JJᵀ + λ²I)⁻¹e, adds a null-space pull towards a comfortable
 * posture, limits the step, and clamps to the joint limits; joints that would leave their limits
 * are removed from the Jacobian and the step recomputed, so the remaining joints make up for them.
 * The result always lies within the limits.
 *
 * @param limits joint limits
 * @param restRad the comfortable posture the redundancy is pulled towards
 * @param maxIterations iterations before giving up
 * @param positionToleranceM convergence tolerance on position
 * @param orientationToleranceRad convergence tolerance on orientation
 */
public record InverseKinematics(
    JointLimits limits,
    double[] restRad,
    int maxIterations,
    double positionToleranceM,
    double orientationToleranceRad) {
  /** The comfortable posture: Franka's ready pose with the elbow a little higher. */
  public static final double[] COMFORT_Q = {0, -0.785, 0, -2.356, 0, 1.571, 0.785};

  private static final double DAMPING = 0.02;
  private static final double NULL_GAIN = 0.05;
  private static final double PROJECTOR_EPSILON = 1e-6;
  private static final double MAX_STEP_RAD = 0.25;
  private static final double MAX_POSITION_ERROR_M = 0.1;
  private static final double MAX_ORIENTATION_ERROR_RAD = 0.5;
  // Give up when the error has not dropped by 0.5 % in 10 iterations (a limit or the reach).
  private static final double STALL_IMPROVEMENT = 0.005;
  private static final int STALL_ITERATIONS = 10;

  /** Validates the settings. */
  public InverseKinematics {
    if (restRad.length != PandaKinematics.JOINTS || !limits.contains(restRad)) {
      throw new IllegalArgumentException("the rest posture must be 7 joints within the limits");
    }
    if (maxIterations < 1 || !(positionToleranceM > 0) || !(orientationToleranceRad > 0)) {
      throw new IllegalArgumentException("IK needs ≥ 1 iteration and positive tolerances");
    }
    restRad = restRad.clone();
  }

  /** The default solver: Panda limits, comfortable rest posture, 0.1 mm / 1 mrad tolerances. */
  public static InverseKinematics panda() {
    return new InverseKinematics(JointLimits.PANDA, COMFORT_Q, 200, 1e-4, 1e-3);
  }

  /** The rest posture (a copy). */
  @Override
  public double[] restRad() {
    return restRad.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InverseKinematics k
        && limits.equals(k.limits)
        && Arrays.equals(restRad, k.restRad)
        && maxIterations == k.maxIterations
        && positionToleranceM == k.positionToleranceM
        && orientationToleranceRad == k.orientationToleranceRad;
  }

  @Override
  public int hashCode() {
    return Objects.hash(limits, Arrays.hashCode(restRad), maxIterations, positionToleranceM);
  }

  @Override
  public String toString() {
    return "InverseKinematics[rest="
        + Arrays.toString(restRad)
        + ", maxIterations="
        + maxIterations
        + ", tolerances="
        + positionToleranceM
        + " m, "
        + orientationToleranceRad
        + " rad]";
  }

  /**
   * Solves for joints that put the TCP at {@code target}.
   *
   * @param target desired TCP pose in the base frame
   * @param seedRad starting joints (clamped into the limits first)
   * @return the best solution found; check {@link IkResult#converged()}
   */
  public IkResult solve(Pose target, double[] seedRad) {
    double[] q = limits.clampInPlace(seedRad.clone());
    double best = Double.POSITIVE_INFINITY;
    int stalled = 0;
    for (int it = 0; ; it++) {
      Pose[] f = PandaKinematics.frames(q);
      Pose tcp = f[f.length - 1];
      Vec3 ep = target.translation().minus(tcp.translation());
      Vec3 ew = Rotations.between(tcp.rotation(), target.rotation());
      boolean done = ep.norm() <= positionToleranceM && ew.norm() <= orientationToleranceRad;
      double err = ep.norm() + 0.1 * ew.norm();
      stalled = err < best * (1 - STALL_IMPROVEMENT) ? 0 : stalled + 1;
      best = Math.min(best, err);
      if (done || it == maxIterations || stalled > STALL_ITERATIONS) {
        return new IkResult(q, ep.norm(), ew.norm(), done, it);
      }
      double[] e = concat(cap(ep, MAX_POSITION_ERROR_M), cap(ew, MAX_ORIENTATION_ERROR_RAD));
      double[][] jac = jacobian(f);
      double[] dq = step(jac, e, q, new boolean[PandaKinematics.JOINTS]);
      boolean[] locked = lockedJoints(q, dq);
      if (anyTrue(locked)) {
        dq = step(jac, e, q, locked);
      }
      scaleToMax(dq, MAX_STEP_RAD);
      for (int i = 0; i < q.length; i++) {
        q[i] += dq[i];
      }
      limits.clampInPlace(q);
    }
  }

  /** Geometric Jacobian (6×7, rows vx vy vz wx wy wz) of the TCP from all frames. */
  static double[][] jacobian(Pose[] f) {
    Vec3 p = f[f.length - 1].translation();
    double[][] jac = new double[6][PandaKinematics.JOINTS];
    for (int i = 0; i < PandaKinematics.JOINTS; i++) {
      Vec3 z = f[i + 1].rotation().column(2);
      Vec3 v = z.cross(p.minus(f[i + 1].translation()));
      double[] col = {v.x(), v.y(), v.z(), z.x(), z.y(), z.z()};
      for (int r = 0; r < 6; r++) {
        jac[r][i] = col[r];
      }
    }
    return jac;
  }

  /**
   * One DLS step with a null-space pull; locked joints get no motion. Δq = Jᵀ(JJᵀ + λ²I)⁻¹e + (I −
   * Jᵀ(JJᵀ + εI)⁻¹J)·z: the pull z is projected with an (almost) undamped inverse, so it leaks
   * almost nothing into the pose and the solve still converges to the tolerances.
   */
  private double[] step(double[][] jac, double[] e, double[] q, boolean[] locked) {
    int n = PandaKinematics.JOINTS;
    double[][] j = new double[6][n];
    double[] z = new double[n];
    for (int c = 0; c < n; c++) {
      z[c] = locked[c] ? 0 : NULL_GAIN * (restRad[c] - q[c]);
      for (int r = 0; r < 6; r++) {
        j[r][c] = locked[c] ? 0 : jac[r][c];
      }
    }
    double[] jz = new double[6];
    for (int r = 0; r < 6; r++) {
      for (int c = 0; c < n; c++) {
        jz[r] += j[r][c] * z[c];
      }
    }
    double[] y1 = Cholesky.solve(gram(j, DAMPING * DAMPING), e);
    double[] y2 = Cholesky.solve(gram(j, PROJECTOR_EPSILON), jz);
    double[] dq = z;
    for (int c = 0; c < n; c++) {
      for (int r = 0; r < 6; r++) {
        dq[c] += j[r][c] * (y1[r] - y2[r]);
      }
    }
    return dq;
  }

  /** JJᵀ + d·I. */
  private static double[][] gram(double[][] j, double d) {
    double[][] a = new double[6][6];
    for (int r = 0; r < 6; r++) {
      for (int c = 0; c < 6; c++) {
        double s = r == c ? d : 0;
        for (int k = 0; k < j[0].length; k++) {
          s += j[r][k] * j[c][k];
        }
        a[r][c] = s;
      }
    }
    return a;
  }

  private boolean[] lockedJoints(double[] q, double[] dq) {
    boolean[] locked = new boolean[q.length];
    for (int i = 0; i < q.length; i++) {
      double next = q[i] + dq[i];
      locked[i] = next < limits.lower(i) || next > limits.upper(i);
    }
    return locked;
  }

  private static boolean anyTrue(boolean[] b) {
    for (boolean x : b) {
      if (x) {
        return true;
      }
    }
    return false;
  }

  private static void scaleToMax(double[] dq, double max) {
    double m = 0;
    for (double d : dq) {
      m = Math.max(m, Math.abs(d));
    }
    if (m > max) {
      for (int i = 0; i < dq.length; i++) {
        dq[i] *= max / m;
      }
    }
  }

  private static Vec3 cap(Vec3 v, double max) {
    double n = v.norm();
    return n > max ? v.times(max / n) : v;
  }

  private static double[] concat(Vec3 a, Vec3 b) {
    return new double[] {a.x(), a.y(), a.z(), b.x(), b.y(), b.z()};
  }
}
