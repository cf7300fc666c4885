package dev.latentmpc.deploy.config;

/** Which implementation serves the robot's camera ({@code camera.source}). */
public enum CameraBackend {
  /** The robot bridge's camera ({@code CameraIOBridge}); needs {@code robot.source: bridge}. */
  BRIDGE,
  /** The in-process simulated camera ({@code CameraIOSim}); needs {@code robot.source: sim}. */
  SIM,
  /**
   * A camera read through OpenCV in this process ({@code CameraIOOpenCv}): a V4L2 device, an HTTP
   * MJPEG stream, a video file or a still image, as {@code camera.opencv.*} say.
   */
  OPENCV
}
