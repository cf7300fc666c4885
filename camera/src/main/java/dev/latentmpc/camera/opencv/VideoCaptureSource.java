package dev.latentmpc.camera.opencv;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_ANY;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_BUFFERSIZE;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FOURCC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FPS;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_HEIGHT;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_WIDTH;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_POS_FRAMES;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_V4L2;

import dev.latentmpc.camera.CameraUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;

/**
 * A source read through OpenCV's {@code VideoCapture}: V4L2 devices, video files (the MJPEG/AVI
 * reader and image sequences are built into every OpenCV build) and whatever network streams the
 * OpenCV build has a backend for. A looping file is rewound at its end.
 */
final class VideoCaptureSource implements FrameSource {
  private final VideoCapture capture;
  private final String description;
  private final boolean loop;
  private long framesThisPass;
  private boolean closed;

  private VideoCaptureSource(VideoCapture capture, String description, boolean loop) {
    this.capture = capture;
    this.description = description;
    this.loop = loop;
  }

  /**
   * Opens the config's source and applies its size, rate and pixel format to a device.
   *
   * @throws CameraUnavailableException naming the source and, where it can be told, why
   */
  static VideoCaptureSource open(CameraConfig config) throws CameraUnavailableException {
    CameraSource source = config.source();
    checkPresent(source);
    VideoCapture capture = new VideoCapture();
    try {
      boolean opened =
          switch (source) {
            case CameraSource.Device d -> capture.open(d.index(), CAP_V4L2);
            case CameraSource.DevicePath d -> capture.open(d.path().toString(), CAP_V4L2);
            case CameraSource.Stream s -> capture.open(s.uri().toString(), CAP_ANY);
            case CameraSource.VideoFile f -> capture.open(f.path().toString(), CAP_ANY);
            case CameraSource.StillImage i ->
                throw new IllegalArgumentException("still images are not read by VideoCapture");
          };
      if (!opened || !capture.isOpened()) {
        throw new CameraUnavailableException(
            "OpenCV could not open " + source.describe() + whyNotOpened(source));
      }
      if (source instanceof CameraSource.Device || source instanceof CameraSource.DevicePath) {
        applyDeviceSettings(capture, config);
      }
      boolean loop = source instanceof CameraSource.VideoFile f && f.loop();
      return new VideoCaptureSource(capture, source.describe(), loop);
    } catch (CameraUnavailableException | RuntimeException e) {
      release(capture);
      throw e;
    }
  }

  /** Fails early with a precise reason when a device node or file is simply not there. */
  private static void checkPresent(CameraSource source) throws CameraUnavailableException {
    Path path =
        switch (source) {
          case CameraSource.Device d -> Path.of("/dev/video" + d.index());
          case CameraSource.DevicePath d -> d.path();
          case CameraSource.VideoFile f -> f.isPattern() ? null : f.path();
          default -> null;
        };
    if (path != null && !Files.exists(path)) {
      String what = source instanceof CameraSource.VideoFile ? "" : " (is the camera plugged in?)";
      throw new CameraUnavailableException(
          source.describe() + " is absent: no such file " + path + what);
    }
    if (path != null && !Files.isReadable(path)) {
      throw new CameraUnavailableException(
          source.describe() + " is not readable by this process: " + path);
    }
  }

  private static String whyNotOpened(CameraSource source) {
    return switch (source) {
      case CameraSource.Stream s ->
          ": the OpenCV build in use has no FFmpeg or GStreamer backend for network streams;"
              + " use the camera's http:// MJPEG URL";
      case CameraSource.VideoFile f ->
          " (without FFmpeg, OpenCV reads MJPEG in AVI, and image sequences)";
      default -> " (busy, or not a video capture device?)";
    };
  }

  private static void applyDeviceSettings(VideoCapture capture, CameraConfig config) {
    // Pixel format first: V4L2 picks the sizes and rates a format offers.
    config.fourcc().ifPresent(f -> capture.set(CAP_PROP_FOURCC, fourccCode(f)));
    if (config.hasExpectedSize()) {
      capture.set(CAP_PROP_FRAME_WIDTH, config.widthPx());
      capture.set(CAP_PROP_FRAME_HEIGHT, config.heightPx());
    }
    if (config.fps() > 0) {
      capture.set(CAP_PROP_FPS, config.fps());
    }
    // The capture thread drains the device anyway; a one-frame driver queue keeps latency lowest.
    capture.set(CAP_PROP_BUFFERSIZE, 1);
  }

  /** The V4L2/OpenCV code of a four-character pixel format such as {@code MJPG}. */
  static int fourccCode(String fourcc) {
    return VideoWriter.fourcc(
        (byte) fourcc.charAt(0),
        (byte) fourcc.charAt(1),
        (byte) fourcc.charAt(2),
        (byte) fourcc.charAt(3));
  }

  @Override
  public boolean read(Mat out) throws CameraUnavailableException {
    if (capture.read(out) && !out.empty()) {
      framesThisPass++;
      return true;
    }
    if (!loop || framesThisPass == 0) {
      return false; // The end, or a file that has no frame to loop over.
    }
    framesThisPass = 0;
    if (!capture.set(CAP_PROP_POS_FRAMES, 0)) {
      throw new CameraUnavailableException("could not rewind " + description);
    }
    if (capture.read(out) && !out.empty()) {
      framesThisPass++;
      return true;
    }
    return false;
  }

  @Override
  public double sourceFps() {
    return capture.get(CAP_PROP_FPS);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      release(capture);
    }
  }

  private static void release(VideoCapture capture) {
    capture.release();
    capture.close();
  }
}
