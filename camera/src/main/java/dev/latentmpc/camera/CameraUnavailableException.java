package dev.latentmpc.camera;

/** No frame can be had from a camera right now; the message says why. */
public class CameraUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why no frame is available
   */
  public CameraUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message why no frame is available
   * @param cause the underlying failure
   */
  public CameraUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
