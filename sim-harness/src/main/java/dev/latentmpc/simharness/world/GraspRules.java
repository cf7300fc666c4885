package dev.latentmpc.simharness.world;

/**
 * The deterministic grasp rules, validated once.
 *
 * <p>An object is grasped when, in one move, the gripper closedness rises from below {@code
 * graspClosedness} to at least it, the object's extent across the fingers fits the opening the move
 * started with, and its centre lies between the fingers in the TCP frame: |x| ≤ {@code
 * lateralToleranceM} along the finger pads, |y| ≤ (opening − extent)/2 + {@code gapToleranceM}
 * across the gap, and z between the palm and {@code depthToleranceM} beyond the fingertips. While
 * held, the object blocks the fingers at its faces (the gripper reads that closedness), and it is
 * released as soon as a move opens the fingers beyond its faces.
 *
 * @param graspClosedness the closedness threshold (default 0.6)
 * @param lateralToleranceM tolerance along the finger pads
 * @param gapToleranceM tolerance across the finger gap
 * @param depthToleranceM how far beyond the fingertips the centre may lie
 */
public record GraspRules(
    double graspClosedness,
    double lateralToleranceM,
    double gapToleranceM,
    double depthToleranceM) {
  /** The defaults: 0.6 closedness, 2 cm along the pads, 1 cm across the gap, 1.5 cm deep. */
  public static final GraspRules DEFAULT = new GraspRules(0.6, 0.02, 0.01, 0.015);

  /** Validates the values. */
  public GraspRules {
    if (!(graspClosedness > 0 && graspClosedness < 1)
        || !(lateralToleranceM >= 0 && lateralToleranceM < 0.1)
        || !(gapToleranceM >= 0 && gapToleranceM < 0.1)
        || !(depthToleranceM >= 0 && depthToleranceM < 0.1)) {
      throw new IllegalArgumentException(
          String.format(
              "grasp rules need a threshold in (0,1) and tolerances in [0, 0.1): %s, %s, %s, %s",
              graspClosedness, lateralToleranceM, gapToleranceM, depthToleranceM));
    }
  }
}
