package dev.latentmpc.worldmodel;

/**
 * A graph failed while running (out of device memory, a runtime fault); the inputs had been checked
 * and were valid. The controller treats it as a model fault and stops the arm.
 */
public final class InferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a failed run.
   *
   * @param message which graph failed and how
   * @param cause the runtime's exception
   */
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
