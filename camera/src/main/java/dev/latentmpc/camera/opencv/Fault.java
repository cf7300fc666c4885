package dev.latentmpc.camera.opencv;

import dev.latentmpc.camera.CameraFrameMismatchException;
import dev.latentmpc.camera.CameraUnavailableException;

/**
 * Why the camera has no frame to give: kept by the frame slot and turned into a fresh exception on
 * every {@code latest()}, so each caller gets its own stack trace.
 */
sealed interface Fault {
  /** The message of the exceptions this fault becomes. */
  String message();

  /** A new exception for a caller of {@code latest()}. */
  CameraUnavailableException toException();

  /**
   * The source is absent, failed, ended or stalled: UNAVAILABLE.
   *
   * @param message the reason
   * @param cause the underlying failure, or null
   */
  record Unavailable(String message, Throwable cause) implements Fault {
    @Override
    public CameraUnavailableException toException() {
      return new CameraUnavailableException(message, cause);
    }
  }

  /**
   * The source delivers frames that do not fit the configuration: FAILED_PRECONDITION.
   *
   * @param message what was expected and what was found
   * @param expectedWidthPx expected width
   * @param expectedHeightPx expected height
   * @param foundWidthPx delivered width
   * @param foundHeightPx delivered height
   */
  record Mismatch(
      String message,
      int expectedWidthPx,
      int expectedHeightPx,
      int foundWidthPx,
      int foundHeightPx)
      implements Fault {
    @Override
    public CameraUnavailableException toException() {
      return new CameraFrameMismatchException(
          message, expectedWidthPx, expectedHeightPx, foundWidthPx, foundHeightPx);
    }
  }
}
