package dev.latentmpc.controller.service;

import com.google.protobuf.ByteString;
import dev.latentmpc.controller.service.image.ImageEncoder;
import dev.latentmpc.controller.testing.TestBundle;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.RawRgbImage;
import dev.latentmpc.worldmodel.preprocess.RgbImage;

/** Seeded images and their wire forms for the service tests. */
final class TestImages {

  private TestImages() {}

  static RgbImage random(long seed) {
    return TestBundle.randomImage(seed, 64, 64);
  }

  static Image png(RgbImage image) {
    return Image.newBuilder().setEncoded(ByteString.copyFrom(ImageEncoder.png(image))).build();
  }

  static Image encoded(byte[] bytes) {
    return Image.newBuilder().setEncoded(ByteString.copyFrom(bytes)).build();
  }

  static Image raw(RgbImage image) {
    return Image.newBuilder()
        .setRaw(
            RawRgbImage.newBuilder()
                .setWidthPx(image.width())
                .setHeightPx(image.height())
                .setRgb(ByteString.copyFrom(image.rgb())))
        .build();
  }
}
