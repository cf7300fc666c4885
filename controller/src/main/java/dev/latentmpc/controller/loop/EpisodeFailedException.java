package dev.latentmpc.controller.loop;

import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A step hit a fault (camera or arm unavailable, move timeout, model error); the arm has been told
 * to stop and the episode is over with {@link EpisodeStatus#FAILED}. The caller still calls {@code
 * end}.
 */
public final class EpisodeFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient EpisodeOutcome outcome;

  /**
   * Creates the exception.
   *
   * @param outcome the failed outcome, whose reason becomes the message
   * @param cause the fault
   */
  public EpisodeFailedException(EpisodeOutcome outcome, Throwable cause) {
    super(outcome.reason().orElse("episode failed"), cause);
    this.outcome = Objects.requireNonNull(outcome, "outcome");
  }

  /** Returns the episode's outcome. */
  public EpisodeOutcome outcome() {
    return outcome;
  }

  /** Returns the failure reason for {@code fault}: what failed, then the fault's message. */
  static String describe(Exception fault) {
    String kind =
        switch (fault) {
          case CameraUnavailableException e -> "camera unavailable";
          case ArmUnavailableException e -> "arm unavailable";
          case TimeoutException e -> "move timed out";
          default -> "step error (" + fault.getClass().getSimpleName() + ")";
        };
    return kind + ": " + fault.getMessage();
  }
}
