package dev.latentmpc.simharness.arm;

/**
 * A trapezoidal speed profile over a normalised path s ∈ [0, 1]: constant acceleration, cruise,
 * constant deceleration (a triangle when the path is too short to reach the cruise speed).
 *
 * @param durationSeconds total time
 * @param rampSeconds time spent accelerating (and again decelerating)
 */
public record SpeedProfile(double durationSeconds, double rampSeconds) {
  /** The profile of a motion that does not move. */
  public static final SpeedProfile NONE = new SpeedProfile(0, 0);

  /** Checks 0 ≤ 2·ramp ≤ duration. */
  public SpeedProfile {
    if (!(durationSeconds >= 0 && rampSeconds >= 0 && 2 * rampSeconds <= durationSeconds + 1e-12)) {
      throw new IllegalArgumentException("bad profile " + durationSeconds + ", " + rampSeconds);
    }
  }

  /**
   * The time-optimal profile for a distance under speed and acceleration limits.
   *
   * @param distance path length (metres or radians), ≥ 0
   * @param maxSpeed speed limit, > 0
   * @param maxAcceleration acceleration limit, > 0
   * @return the profile
   */
  public static SpeedProfile timeOptimal(double distance, double maxSpeed, double maxAcceleration) {
    if (distance <= 0) {
      return NONE;
    }
    double ramp = maxSpeed / maxAcceleration;
    if (distance <= maxSpeed * ramp) {
      double t = Math.sqrt(distance / maxAcceleration);
      return new SpeedProfile(2 * t, t);
    }
    return new SpeedProfile(distance / maxSpeed + ramp, ramp);
  }

  /**
   * One profile shared by several axes (translation, rotation) so they start and stop together,
   * each within its own limits: the ramp is the longest time-optimal ramp, and the cruise is long
   * enough for the slowest axis.
   *
   * @param distances path length per axis, ≥ 0
   * @param maxSpeeds speed limit per axis, > 0
   * @param maxAccelerations acceleration limit per axis, > 0
   * @return the shared profile
   */
  public static SpeedProfile synchronised(
      double[] distances, double[] maxSpeeds, double[] maxAccelerations) {
    double ramp = 0;
    for (int i = 0; i < distances.length; i++) {
      if (distances[i] > 0) {
        ramp =
            Math.max(
                ramp,
                Math.min(
                    maxSpeeds[i] / maxAccelerations[i],
                    Math.sqrt(distances[i] / maxAccelerations[i])));
      }
    }
    if (ramp == 0) {
      return NONE;
    }
    double total = 2 * ramp;
    for (int i = 0; i < distances.length; i++) {
      total = Math.max(total, distances[i] / maxSpeeds[i] + ramp);
    }
    return new SpeedProfile(total, ramp);
  }

  /** Fraction of the path done at time {@code t} seconds (0 before the start, 1 after the end). */
  public double fraction(double t) {
    double total = durationSeconds;
    if (t >= total || total == 0) {
      return 1;
    }
    if (t <= 0) {
      return 0;
    }
    double ta = rampSeconds;
    double vPeak = 1 / (total - ta); // area under the trapezoid = 1
    if (ta == 0) {
      return t * vPeak;
    }
    double a = vPeak / ta;
    if (t < ta) {
      return 0.5 * a * t * t;
    }
    if (t <= total - ta) {
      return 0.5 * a * ta * ta + vPeak * (t - ta);
    }
    double rest = total - t;
    return 1 - 0.5 * a * rest * rest;
  }
}
