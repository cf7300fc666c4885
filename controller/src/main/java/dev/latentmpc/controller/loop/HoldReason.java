package dev.latentmpc.controller.loop;

/** Why a step held position instead of moving. */
public enum HoldReason {
  /** The latest camera frame was older than the configured maximum age. */
  STALE_FRAME,
  /** The planning deadline passed before one CEM iteration completed. */
  NO_PLAN,
  /** The safety envelope rejected the arm state; the episode fails. */
  ENVELOPE_REJECTED,
  /** Cancellation was requested before the move; the episode ends as cancelled. */
  CANCELLED
}
