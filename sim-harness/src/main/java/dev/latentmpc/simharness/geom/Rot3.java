package dev.latentmpc.simharness.geom;

/**
 * An immutable 3×3 rotation matrix (row-major), with V-JEPA 2-AC's Euler convention.
 *
 * <p>Euler angles are extrinsic xyz (roll about the base x axis, then pitch about y, then yaw about
 * z): R = Rz(yaw)·Ry(pitch)·Rx(roll), as scipy's {@code Rotation.from_euler("xyz", ...)}.
 */
public final class Rot3 {
  /** The identity rotation. */
  public static final Rot3 IDENTITY = new Rot3(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

  private final double[] m;

  private Rot3(double[] m) {
    this.m = m;
  }

  /** Builds a matrix from nine row-major values (not checked for orthonormality). */
  public static Rot3 ofRows(double... rowMajor) {
    if (rowMajor.length != 9) {
      throw new IllegalArgumentException("a 3x3 matrix has 9 values");
    }
    return new Rot3(rowMajor.clone());
  }

  /** R = Rz(yaw)·Ry(pitch)·Rx(roll). */
  public static Rot3 fromEulerXyz(double roll, double pitch, double yaw) {
    double ca = Math.cos(roll), sa = Math.sin(roll);
    double cb = Math.cos(pitch), sb = Math.sin(pitch);
    double cc = Math.cos(yaw), sc = Math.sin(yaw);
    return new Rot3(
        new double[] {
          cc * cb,
          cc * sb * sa - sc * ca,
          cc * sb * ca + sc * sa,
          sc * cb,
          sc * sb * sa + cc * ca,
          sc * sb * ca - cc * sa,
          -sb,
          cb * sa,
          cb * ca
        });
  }

  /** Rotation by {@code angle} radians about the unit {@code axis} (Rodrigues). */
  public static Rot3 axisAngle(Vec3 axis, double angle) {
    Vec3 u = axis.normalized();
    double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
    return new Rot3(
        new double[] {
          t * u.x() * u.x() + c,
          t * u.x() * u.y() - s * u.z(),
          t * u.x() * u.z() + s * u.y(),
          t * u.x() * u.y() + s * u.z(),
          t * u.y() * u.y() + c,
          t * u.y() * u.z() - s * u.x(),
          t * u.x() * u.z() - s * u.y(),
          t * u.y() * u.z() + s * u.x(),
          t * u.z() * u.z() + c
        });
  }

  /** Extrinsic xyz angles {roll, pitch, yaw}; pitch in [−π/2, π/2]. */
  public double[] toEulerXyz() {
    double pitch = Math.asin(Math.max(-1, Math.min(1, -m[6])));
    double roll = Math.atan2(m[7], m[8]);
    double yaw = Math.atan2(m[3], m[0]);
    return new double[] {roll, pitch, yaw};
  }

  /** Element at row r, column c. */
  public double get(int r, int c) {
    return m[3 * r + c];
  }

  /** Matrix product this · o. */
  public Rot3 times(Rot3 o) {
    double[] p = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        p[3 * r + c] = m[3 * r] * o.m[c] + m[3 * r + 1] * o.m[3 + c] + m[3 * r + 2] * o.m[6 + c];
      }
    }
    return new Rot3(p);
  }

  /** Rotates a vector. */
  public Vec3 apply(Vec3 v) {
    return new Vec3(
        m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
        m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
        m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
  }

  /** The inverse (transpose). */
  public Rot3 transpose() {
    return new Rot3(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
  }

  /** Column c as a vector (the image of the c-th basis axis). */
  public Vec3 column(int c) {
    return new Vec3(m[c], m[3 + c], m[6 + c]);
  }

  /** Rotation angle of this·o⁻¹ in radians: how far apart two orientations are. */
  public double angleTo(Rot3 o) {
    Rot3 d = times(o.transpose());
    double cos = (d.m[0] + d.m[4] + d.m[8] - 1) / 2;
    return Math.acos(Math.max(-1, Math.min(1, cos)));
  }
}
