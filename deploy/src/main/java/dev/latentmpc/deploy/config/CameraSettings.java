package dev.latentmpc.deploy.config;

import dev.latentmpc.camera.opencv.CameraConfig;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The robot's camera: which implementation serves it and, for OpenCV, how it is read.
 *
 * @param source bridge, in-process sim or OpenCV (defaults to the arm's {@code robot.source})
 * @param opencvSource {@code camera.opencv.source} as given (device index, path or URL), for the
 *     effective configuration
 * @param opencvLoop {@code camera.opencv.loop}: whether a video file loops
 * @param opencv the validated OpenCV camera config (used when {@code source} is {@link
 *     CameraBackend#OPENCV}; always built, so its errors are reported either way)
 */
public record CameraSettings(
    CameraBackend source, String opencvSource, boolean opencvLoop, CameraConfig opencv) {
  private static final Pattern USER_INFO = Pattern.compile("(://)[^/@]*@");

  /** Checks that nothing is null. */
  public CameraSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(opencvSource, "opencvSource");
    Objects.requireNonNull(opencv, "opencv");
  }

  /** {@link #opencvSource()} with any {@code user:password@} of a URL masked, for printing. */
  public String opencvSourceForDisplay() {
    return USER_INFO.matcher(opencvSource).replaceFirst("$1***@");
  }
}
