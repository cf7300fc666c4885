package dev.latentmpc.controller.safety;

import java.util.Arrays;
import java.util.EnumSet;

/** The per-step bounds of the envelope: per-axis clip, L1 ball, rotation and gripper clips. */
final class StepBounds {

  private StepBounds() {}

  /**
   * Returns Δxyz of {@code requested} clipped per axis and then projected onto the L1 ball, adding
   * the limits that changed it to {@code limits}.
   */
  static double[] boundXyz(
      double[] requested, EnvelopeConfig config, EnumSet<EnvelopeLimit> limits) {
    double[] xyz = {requested[0], requested[1], requested[2]};
    double axisM = config.maxStepAxisM();
    for (int axis = 0; axis < 3; axis++) {
      if (Math.abs(xyz[axis]) > axisM) {
        xyz[axis] = Math.copySign(axisM, xyz[axis]);
        limits.add(EnvelopeLimit.STEP_AXIS);
      }
    }
    if (Vectors.l1(xyz) > config.maxStepL1M()) {
      projectOntoL1Ball(xyz, config.maxStepL1M());
      limits.add(EnvelopeLimit.STEP_L1);
    }
    return xyz;
  }

  /** Returns the rotation deltas of {@code requested} clipped per axis. */
  static double[] boundRotation(
      double[] requested, EnvelopeConfig config, EnumSet<EnvelopeLimit> limits) {
    double limitRad = config.maxStepRotationRad();
    double[] rotation = {requested[3], requested[4], requested[5]};
    for (int axis = 0; axis < 3; axis++) {
      if (Math.abs(rotation[axis]) > limitRad) {
        // + 0.0 turns the -0.0 of a zero bound into +0.0.
        rotation[axis] = Math.copySign(limitRad, rotation[axis]) + 0.0;
        limits.add(EnvelopeLimit.STEP_ROTATION);
      }
    }
    return rotation;
  }

  /**
   * Returns whether Δxyz exceeds the per-axis bound or the L1 ball, adding the exceeded limits to
   * {@code limits}.
   */
  static boolean exceeds(double[] xyz, EnvelopeConfig config, EnumSet<EnvelopeLimit> limits) {
    boolean exceeded = false;
    for (int axis = 0; axis < 3; axis++) {
      if (Math.abs(xyz[axis]) > config.maxStepAxisM()) {
        limits.add(EnvelopeLimit.STEP_AXIS);
        exceeded = true;
      }
    }
    if (Vectors.l1(xyz) > config.maxStepL1M()) {
      limits.add(EnvelopeLimit.STEP_L1);
      exceeded = true;
    }
    return exceeded;
  }

  /**
   * Replaces {@code xyz} by its Euclidean projection onto the L1 ball of {@code radius}: every
   * magnitude shrinks by the same θ (clamped at 0), θ chosen so the magnitudes sum to the radius.
   * Rounding is then trimmed towards zero so the double sum never exceeds the radius.
   */
  static void projectOntoL1Ball(double[] xyz, double radius) {
    double[] sorted = {Math.abs(xyz[0]), Math.abs(xyz[1]), Math.abs(xyz[2])};
    Arrays.sort(sorted);
    double theta = 0;
    double sum = 0;
    for (int k = 1; k <= 3; k++) {
      double magnitude = sorted[3 - k];
      sum += magnitude;
      double candidate = (sum - radius) / k;
      if (magnitude > candidate) {
        theta = candidate;
      }
    }
    for (int axis = 0; axis < 3; axis++) {
      xyz[axis] = Math.copySign(Math.max(Math.abs(xyz[axis]) - theta, 0), xyz[axis]);
    }
    while (Vectors.l1(xyz) > radius) {
      int largest = 0;
      for (int axis = 1; axis < 3; axis++) {
        if (Math.abs(xyz[axis]) > Math.abs(xyz[largest])) {
          largest = axis;
        }
      }
      xyz[largest] = Math.nextAfter(xyz[largest], 0.0);
    }
  }
}
