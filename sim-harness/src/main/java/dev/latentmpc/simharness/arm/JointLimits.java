package dev.latentmpc.simharness.arm;

import java.util.Arrays;

/**
 * Position limits of the seven arm joints, radians.
 *
 * @param lowerRad lower limit per joint
 * @param upperRad upper limit per joint
 */
public record JointLimits(double[] lowerRad, double[] upperRad) {
  /** The Franka Panda datasheet limits. */
  public static final JointLimits PANDA =
      new JointLimits(
          new double[] {-2.8973, -1.7628, -2.8973, -3.0718, -2.8973, -0.0175, -2.8973},
          new double[] {2.8973, 1.7628, 2.8973, -0.0698, 2.8973, 3.7525, 2.8973});

  /** Checks seven ordered pairs and keeps private copies. */
  public JointLimits {
    if (lowerRad.length != PandaKinematics.JOINTS || upperRad.length != PandaKinematics.JOINTS) {
      throw new IllegalArgumentException("joint limits need 7 lower and 7 upper values");
    }
    lowerRad = lowerRad.clone();
    upperRad = upperRad.clone();
    for (int i = 0; i < lowerRad.length; i++) {
      if (!(lowerRad[i] < upperRad[i])) {
        throw new IllegalArgumentException("joint " + (i + 1) + ": lower limit must be < upper");
      }
    }
  }

  /** Lower limits (a copy). */
  @Override
  public double[] lowerRad() {
    return lowerRad.clone();
  }

  /** Upper limits (a copy). */
  @Override
  public double[] upperRad() {
    return upperRad.clone();
  }

  /** Lower limit of joint {@code i} (0-based). */
  public double lower(int i) {
    return lowerRad[i];
  }

  /** Upper limit of joint {@code i} (0-based). */
  public double upper(int i) {
    return upperRad[i];
  }

  /** True when every joint of {@code q} is finite and within its limits. */
  public boolean contains(double[] q) {
    for (int i = 0; i < lowerRad.length; i++) {
      if (!(q[i] >= lowerRad[i] && q[i] <= upperRad[i])) {
        return false;
      }
    }
    return true;
  }

  /** Clamps {@code q} into the limits in place and returns it. */
  public double[] clampInPlace(double[] q) {
    for (int i = 0; i < lowerRad.length; i++) {
      q[i] = Math.max(lowerRad[i], Math.min(upperRad[i], q[i]));
    }
    return q;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JointLimits l
        && Arrays.equals(lowerRad, l.lowerRad)
        && Arrays.equals(upperRad, l.upperRad);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lowerRad) + Arrays.hashCode(upperRad);
  }

  @Override
  public String toString() {
    return "JointLimits" + Arrays.toString(lowerRad) + ".." + Arrays.toString(upperRad);
  }
}
