package dev.latentmpc.camera.opencv;

import dev.latentmpc.camera.CameraUnavailableException;

/**
 * Opens a connection to the configured source; the capture thread calls it on every (re)connect.
 */
@FunctionalInterface
interface SourceOpener {
  /**
   * Opens the source.
   *
   * @throws CameraUnavailableException saying why it cannot be opened now
   */
  FrameSource open(CameraConfig config) throws CameraUnavailableException;

  /** The real sources: OpenCV capture, still images and HTTP MJPEG. */
  static FrameSource openDefault(CameraConfig config) throws CameraUnavailableException {
    return switch (config.source()) {
      case CameraSource.StillImage image -> StillImageSource.open(image);
      case CameraSource.Stream stream when stream.isHttp() ->
          MjpegHttpSource.open(stream, config.stallTimeout());
      default -> VideoCaptureSource.open(config);
    };
  }
}
