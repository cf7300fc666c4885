package dev.latentmpc.controller.safety;

/** What the {@link SafetyEnvelope} did with a requested action. */
public enum EnvelopeOutcome {
  /** The action was inside every limit and is sent unchanged. */
  PASSED,
  /** One or more limits changed the action; the command is the bounded action. */
  CLAMPED,
  /** Nothing may move (bad action or bad current state); the command is the hold. */
  REJECTED
}
