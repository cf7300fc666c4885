package dev.latentmpc.bench.video;

/** FFmpeg or OpenCV refused to write the video; the message says what failed. */
public final class VideoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public VideoException(String message) {
    super(message);
  }
}
