package dev.latentmpc.planner;

import java.util.OptionalDouble;

/**
 * The pins of the current plan in the form the sampling loop reads without allocating: a flag and a
 * float value per sampled component (x, y, z, gripper), and the L1 radius left to the free xyz
 * components. Values are stored rounded toward zero, so a pin at a bound stays within it.
 */
final class Pinning {
  private final boolean[] pinned = new boolean[ActionConstraints.SAMPLED_DIM];
  private final float[] values = new float[ActionConstraints.SAMPLED_DIM];
  private boolean any;
  private double freeRadiusM;

  /** Takes {@code pins} for the next plan under {@code config}'s bounds. */
  void set(AxisPins pins, CemConfig config) {
    any = false;
    double usedM = 0;
    for (int c = 0; c < pinned.length; c++) {
      OptionalDouble pin = pins.component(c);
      pinned[c] = pin.isPresent();
      double bound = c < 3 ? config.maxNormM() : config.gripperLimit();
      values[c] = pin.isPresent() ? stored(pin.getAsDouble(), bound) : 0f;
      any |= pinned[c];
      if (c < 3) {
        usedM += Math.abs((double) values[c]);
      }
    }
    freeRadiusM = Math.max(0, config.l1BallRadiusM() - usedM);
  }

  /** Returns the float a pin of {@code value} is stored as, given its bound. */
  static float stored(double value, double bound) {
    float nearest = (float) value;
    double limit = ActionConstraints.floatAtMost(bound);
    return Math.abs(nearest) > limit ? (float) Math.copySign(limit, value) : nearest;
  }

  boolean any() {
    return any;
  }

  boolean pinned(int component) {
    return pinned[component];
  }

  float value(int component) {
    return values[component];
  }

  double freeRadiusM() {
    return freeRadiusM;
  }
}
