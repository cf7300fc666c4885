package dev.latentmpc.bench.video;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YUV_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The episode video of {@code demo}: per control step, the camera frame the step planned from next
 * to the goal image it planned towards (labelled "camera" and "goal"), with caption lines (step,
 * sub-goal, distance, energy) in a dark band below, written as an MP4 by {@link Mp4Writer}.
 *
 * <p>Images arrive encoded (the PNGs the operator API streams and uploads) and are decoded, scaled,
 * composed, captioned (OpenCV's built-in Hershey font, no font files) and converted to I420 with
 * OpenCV; every {@link Mat} is released before a method returns. The frame size is fixed by the
 * first frame: two panels of its camera image's height. Not thread-safe; always {@link #close()}.
 */
public final class EpisodeVideo implements AutoCloseable {
  private static final int CAPTION_LINE_PX = 22;

  private final Path file;
  private final int fps;
  private final int captionLines;
  private Mp4Writer writer;
  private int panelPx;

  private EpisodeVideo(Path file, int fps, int captionLines) {
    this.file = file;
    this.fps = fps;
    this.captionLines = captionLines;
  }

  /**
   * Prepares a video; the file is created with the first frame.
   *
   * @param file the .mp4 to write
   * @param fps frames per second
   * @param captionLines lines of caption under each frame, 1 … 4
   */
  public static EpisodeVideo create(Path file, int fps, int captionLines) {
    if (captionLines < 1 || captionLines > 4) {
      throw new IllegalArgumentException("captionLines must be in [1, 4], got " + captionLines);
    }
    return new EpisodeVideo(file, fps, captionLines);
  }

  /**
   * Adds one frame.
   *
   * @param camera the camera image, PNG or JPEG
   * @param goal the goal image, PNG or JPEG (scaled to the camera image's height)
   * @param caption up to {@code captionLines} lines of text (ASCII)
   * @throws VideoException when an image cannot be decoded or the encoder fails
   */
  public void add(byte[] camera, byte[] goal, List<String> caption) {
    try (Mat cam = decode(camera, "camera frame");
        Mat goalImage = decode(goal, "goal image")) {
      if (writer == null) {
        panelPx = evenUp(cam.rows());
        writer = Mp4Writer.open(file, 2 * panelPx, height(), fps);
      }
      try (Mat canvas = new Mat(height(), 2 * panelPx, CV_8UC3, new Scalar(24, 24, 24, 0))) {
        place(cam, canvas, 0);
        place(goalImage, canvas, panelPx);
        label(canvas, "camera", 6);
        label(canvas, "goal", panelPx + 6);
        for (int i = 0; i < Math.min(caption.size(), captionLines); i++) {
          text(canvas, caption.get(i), panelPx + i * CAPTION_LINE_PX + 16);
        }
        writer.write(i420(canvas));
      }
    }
  }

  /** Frames written so far. */
  public long frames() {
    return writer == null ? 0 : writer.frames();
  }

  /** The encoder in use; empty before the first frame. */
  public String codecName() {
    return writer == null ? "" : writer.codecName();
  }

  private int height() {
    return panelPx + evenUp(captionLines * CAPTION_LINE_PX + 8);
  }

  private static int evenUp(int v) {
    return v + (v & 1);
  }

  private static Mat decode(byte[] encoded, String what) {
    Mat image;
    try (BytePointer data = new BytePointer(encoded);
        Mat bytes = new Mat(data)) {
      image = imdecode(bytes, IMREAD_COLOR);
    }
    if (image == null || image.empty()) {
      if (image != null) {
        image.close();
      }
      throw new VideoException("OpenCV cannot decode the " + what);
    }
    return image;
  }

  /** Scales {@code image} into the square panel at {@code x} (aspect kept, centred). */
  private void place(Mat image, Mat canvas, int x) {
    double scale = Math.min((double) panelPx / image.cols(), (double) panelPx / image.rows());
    int w = Math.max(1, (int) Math.round(image.cols() * scale));
    int h = Math.max(1, (int) Math.round(image.rows() * scale));
    try (Mat scaled = new Mat();
        Size size = new Size(w, h);
        Rect where = new Rect(x + (panelPx - w) / 2, (panelPx - h) / 2, w, h);
        Mat roi = new Mat(canvas, where)) {
      resize(image, scaled, size, 0, 0, INTER_AREA);
      scaled.copyTo(roi);
    }
  }

  private static void text(Mat canvas, String line, int baselineY) {
    try (Point at = new Point(8, baselineY);
        Scalar white = new Scalar(235, 235, 235, 0)) {
      putText(canvas, line, at, FONT_HERSHEY_SIMPLEX, 0.5, white, 1, LINE_AA, false);
    }
  }

  /** A small outlined label in a panel's top left corner, readable on any background. */
  private static void label(Mat canvas, String text, int x) {
    try (Point at = new Point(x, 18);
        Scalar dark = new Scalar(20, 20, 20, 0);
        Scalar light = new Scalar(250, 250, 250, 0)) {
      putText(canvas, text, at, FONT_HERSHEY_SIMPLEX, 0.5, dark, 3, LINE_AA, false);
      putText(canvas, text, at, FONT_HERSHEY_SIMPLEX, 0.5, light, 1, LINE_AA, false);
    }
  }

  private static byte[] i420(Mat bgr) {
    try (Mat yuv = new Mat()) {
      cvtColor(bgr, yuv, COLOR_BGR2YUV_I420);
      byte[] bytes = new byte[(int) (yuv.total() * yuv.elemSize())];
      yuv.data().get(bytes);
      return bytes;
    }
  }

  /** Finishes the file (if a frame was added) and frees the encoder; idempotent. */
  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }
}
