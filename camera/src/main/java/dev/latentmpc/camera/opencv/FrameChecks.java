package dev.latentmpc.camera.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/** Checks of a raw frame against the camera's config. */
final class FrameChecks {
  private FrameChecks() {}

  /** Returns why {@code raw} cannot be used, if it cannot. */
  static Optional<Fault.Mismatch> check(Mat raw, CameraConfig config, String description) {
    int w = raw.cols();
    int h = raw.rows();
    if (raw.depth() != CV_8U || raw.channels() == 2 || raw.channels() > 4) {
      return Optional.of(
          new Fault.Mismatch(
              description
                  + " delivers frames OpenCV cannot turn into 8-bit RGB (depth "
                  + raw.depth()
                  + ", "
                  + raw.channels()
                  + " channels)",
              w,
              h,
              w,
              h));
    }
    if (config.hasExpectedSize() && (w != config.widthPx() || h != config.heightPx())) {
      String expected = config.widthPx() + "x" + config.heightPx();
      return Optional.of(
          new Fault.Mismatch(
              "unexpected frame size from "
                  + description
                  + ": expected "
                  + expected
                  + ", found "
                  + w
                  + "x"
                  + h,
              config.widthPx(),
              config.heightPx(),
              w,
              h));
    }
    if (config.crop().isPresent() && !config.crop().get().fits(w, h)) {
      Crop c = config.crop().get();
      return Optional.of(
          new Fault.Mismatch(
              "crop "
                  + c
                  + " does not fit the frames from "
                  + description
                  + ": expected at least "
                  + (c.x() + c.widthPx())
                  + "x"
                  + (c.y() + c.heightPx())
                  + ", found "
                  + w
                  + "x"
                  + h,
              c.x() + c.widthPx(),
              c.y() + c.heightPx(),
              w,
              h));
    }
    return Optional.empty();
  }
}
