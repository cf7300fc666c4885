package dev.latentmpc.camera.opencv;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an OpenCV camera's frames come from. {@link #parse} reads the one-string form used in
 * configuration files: a V4L2 device index ({@code 0}), a device path ({@code /dev/video0}, {@code
 * /dev/v4l/by-id/...}), a URL ({@code http://host/stream.mjpg}, {@code rtsp://...}), a still image
 * ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp}) or any other path as a video file (a
 * {@code printf} pattern such as {@code frame_%03d.png} reads an image sequence).
 */
public sealed interface CameraSource {

  /** A label for logs and the {@code source} tag of the camera meters: low-cardinality, no URL. */
  String kind();

  /** What the source is, for messages; credentials in a URL are left out. */
  String describe();

  /**
   * Whether frames are read as fast as the source can be decoded (files, images), so the capture
   * thread paces them at the configured rate; live sources pace themselves.
   */
  boolean paced();

  /**
   * A V4L2 capture device by index: {@code /dev/video<index>}.
   *
   * @param index the device number, 0 … 255
   */
  record Device(int index) implements CameraSource {
    /** Checks the range. */
    public Device {
      if (index < 0 || index > 255) {
        throw new IllegalArgumentException("device index must be in [0, 255], got " + index);
      }
    }

    @Override
    public String kind() {
      return "device";
    }

    @Override
    public String describe() {
      return "V4L2 device " + index + " (/dev/video" + index + ")";
    }

    @Override
    public boolean paced() {
      return false;
    }
  }

  /**
   * A V4L2 capture device by path, e.g. a stable {@code /dev/v4l/by-id/...} link.
   *
   * @param path the device node or a link to it
   */
  record DevicePath(Path path) implements CameraSource {
    /** Checks that the path is present. */
    public DevicePath {
      Objects.requireNonNull(path, "path is null");
    }

    @Override
    public String kind() {
      return "device";
    }

    @Override
    public String describe() {
      return "V4L2 device " + path;
    }

    @Override
    public boolean paced() {
      return false;
    }
  }

  /**
   * A network camera. {@code http} and {@code https} URLs are read as MJPEG streams ({@code
   * multipart/x-mixed-replace}) or JPEG snapshots by this module; other schemes ({@code rtsp}, ...)
   * go to OpenCV, whose linux-x86_64 build here has no FFmpeg or GStreamer backend, so they only
   * open with an OpenCV build that has one.
   *
   * @param uri the stream's URL
   */
  record Stream(URI uri) implements CameraSource {
    /** Checks that the URL is absolute. */
    public Stream {
      Objects.requireNonNull(uri, "uri is null");
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new IllegalArgumentException("stream URL needs a scheme and a host, got " + uri);
      }
    }

    /** Whether this module reads the stream itself (HTTP MJPEG) rather than through OpenCV. */
    public boolean isHttp() {
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https");
    }

    @Override
    public String kind() {
      return "stream";
    }

    @Override
    public String describe() {
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      return "stream " + uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    @Override
    public boolean paced() {
      return false;
    }
  }

  /**
   * A video file (or an image-sequence pattern), read at the configured rate or its own.
   *
   * @param path the file
   * @param loop whether to start again at the end; without it the camera reports the end as
   *     unavailable for good
   */
  record VideoFile(Path path, boolean loop) implements CameraSource {
    /** Checks that the path is present. */
    public VideoFile {
      Objects.requireNonNull(path, "path is null");
    }

    /** Whether the path is an image-sequence pattern ({@code %d}-style) rather than one file. */
    public boolean isPattern() {
      return path.toString().contains("%");
    }

    @Override
    public String kind() {
      return "file";
    }

    @Override
    public String describe() {
      return "video file " + path + (loop ? " (looping)" : "");
    }

    @Override
    public boolean paced() {
      return true;
    }
  }

  /**
   * A still image (PNG, JPEG, BMP), decoded once per connection and delivered at the configured
   * rate, as if a camera kept looking at it.
   *
   * @param path the image file
   */
  record StillImage(Path path) implements CameraSource {
    /** Checks that the path is present. */
    public StillImage {
      Objects.requireNonNull(path, "path is null");
    }

    @Override
    public String kind() {
      return "image";
    }

    @Override
    public String describe() {
      return "still image " + path;
    }

    @Override
    public boolean paced() {
      return true;
    }
  }

  /**
   * Reads the one-string form (see the type's Javadoc).
   *
   * @param text the source as written in the configuration
   * @param loop whether a video file loops (ignored for other sources)
   * @return the source
   * @throws IllegalArgumentException when the text is blank or not a valid index, URL or path
   */
  static CameraSource parse(String text, boolean loop) {
    return SourceParser.parse(text, loop);
  }
}
