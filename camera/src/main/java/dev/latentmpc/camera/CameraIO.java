package dev.latentmpc.camera;

/**
 * A monocular camera as the controller sees it: the newest frame, never a queue of old ones.
 *
 * <p>Implementations: an OpenCV capture ({@code CameraIOOpenCv}), the simulated exocentric camera
 * ({@code CameraIOSim}) and a remote camera served by a robot bridge. There are no default methods:
 * every implementation says how it reports a missing or stale frame.
 */
public interface CameraIO extends AutoCloseable {
  /**
   * Returns the newest captured frame.
   *
   * @return the newest frame with its sequence number and capture time
   * @throws CameraUnavailableException when no frame can be had (device absent, stream down)
   */
  CameraFrame latest() throws CameraUnavailableException;

  /** Releases the device or connection; further {@link #latest()} calls fail. */
  @Override
  void close();
}
