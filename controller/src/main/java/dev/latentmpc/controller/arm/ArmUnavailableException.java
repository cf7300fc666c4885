package dev.latentmpc.controller.arm;

/** The arm (or its bridge) cannot be reached or refused a command; the message says why. */
public class ArmUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public ArmUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public ArmUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
