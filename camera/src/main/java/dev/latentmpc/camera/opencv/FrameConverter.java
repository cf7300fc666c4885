package dev.latentmpc.camera.opencv;

import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Turns a raw OpenCV frame (8-bit BGR, gray or BGRA) into an {@link RgbImage}: crop, BGR→RGB, then
 * rotation. Its two work Mats are reused across frames (OpenCV reallocates them only when the size
 * changes) and released by {@link #close()}. Not thread-safe: its owner serialises calls.
 */
final class FrameConverter implements AutoCloseable {
  private final Optional<Crop> crop;
  private final Rotation rotation;
  private final Mat rgb = new Mat();
  private final Mat rotated = new Mat();

  FrameConverter(Optional<Crop> crop, Rotation rotation) {
    this.crop = crop;
    this.rotation = rotation;
  }

  /**
   * Converts {@code raw}, which the caller has checked: 8-bit, 1, 3 or 4 channels, and large enough
   * for the crop.
   *
   * @return a new image that owns its pixel array
   */
  RgbImage convert(Mat raw) {
    if (crop.isEmpty()) {
      cvtColor(raw, rgb, colorCode(raw.channels()));
    } else {
      Crop c = crop.get();
      try (Rect rect = new Rect(c.x(), c.y(), c.widthPx(), c.heightPx());
          Mat roi = new Mat(raw, rect)) {
        cvtColor(roi, rgb, colorCode(raw.channels()));
      }
    }
    Mat out = rgb;
    if (rotation != Rotation.NONE) {
      rotate(rgb, rotated, rotation.openCvCode());
      out = rotated;
    }
    byte[] pixels = new byte[Math.multiplyExact(3 * out.cols(), out.rows())];
    try (BytePointer data = out.data()) {
      data.get(pixels);
    }
    return new RgbImage(out.cols(), out.rows(), pixels);
  }

  private static int colorCode(int channels) {
    return switch (channels) {
      case 1 -> COLOR_GRAY2RGB;
      case 3 -> COLOR_BGR2RGB;
      case 4 -> COLOR_BGRA2RGB;
      default -> throw new IllegalArgumentException("unsupported channel count " + channels);
    };
  }

  @Override
  public void close() {
    rgb.close();
    rotated.close();
  }
}
