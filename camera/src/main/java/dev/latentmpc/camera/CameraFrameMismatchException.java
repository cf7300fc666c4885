package dev.latentmpc.camera;

/**
 * The camera delivers frames, but not the ones its configuration expects (a different size, or one
 * the configured crop does not fit): waiting will not help until the device or the configuration is
 * changed, so the service reports it as {@code FAILED_PRECONDITION} rather than {@code
 * UNAVAILABLE}. The message says what was expected and what was found.
 */
public class CameraFrameMismatchException extends CameraUnavailableException {
  private static final long serialVersionUID = 1L;

  private final int expectedWidthPx;
  private final int expectedHeightPx;
  private final int foundWidthPx;
  private final int foundHeightPx;

  /**
   * Creates the exception.
   *
   * @param message what was expected and what was found, and from which source
   * @param expectedWidthPx the width the configuration expects
   * @param expectedHeightPx the height the configuration expects
   * @param foundWidthPx the width the source delivered
   * @param foundHeightPx the height the source delivered
   */
  public CameraFrameMismatchException(
      String message,
      int expectedWidthPx,
      int expectedHeightPx,
      int foundWidthPx,
      int foundHeightPx) {
    super(message);
    this.expectedWidthPx = expectedWidthPx;
    this.expectedHeightPx = expectedHeightPx;
    this.foundWidthPx = foundWidthPx;
    this.foundHeightPx = foundHeightPx;
  }

  /** The width the configuration expects, in pixels. */
  public int expectedWidthPx() {
    return expectedWidthPx;
  }

  /** The height the configuration expects, in pixels. */
  public int expectedHeightPx() {
    return expectedHeightPx;
  }

  /** The width the source delivered, in pixels. */
  public int foundWidthPx() {
    return foundWidthPx;
  }

  /** The height the source delivered, in pixels. */
  public int foundHeightPx() {
    return foundHeightPx;
  }
}
