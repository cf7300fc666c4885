package dev.latentmpc.camera.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_OPENCV_MJPEG;

import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;

/**
 * Test fixtures written by OpenCV itself: MJPEG-in-AVI videos (the codec and container OpenCV
 * writes and reads without FFmpeg, which the bytedeco linux-x86_64 build lacks), PNG/JPEG stills
 * and JPEG bytes for HTTP streams. Every Mat is released before returning. Files appear atomically
 * (written beside, then moved), so a camera polling for them never sees half a file.
 */
public final class VideoFiles {
  private VideoFiles() {}

  /**
   * Writes {@code frames} as an MJPEG AVI at {@code fps}.
   *
   * @param file the .avi to create (replaced if present)
   * @param frames RGB frames, all of one size (even sides suit JPEG's chroma subsampling)
   * @param fps the rate stored in the file
   * @return {@code file}
   */
  public static Path writeMjpegAvi(Path file, List<RgbImage> frames, double fps) {
    RgbImage first = frames.get(0);
    Path partial = partialOf(file);
    int mjpg = VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G');
    try (VideoWriter writer = new VideoWriter();
        Size size = new Size(first.width(), first.height())) {
      if (!writer.open(partial.toString(), CAP_OPENCV_MJPEG, mjpg, fps, size, true)) {
        throw new IllegalStateException("OpenCV cannot write MJPEG AVI to " + partial);
      }
      for (RgbImage frame : frames) {
        try (Mat bgr = toBgr(frame)) {
          writer.write(bgr);
        }
      }
      writer.release();
    }
    return moveIntoPlace(partial, file);
  }

  /** Writes {@code image} with OpenCV's {@code imwrite}; the extension picks the format. */
  public static Path writeImage(Path file, RgbImage image) {
    String name = file.getFileName().toString();
    Path partial = file.resolveSibling("partial-" + name); // imwrite needs the real extension
    try (Mat bgr = toBgr(image)) {
      if (!imwrite(partial.toString(), bgr)) {
        throw new IllegalStateException("OpenCV cannot write " + partial);
      }
    }
    return moveIntoPlace(partial, file);
  }

  /** Encodes {@code image} as JPEG bytes (OpenCV's default quality). */
  public static byte[] jpeg(RgbImage image) {
    try (Mat bgr = toBgr(image);
        BytePointer buffer = new BytePointer()) {
      if (!imencode(".jpg", bgr, buffer)) {
        throw new IllegalStateException("OpenCV cannot encode JPEG");
      }
      byte[] bytes = new byte[(int) buffer.limit()];
      buffer.get(bytes);
      return bytes;
    }
  }

  /** Copies an RGB image into a new BGR Mat; the caller closes it. */
  public static Mat toBgr(RgbImage image) {
    Mat bgr = new Mat();
    try (Mat rgb = new Mat(image.height(), image.width(), CV_8UC3);
        BytePointer data = rgb.data()) {
      data.put(image.rgb());
      cvtColor(rgb, bgr, COLOR_RGB2BGR);
    } catch (RuntimeException e) {
      bgr.close();
      throw e;
    }
    return bgr;
  }

  private static Path partialOf(Path file) {
    return file.resolveSibling("partial-" + file.getFileName());
  }

  private static Path moveIntoPlace(Path partial, Path file) {
    try {
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
