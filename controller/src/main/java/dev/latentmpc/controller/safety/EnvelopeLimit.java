package dev.latentmpc.controller.safety;

/** A limit of the {@link SafetyEnvelope} that changed a command. */
public enum EnvelopeLimit {
  /** A component of Δxyz exceeded the per-axis bound. */
  STEP_AXIS,
  /** |Δx| + |Δy| + |Δz| exceeded the L1 radius; the xyz delta was projected onto the ball. */
  STEP_L1,
  /** A rotation delta exceeded its bound (by default every non-zero rotation). */
  STEP_ROTATION,
  /** The gripper delta exceeded its bound. */
  STEP_GRIPPER,
  /** The resulting x would have left the workspace box. */
  WORKSPACE_X,
  /** The resulting y would have left the workspace box. */
  WORKSPACE_Y,
  /** The resulting z would have left the workspace box. */
  WORKSPACE_Z,
  /** The resulting gripper closedness would have left [0, 1]. */
  GRIPPER_RANGE
}
