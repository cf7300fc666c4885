package dev.latentmpc.camera;

import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.Objects;

/**
 * One captured frame: 8-bit RGB pixels plus where it sits in time.
 *
 * @param image interleaved RGB pixels, row-major
 * @param sequence capture counter of the source, strictly increasing per source
 * @param captureTimeNanos monotonic capture time ({@link System#nanoTime()} clock or an injected
 *     ticker), for frame-age checks
 * @param captureTimeUnixNanos wall-clock capture time in nanoseconds since the Unix epoch
 */
public record CameraFrame(
    RgbImage image, long sequence, long captureTimeNanos, long captureTimeUnixNanos) {
  /** Checks the image is present and the sequence non-negative. */
  public CameraFrame {
    Objects.requireNonNull(image, "image is null");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
    }
  }

  /**
   * Returns how old this frame is at {@code nowNanos}, on the clock of {@link #captureTimeNanos()}.
   *
   * @param nowNanos the current time on the same monotonic clock
   * @return {@code nowNanos - captureTimeNanos()}; negative only if the caller's clock is behind
   */
  public long ageNanos(long nowNanos) {
    return nowNanos - captureTimeNanos;
  }
}
