package dev.latentmpc.simharness.geom;

/**
 * An immutable 3-vector in metres (or a direction).
 *
 * @param x x component
 * @param y y component
 * @param z z component
 */
public record Vec3(double x, double y, double z) {
  /** The origin. */
  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  /** Returns this + o. */
  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  /** Returns this − o. */
  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  /** Returns this · s. */
  public Vec3 times(double s) {
    return new Vec3(x * s, y * s, z * s);
  }

  /** Dot product. */
  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  /** Cross product this × o. */
  public Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  /** Euclidean length. */
  public double norm() {
    return Math.sqrt(dot(this));
  }

  /** Unit vector in the same direction (the zero vector stays zero). */
  public Vec3 normalized() {
    double n = norm();
    return n == 0 ? this : times(1 / n);
  }

  /** True when every component is finite. */
  public boolean isFinite() {
    return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
  }
}
