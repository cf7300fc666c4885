package dev.latentmpc.simharness.arm;

/**
 * A parallel gripper: closedness 0 (fully open) … 1 (closed) maps linearly to the finger opening
 * maxOpeningM … 0.
 *
 * @param maxOpeningM opening at closedness 0 (0.08 m for the Franka hand, 0.085 m for a
 *     Robotiq-2F-85-like gripper)
 * @param speedMps how fast the opening changes, metres per second
 */
public record GripperModel(double maxOpeningM, double speedMps) {
  /** The Franka hand: 80 mm, 0.1 m/s. */
  public static final GripperModel FRANKA_HAND = new GripperModel(0.08, 0.1);

  /** A Robotiq-2F-85-like gripper: 85 mm, 0.15 m/s. */
  public static final GripperModel ROBOTIQ_85 = new GripperModel(0.085, 0.15);

  /** Validates the values. */
  public GripperModel {
    if (!(maxOpeningM > 0 && maxOpeningM <= 0.3) || !(speedMps > 0 && speedMps < 10)) {
      throw new IllegalArgumentException(
          "gripper needs 0 < maxOpeningM ≤ 0.3 and a positive speed, got "
              + maxOpeningM
              + " m, "
              + speedMps
              + " m/s");
    }
  }

  /** Opening in metres for a closedness (clipped to [0, 1]). */
  public double openingM(double closedness) {
    return maxOpeningM * (1 - clip01(closedness));
  }

  /** Closedness for an opening in metres (clipped to [0, maxOpeningM]). */
  public double closedness(double openingM) {
    return 1 - Math.max(0, Math.min(maxOpeningM, openingM)) / maxOpeningM;
  }

  /** Seconds the fingers need to go from one closedness to another. */
  public double travelSeconds(double fromClosedness, double toClosedness) {
    return Math.abs(openingM(fromClosedness) - openingM(toClosedness)) / speedMps;
  }

  /** Clips a closedness to [0, 1]. */
  public static double clip01(double closedness) {
    return Math.max(0, Math.min(1, closedness));
  }
}
