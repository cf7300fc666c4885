package dev.latentmpc.camera.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.camera.Await;
import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraFrameMismatchException;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.worldmodel.ModelSpec.InputSpec;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crop and rotation geometry (exact, through lossless PNG stills), the stall check on an injected
 * clock, and the shared model preprocessing applied to captured frames.
 */
class CameraIOOpenCvGeometryTest {
  private static final Duration WAIT = CameraIOOpenCvFileTest.WAIT;
  private static final Crop CROP = new Crop(10, 4, 40, 30);

  @TempDir Path dir;

  /** What rotating the cropped source clockwise must give, computed independently of OpenCV. */
  private static RgbImage expected(RgbImage src, Crop c, Rotation r) {
    boolean swap = r.swapsSides();
    int w = swap ? c.heightPx() : c.widthPx();
    int h = swap ? c.widthPx() : c.heightPx();
    byte[] px = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // (x, y) in the output comes from (u, v) in the crop.
        int u;
        int v;
        switch (r) {
          case NONE -> {
            u = x;
            v = y;
          }
          case CW_90 -> {
            u = y;
            v = c.heightPx() - 1 - x;
          }
          case CW_180 -> {
            u = c.widthPx() - 1 - x;
            v = c.heightPx() - 1 - y;
          }
          default -> {
            u = c.widthPx() - 1 - y;
            v = x;
          }
        }
        for (int ch = 0; ch < 3; ch++) {
          px[3 * (y * w + x) + ch] = (byte) src.value(c.x() + u, c.y() + v, ch);
        }
      }
    }
    return new RgbImage(w, h, px);
  }

  private CameraConfig.Builder still(Path png) {
    return CameraConfig.builder(new CameraSource.StillImage(png)).fps(100);
  }

  @ParameterizedTest
  @EnumSource(Rotation.class)
  void cropThenRotationGiveExactlyTheExpectedPixels(Rotation rotation) {
    RgbImage src = TestImages.coordinates(64, 48, 9);
    Path png = VideoFiles.writeImage(dir.resolve("coords.png"), src);
    try (CameraIOOpenCv camera =
        CameraIOOpenCv.start(still(png).size(64, 48).crop(CROP).rotation(rotation).build())) {
      RgbImage seen = Await.frameAfter(camera, -1, WAIT).image();
      RgbImage want = expected(src, CROP, rotation);
      assertThat(seen.width()).isEqualTo(want.width());
      assertThat(seen.height()).isEqualTo(want.height());
      assertThat(seen.rgb()).isEqualTo(want.rgb());
    }
  }

  @Test
  void stillImagesAreDeliveredPixelExact() {
    RgbImage src = TestImages.coordinates(40, 30, 200);
    Path png = VideoFiles.writeImage(dir.resolve("exact.png"), src);
    try (CameraIOOpenCv camera = CameraIOOpenCv.start(still(png).build())) {
      CameraFrame f = Await.frameAfter(camera, 2, WAIT);
      assertThat(f.image().rgb()).isEqualTo(src.rgb());
    }
  }

  @Test
  void cropLargerThanTheFramesIsAMismatch() {
    Path png = VideoFiles.writeImage(dir.resolve("small.png"), TestImages.solid(32, 24, 1, 2, 3));
    try (CameraIOOpenCv camera = CameraIOOpenCv.start(still(png).crop(CROP).build())) {
      CameraUnavailableException e =
          Await.failure(camera, "expected at least 50x34, found 32x24", WAIT);
      assertThat(e).isInstanceOf(CameraFrameMismatchException.class);
    }
  }

  @Test
  void aFrameOlderThanTheStallTimeoutIsRefused() throws Exception {
    AtomicLong clock = new AtomicLong(1_000_000_000L);
    Path png = VideoFiles.writeImage(dir.resolve("stall.png"), TestImages.solid(16, 16, 0, 0, 0));
    CameraConfig config = still(png).fps(0.01).stallTimeout(Duration.ofMillis(100)).build();
    try (CameraIOOpenCv camera = CameraIOOpenCv.builder(config).nanoClock(clock::get).start()) {
      CameraFrame f = Await.frameAfter(camera, -1, WAIT);
      assertThat(f.captureTimeNanos()).isEqualTo(1_000_000_000L);
      clock.addAndGet(100_000_000L);
      assertThat(camera.latest()).isSameAs(f);
      clock.addAndGet(150_000_000L);
      assertThatThrownBy(camera::latest)
          .isInstanceOf(CameraUnavailableException.class)
          .hasMessageContaining("no new frame from still image")
          .hasMessageContaining("for 250 ms (stall timeout 100 ms)");
    }
  }

  @Test
  void sharedPreprocessingOfACapturedFrameMatchesTheSourceImage() {
    FramePreprocessor pre =
        new FramePreprocessor(
            new InputSpec(
                64,
                3,
                2,
                64,
                "center",
                "bilinear",
                1.0 / 255,
                List.of(0.485, 0.456, 0.406),
                List.of(0.229, 0.224, 0.225),
                "batch,channel,time,height,width"));
    RgbImage src = TestImages.gradient(128, 96, 5);
    Path avi = VideoFiles.writeMjpegAvi(dir.resolve("pre.avi"), List.of(src), 25);
    CameraConfig config =
        CameraConfig.builder(new CameraSource.VideoFile(avi, true)).fps(100).build();
    try (CameraIOOpenCv camera = CameraIOOpenCv.start(config)) {
      float[] captured = pre.preprocess(Await.frameAfter(camera, -1, WAIT).image());
      float[] direct = pre.preprocess(src);
      // JPEG moves a smooth gradient by about one grey level: 1/255/0.225 ≈ 0.017 per value.
      assertThat(TestImages.meanAbsDiff(captured, direct)).isLessThan(0.03);
    }
  }
}
