package dev.latentmpc.planner;

/**
 * The constraints on every sampled action and on the returned mean: xyz clipped per axis to ±{@code
 * maxNormM}, the gripper to ±{@code gripperLimit}, then, when enabled, xyz projected onto the L1
 * ball of radius {@code l1BallRadiusM}.
 *
 * <p>The projection is the exact Euclidean projection onto the L1 ball (soft-thresholding of the
 * magnitudes, Duchi et al., ICML 2008), i.e. the feasible action nearest to the sample, rather than
 * a scale-down: it matches the box clip, which is also a Euclidean projection. Projecting a point
 * of the box keeps it in the box, so the order clip-then-project satisfies both.
 *
 * <p>Values are computed in double and stored as float. The bounds are rounded down to floats and
 * the projected components rounded toward zero (then trimmed by an ulp if the float sum still
 * exceeds the radius), so no stored value ever exceeds a configured bound, even by rounding.
 */
final class ActionConstraints {

  /** Sampled components per action: x, y, z, gripper. */
  static final int SAMPLED_DIM = 4;

  private final double xyzBoundM;
  private final double gripperBound;
  private final boolean l1BallEnabled;
  private final double l1BallRadiusM;

  ActionConstraints(CemConfig config) {
    xyzBoundM = floatAtMost(config.maxNormM());
    gripperBound = floatAtMost(config.gripperLimit());
    l1BallEnabled = config.l1BallEnabled();
    l1BallRadiusM = config.l1BallRadiusM();
  }

  /**
   * Constrains the action (x, y, z, gripper) and writes it to {@code out[offset..offset + 3]}.
   * Arguments must not be NaN.
   */
  void constrain(double xM, double yM, double zM, double gripper, float[] out, int offset) {
    double x = clip(xM, xyzBoundM);
    double y = clip(yM, xyzBoundM);
    double z = clip(zM, xyzBoundM);
    if (l1BallEnabled) {
      double theta = l1Threshold(Math.abs(x), Math.abs(y), Math.abs(z), l1BallRadiusM);
      x = shrink(x, theta);
      y = shrink(y, theta);
      z = shrink(z, theta);
    }
    out[offset] = towardZero(x);
    out[offset + 1] = towardZero(y);
    out[offset + 2] = towardZero(z);
    if (l1BallEnabled) {
      trimToL1Ball(out, offset);
    }
    out[offset + 3] = (float) clip(gripper, gripperBound);
  }

  /**
   * Constrains like {@link #constrain(double, double, double, double, float[], int)}, then writes
   * the pinned components' values over the result (as {@code cem} overwrites its clipped samples);
   * with the L1 ball the free xyz components are projected onto what the pins leave of its radius,
   * so the whole action stays inside it.
   */
  void constrain(
      double xM, double yM, double zM, double gripper, Pinning pins, float[] out, int offset) {
    if (!pins.any()) {
      constrain(xM, yM, zM, gripper, out, offset);
      return;
    }
    double x = pins.pinned(0) ? 0 : clip(xM, xyzBoundM);
    double y = pins.pinned(1) ? 0 : clip(yM, xyzBoundM);
    double z = pins.pinned(2) ? 0 : clip(zM, xyzBoundM);
    if (l1BallEnabled) {
      double theta = l1Threshold(Math.abs(x), Math.abs(y), Math.abs(z), pins.freeRadiusM());
      x = shrink(x, theta);
      y = shrink(y, theta);
      z = shrink(z, theta);
    }
    out[offset] = pins.pinned(0) ? pins.value(0) : towardZero(x);
    out[offset + 1] = pins.pinned(1) ? pins.value(1) : towardZero(y);
    out[offset + 2] = pins.pinned(2) ? pins.value(2) : towardZero(z);
    if (l1BallEnabled) {
      trimFreeToL1Ball(out, offset, pins);
    }
    out[offset + 3] = pins.pinned(3) ? pins.value(3) : (float) clip(gripper, gripperBound);
  }

  /** Returns |x| + |y| + |z| of the floats at {@code offset}, summed in double in that order. */
  static double l1NormM(float[] values, int offset) {
    return Math.abs((double) values[offset])
        + Math.abs((double) values[offset + 1])
        + Math.abs((double) values[offset + 2]);
  }

  /**
   * Returns the soft threshold θ ≥ 0 whose application, |v| → max(|v| − θ, 0), projects a point
   * with magnitudes a, b, c onto the L1 ball of the radius; 0 when the point is inside already.
   */
  static double l1Threshold(double a, double b, double c, double radius) {
    if (a + b + c <= radius) {
      return 0;
    }
    double hi = Math.max(a, Math.max(b, c));
    double lo = Math.min(a, Math.min(b, c));
    double mid = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    // The support is the largest prefix of the sorted magnitudes that stays above its threshold.
    double theta3 = (hi + mid + lo - radius) / 3;
    if (lo > theta3) {
      return theta3;
    }
    double theta2 = (hi + mid - radius) / 2;
    return mid > theta2 ? theta2 : hi - radius;
  }

  /** Returns the largest float not above {@code bound}. */
  static double floatAtMost(double bound) {
    float rounded = (float) bound;
    return rounded > bound ? Math.nextDown(rounded) : rounded;
  }

  private static double clip(double value, double bound) {
    return Math.max(-bound, Math.min(bound, value));
  }

  private static double shrink(double value, double theta) {
    return Math.copySign(Math.max(Math.abs(value) - theta, 0), value);
  }

  private static float towardZero(double value) {
    float rounded = (float) value;
    float inward = Math.abs(rounded) > Math.abs(value) ? Math.nextAfter(rounded, 0.0) : rounded;
    // Adding +0 turns -0 into +0, so a zero action compares equal to the hold action.
    return inward + 0.0f;
  }

  private void trimFreeToL1Ball(float[] out, int offset, Pinning pins) {
    // As trimToL1Ball, but only free components move; the pins fit the radius by validation.
    while (l1NormM(out, offset) > l1BallRadiusM) {
      int largest = -1;
      for (int i = 0; i < 3; i++) {
        boolean larger = largest < 0 || Math.abs(out[offset + i]) > Math.abs(out[offset + largest]);
        if (!pins.pinned(i) && out[offset + i] != 0 && larger) {
          largest = i;
        }
      }
      if (largest < 0) {
        return;
      }
      out[offset + largest] = Math.nextAfter(out[offset + largest], 0.0);
    }
  }

  private void trimToL1Ball(float[] out, int offset) {
    // Rounding toward zero keeps the exact sum inside; this only guards the double summation.
    while (l1NormM(out, offset) > l1BallRadiusM) {
      int largest = offset;
      for (int i = offset + 1; i < offset + 3; i++) {
        if (Math.abs(out[i]) > Math.abs(out[largest])) {
          largest = i;
        }
      }
      out[largest] = Math.nextAfter(out[largest], 0.0);
    }
  }
}
