package dev.latentmpc.controller.safety;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;

/** Small double-vector helpers of the envelope. */
final class Vectors {

  private Vectors() {}

  /** Returns the delta as [dx, dy, dz, dRoll, dPitch, dYaw, dGripper]. */
  static double[] of(Delta delta) {
    return new double[] {
      delta.dxM(),
      delta.dyM(),
      delta.dzM(),
      delta.dRollRad(),
      delta.dPitchRad(),
      delta.dYawRad(),
      delta.dGripper()
    };
  }

  /** Returns the state as [x, y, z, roll, pitch, yaw, gripper] in double. */
  static double[] of(ArmState state) {
    return new double[] {
      state.xM(),
      state.yM(),
      state.zM(),
      state.rollRad(),
      state.pitchRad(),
      state.yawRad(),
      state.gripperClosedness()
    };
  }

  /** Returns the index of the first NaN or infinite value, or -1. */
  static int firstNonFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Returns |v0| + |v1| + |v2|, summed in that order. */
  static double l1(double[] values) {
    return Math.abs(values[0]) + Math.abs(values[1]) + Math.abs(values[2]);
  }

  /**
   * Returns the step d from {@code from} towards {@code bound} such that {@code from + d <= bound}
   * in double arithmetic, as close to {@code bound - from} as rounding allows.
   */
  static double stepAtMost(double from, double bound) {
    double step = bound - from;
    while (from + step > bound) {
      step = Math.nextDown(step);
    }
    return step;
  }

  /**
   * Returns the step d from {@code from} towards {@code bound} such that {@code from + d >= bound}
   * in double arithmetic, as close to {@code bound - from} as rounding allows.
   */
  static double stepAtLeast(double from, double bound) {
    double step = bound - from;
    while (from + step < bound) {
      step = Math.nextUp(step);
    }
    return step;
  }
}
