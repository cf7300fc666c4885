package dev.latentmpc.simharness.arm;

import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;

/** Rotation-vector (axis·angle) helpers: the log and exp maps of rotations, and interpolation. */
public final class Rotations {
  private Rotations() {}

  /**
   * The rotation vector (unit axis times angle in [0, π]) of {@code r}, via its quaternion.
   *
   * @param r a rotation matrix
   * @return axis·angle in radians
   */
  public static Vec3 log(Rot3 r) {
    double[] q = quaternion(r);
    double w = q[0];
    Vec3 v = new Vec3(q[1], q[2], q[3]);
    if (w < 0) {
      w = -w;
      v = v.times(-1);
    }
    double s = v.norm();
    if (s < 1e-12) {
      return v.times(2); // small-angle limit of 2·atan2(s, w)/s·v
    }
    return v.times(2 * Math.atan2(s, w) / s);
  }

  /**
   * The rotation whose rotation vector is {@code v}.
   *
   * @param v axis·angle in radians
   * @return the rotation
   */
  public static Rot3 exp(Vec3 v) {
    double angle = v.norm();
    return angle < 1e-15 ? Rot3.IDENTITY : Rot3.axisAngle(v, angle);
  }

  /**
   * The world-frame rotation vector taking {@code from} to {@code to}: exp(result)·from = to.
   *
   * @param from start orientation
   * @param to end orientation
   * @return axis·angle in the world frame
   */
  public static Vec3 between(Rot3 from, Rot3 to) {
    return log(to.times(from.transpose()));
  }

  /**
   * Interpolates orientations along the shortest rotation: s = 0 gives {@code from}, 1 gives {@code
   * to}.
   *
   * @param from start orientation
   * @param to end orientation
   * @param s path parameter in [0, 1]
   * @return the orientation at s
   */
  public static Rot3 slerp(Rot3 from, Rot3 to, double s) {
    return exp(between(from, to).times(s)).times(from);
  }

  /** Unit quaternion {w, x, y, z} of a rotation matrix (Shepperd's method). */
  static double[] quaternion(Rot3 r) {
    double m00 = r.get(0, 0), m11 = r.get(1, 1), m22 = r.get(2, 2);
    double tr = m00 + m11 + m22;
    double w, x, y, z;
    if (tr > 0) {
      double s = Math.sqrt(tr + 1) * 2;
      w = s / 4;
      x = (r.get(2, 1) - r.get(1, 2)) / s;
      y = (r.get(0, 2) - r.get(2, 0)) / s;
      z = (r.get(1, 0) - r.get(0, 1)) / s;
    } else if (m00 > m11 && m00 > m22) {
      double s = Math.sqrt(1 + m00 - m11 - m22) * 2;
      w = (r.get(2, 1) - r.get(1, 2)) / s;
      x = s / 4;
      y = (r.get(0, 1) + r.get(1, 0)) / s;
      z = (r.get(0, 2) + r.get(2, 0)) / s;
    } else if (m11 > m22) {
      double s = Math.sqrt(1 + m11 - m00 - m22) * 2;
      w = (r.get(0, 2) - r.get(2, 0)) / s;
      x = (r.get(0, 1) + r.get(1, 0)) / s;
      y = s / 4;
      z = (r.get(1, 2) + r.get(2, 1)) / s;
    } else {
      double s = Math.sqrt(1 + m22 - m00 - m11) * 2;
      w = (r.get(1, 0) - r.get(0, 1)) / s;
      x = (r.get(0, 2) + r.get(2, 0)) / s;
      y = (r.get(1, 2) + r.get(2, 1)) / s;
      z = s / 4;
    }
    double n = Math.sqrt(w * w + x * x + y * y + z * z);
    return new double[] {w / n, x / n, y / n, z / n};
  }
}
