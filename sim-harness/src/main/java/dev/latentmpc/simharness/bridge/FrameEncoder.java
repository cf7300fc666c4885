package dev.latentmpc.simharness.bridge;

import com.google.protobuf.ByteString;
import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.proto.bridge.v1.FrameEncoding;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.worldmodel.preprocess.RgbImage;

/** Turns a {@link CameraFrame} into the bridge's {@code CameraFrame} message, raw or as PNG. */
final class FrameEncoder {
  private FrameEncoder() {}

  /**
   * Encodes a frame.
   *
   * @param frame the camera frame
   * @param encoding wanted encoding; UNSPECIFIED means raw RGB8
   * @param ageNanos how old the frame is now, by the camera's monotonic clock
   * @return the message
   */
  static dev.latentmpc.proto.bridge.v1.CameraFrame encode(
      CameraFrame frame, FrameEncoding encoding, long ageNanos) {
    RgbImage image = frame.image();
    FrameEncoding used =
        encoding == FrameEncoding.FRAME_ENCODING_PNG
            ? FrameEncoding.FRAME_ENCODING_PNG
            : FrameEncoding.FRAME_ENCODING_RGB8;
    ByteString data =
        used == FrameEncoding.FRAME_ENCODING_PNG
            ? ByteString.copyFrom(PngImages.encode(image))
            : ByteString.copyFrom(image.rgb());
    return dev.latentmpc.proto.bridge.v1.CameraFrame.newBuilder()
        .setWidthPx(image.width())
        .setHeightPx(image.height())
        .setEncoding(used)
        .setData(data)
        .setSequence(frame.sequence())
        .setCaptureTimeUnixNanos(frame.captureTimeUnixNanos())
        .setAgeNanos(Math.max(0, ageNanos))
        .build();
  }
}
