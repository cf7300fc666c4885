package dev.latentmpc.simharness.arm;

import dev.latentmpc.simharness.geom.Vec3;

/**
 * The axis-aligned box the TCP must stay in, metres in the base frame.
 *
 * @param minM lower corner
 * @param maxM upper corner
 */
public record Workspace(Vec3 minM, Vec3 maxM) {
  /**
   * The default box: x 0.25…0.80, y −0.40…0.40, z 0.01…0.70. Its far corners at table height lie
   * beyond the Panda's reach with the hand pointing down; moves there stop at the last reachable
   * point (reported as {@code stoppedEarly}).
   */
  public static final Workspace DEFAULT =
      new Workspace(new Vec3(0.25, -0.40, 0.01), new Vec3(0.80, 0.40, 0.70));

  /** Checks the box is finite and non-empty. */
  public Workspace {
    if (!minM.isFinite()
        || !maxM.isFinite()
        || !(minM.x() < maxM.x() && minM.y() < maxM.y() && minM.z() < maxM.z())) {
      throw new IllegalArgumentException(
          "workspace box must be finite with min < max: " + minM + " .. " + maxM);
    }
  }

  /** True when {@code p} lies inside the box (boundary included). */
  public boolean contains(Vec3 p) {
    return p.x() >= minM.x()
        && p.x() <= maxM.x()
        && p.y() >= minM.y()
        && p.y() <= maxM.y()
        && p.z() >= minM.z()
        && p.z() <= maxM.z();
  }

  /** The nearest point of the box to {@code p}. */
  public Vec3 clamp(Vec3 p) {
    return new Vec3(
        Math.max(minM.x(), Math.min(maxM.x(), p.x())),
        Math.max(minM.y(), Math.min(maxM.y(), p.y())),
        Math.max(minM.z(), Math.min(maxM.z(), p.z())));
  }
}
