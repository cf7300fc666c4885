package dev.latentmpc.controller.safety;

import dev.latentmpc.controller.arm.Delta;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The command the {@link SafetyEnvelope} allows, and what it did to get there.
 *
 * @param command the delta to send; {@link Delta#ZERO} (hold, which the caller must not send as a
 *     move) when {@code outcome} is {@link EnvelopeOutcome#REJECTED}
 * @param outcome passed unchanged, clamped or rejected
 * @param clampedBy the limits that changed the action; empty unless {@code CLAMPED}
 * @param rejection why nothing may move; present exactly when {@code REJECTED}
 * @param message a one-line human-readable account, empty when {@code PASSED}; fit for logs and for
 *     an error status description
 */
public record EnvelopeDecision(
    Delta command,
    EnvelopeOutcome outcome,
    Set<EnvelopeLimit> clampedBy,
    Optional<RejectionReason> rejection,
    String message) {

  /** Checks that the fields agree with the outcome and makes the set unmodifiable. */
  public EnvelopeDecision {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(message, "message");
    clampedBy = Set.copyOf(clampedBy);
    boolean consistent =
        switch (outcome) {
          case PASSED -> clampedBy.isEmpty() && rejection.isEmpty();
          case CLAMPED -> !clampedBy.isEmpty() && rejection.isEmpty();
          case REJECTED -> clampedBy.isEmpty() && rejection.isPresent() && isZero(command);
        };
    if (!consistent) {
      throw new IllegalArgumentException(
          "inconsistent envelope decision: " + outcome + " " + clampedBy + " " + rejection);
    }
  }

  static EnvelopeDecision passed(Delta command) {
    return new EnvelopeDecision(command, EnvelopeOutcome.PASSED, Set.of(), Optional.empty(), "");
  }

  static EnvelopeDecision clamped(Delta command, EnumSet<EnvelopeLimit> limits) {
    return new EnvelopeDecision(
        command, EnvelopeOutcome.CLAMPED, limits, Optional.empty(), "clamped by " + limits);
  }

  static EnvelopeDecision rejected(RejectionReason reason, String message) {
    return new EnvelopeDecision(
        Delta.ZERO, EnvelopeOutcome.REJECTED, Set.of(), Optional.of(reason), message);
  }

  /** Returns whether the command may be sent as a move (the outcome is not REJECTED). */
  public boolean allowsMove() {
    return outcome != EnvelopeOutcome.REJECTED;
  }

  /** Returns whether a limit changed the action. */
  public boolean isClamped() {
    return outcome == EnvelopeOutcome.CLAMPED;
  }

  private static boolean isZero(Delta delta) {
    return delta.equals(Delta.ZERO);
  }
}
