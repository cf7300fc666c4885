package dev.latentmpc.camera.opencv;

import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;

/** A clockwise rotation of the (cropped) frame by a multiple of 90°, for cameras mounted turned. */
public enum Rotation {
  /** Frames as captured. */
  NONE(0, -1),
  /** 90° clockwise: the left column becomes the top row. */
  CW_90(90, ROTATE_90_CLOCKWISE),
  /** Upside down. */
  CW_180(180, ROTATE_180),
  /** 270° clockwise (90° counter-clockwise): the top row becomes the left column. */
  CW_270(270, ROTATE_90_COUNTERCLOCKWISE);

  private final int degrees;
  private final int openCvCode;

  Rotation(int degrees, int openCvCode) {
    this.degrees = degrees;
    this.openCvCode = openCvCode;
  }

  /** The clockwise angle in degrees: 0, 90, 180 or 270. */
  public int degrees() {
    return degrees;
  }

  /** The {@code cv::rotate} code; -1 for {@link #NONE}. */
  int openCvCode() {
    return openCvCode;
  }

  /** Whether width and height trade places. */
  public boolean swapsSides() {
    return degrees == 90 || degrees == 270;
  }

  /**
   * Returns the rotation by {@code degrees} clockwise.
   *
   * @throws IllegalArgumentException unless it is 0, 90, 180 or 270
   */
  public static Rotation ofDegrees(int degrees) {
    for (Rotation r : values()) {
      if (r.degrees == degrees) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "rotation must be 0, 90, 180 or 270 degrees, got " + degrees);
  }
}
