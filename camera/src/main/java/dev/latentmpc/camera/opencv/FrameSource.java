package dev.latentmpc.camera.opencv;

import dev.latentmpc.camera.CameraUnavailableException;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One open connection to a camera source, used by the capture thread only. Implementations own
 * their native handles and release them in {@link #close()}.
 */
interface FrameSource extends AutoCloseable {
  /**
   * Reads the next frame into {@code out} as 8-bit BGR (or gray, or BGRA), blocking until the
   * source delivers one.
   *
   * @param out receives the frame; reallocated by OpenCV when its size or type differs
   * @return false at the end of the stream (a non-looping file's end, a closed stream)
   * @throws CameraUnavailableException when the source failed (the message says how)
   */
  boolean read(Mat out) throws CameraUnavailableException;

  /** The frame rate the source reports, or 0 when it reports none. */
  double sourceFps();

  /** Releases the connection; idempotent. */
  @Override
  void close();
}
