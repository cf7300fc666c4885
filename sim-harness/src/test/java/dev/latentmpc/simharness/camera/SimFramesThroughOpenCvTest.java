package dev.latentmpc.simharness.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.camera.Await;
import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.opencv.CameraConfig;
import dev.latentmpc.camera.opencv.CameraIOOpenCv;
import dev.latentmpc.camera.opencv.CameraSource;
import dev.latentmpc.camera.opencv.Crop;
import dev.latentmpc.camera.opencv.Rotation;
import dev.latentmpc.camera.opencv.TestImages;
import dev.latentmpc.camera.opencv.VideoFiles;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.ModelSpec.InputSpec;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sim-rendered frames written by OpenCV (an MJPEG AVI and PNG stills) and read back through {@link
 * CameraIOOpenCv}: pixels and colours survive within JPEG's tolerance, and the world model's shared
 * preprocessing gives the same clip as on the rendered image.
 */
class SimFramesThroughOpenCvTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final FramePreprocessor PREPROCESS =
      new FramePreprocessor(
          new InputSpec(
              64,
              3,
              2,
              72,
              "center",
              "bilinear",
              1.0 / 255,
              List.of(0.485, 0.456, 0.406),
              List.of(0.229, 0.224, 0.225),
              "batch,channel,time,height,width"));

  private static List<RgbImage> rendered;

  @TempDir Path dir;

  /** Four scenes (different seeds of two tasks) through the default camera at 128×96. */
  @BeforeAll
  static void render() {
    Renderer renderer = new Renderer(CameraSpec.DEFAULT.withSize(128, 96));
    rendered =
        LongStream.range(0, 4)
            .mapToObj(seed ->
                renderer.render(
                    Episode.create(seed % 2 == 0 ? SimTask.GRASP : SimTask.REACH, seed)
                        .startWorld()
                        .shapes()))
            .toList();
  }

  private static double channelMean(RgbImage image, int channel) {
    long sum = 0;
    for (int i = channel; i < image.rgb().length; i += 3) {
      sum += image.rgb()[i] & 0xFF;
    }
    return (double) sum / (image.width() * image.height());
  }

  @Test
  void everyFrameOfAnOpenCvVideoOfSimFramesComesBackWithItsColours() {
    Path avi = VideoFiles.writeMjpegAvi(dir.resolve("sim.avi"), rendered, 10);
    CameraConfig config =
        CameraConfig.builder(new CameraSource.VideoFile(avi, true)).size(128, 96).fps(100).build();
    try (CameraIOOpenCv camera = CameraIOOpenCv.start(config)) {
      long after = -1;
      for (int i = 0; i < 2 * rendered.size(); i++) {
        CameraFrame f = Await.frameAfter(camera, after, WAIT);
        after = f.sequence();
        RgbImage source = rendered.get((int) (f.sequence() % rendered.size()));
        // Measured: about 1.2 grey levels per value (JPEG at OpenCV's default quality).
        assertThat(TestImages.meanAbsDiff(f.image(), source)).isLessThan(2.5);
        for (int c = 0; c < 3; c++) {
          // A red/blue swap would move the table-dominated means by tens of levels.
          assertThat(channelMean(f.image(), c)).isCloseTo(channelMean(source, c), within(1.5));
        }
      }
      assertThat(camera.stats().reconnects()).isZero();
    }
  }

  @Test
  void preprocessingACapturedSimFrameMatchesPreprocessingTheRender() {
    RgbImage source = rendered.get(1);
    Path avi = VideoFiles.writeMjpegAvi(dir.resolve("one.avi"), List.of(source), 10);
    CameraConfig config =
        CameraConfig.builder(new CameraSource.VideoFile(avi, true)).fps(100).build();
    try (CameraIOOpenCv camera = CameraIOOpenCv.start(config)) {
      float[] captured = PREPROCESS.preprocess(Await.frameAfter(camera, -1, WAIT).image());
      float[] direct = PREPROCESS.preprocess(source);
      // Normalised units: one grey level is about 0.017; measured about 0.018 on sim frames.
      assertThat(TestImages.meanAbsDiff(captured, direct)).isLessThan(0.04);
    }
  }

  @Test
  void aPngStillOfASimFrameIsPreprocessedBitForBit() {
    RgbImage source = rendered.get(2);
    Path png = VideoFiles.writeImage(dir.resolve("frame.png"), source);
    CameraConfig config =
        CameraConfig.builder(new CameraSource.StillImage(png)).size(128, 96).fps(100).build();
    try (CameraIOOpenCv camera = CameraIOOpenCv.start(config)) {
      RgbImage captured = Await.frameAfter(camera, -1, WAIT).image();
      assertThat(captured.rgb()).isEqualTo(source.rgb());
      assertThat(PREPROCESS.preprocess(captured)).isEqualTo(PREPROCESS.preprocess(source));
    }
  }

  @Test
  void aCameraMountedUpsideDownIsTurnedBackByItsRotation() {
    RgbImage source = rendered.get(3);
    RgbImage upsideDown = rotate180(source);
    Path png = VideoFiles.writeImage(dir.resolve("mounted.png"), upsideDown);
    CameraConfig config =
        CameraConfig.builder(new CameraSource.StillImage(png))
            .crop(new Crop(0, 0, 128, 96))
            .rotation(Rotation.CW_180)
            .fps(100)
            .build();
    try (CameraIOOpenCv camera = CameraIOOpenCv.start(config)) {
      assertThat(Await.frameAfter(camera, -1, WAIT).image().rgb()).isEqualTo(source.rgb());
    }
  }

  private static RgbImage rotate180(RgbImage img) {
    byte[] px = new byte[img.rgb().length];
    int n = img.width() * img.height();
    for (int i = 0; i < n; i++) {
      System.arraycopy(img.rgb(), 3 * i, px, 3 * (n - 1 - i), 3);
    }
    return new RgbImage(img.width(), img.height(), px);
  }
}
