package dev.latentmpc.controller.safety;

/** Why the {@link SafetyEnvelope} refused to move at all. */
public enum RejectionReason {
  /** The action is null or does not have 7 values. */
  MALFORMED_ACTION,
  /** A component of the action is NaN or infinite. */
  NON_FINITE_ACTION,
  /** A component of the current arm state is NaN or infinite. */
  NON_FINITE_STATE,
  /** The current position lies outside the workspace box by more than the tolerance. */
  STATE_OUTSIDE_WORKSPACE,
  /** The current gripper closedness lies outside [0, 1] by more than the tolerance. */
  GRIPPER_STATE_OUT_OF_RANGE
}
