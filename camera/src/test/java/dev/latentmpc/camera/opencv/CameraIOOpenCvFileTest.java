package dev.latentmpc.camera.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.camera.Await;
import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraFrameMismatchException;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video files and still images written by OpenCV, read back through {@link CameraIOOpenCv}. */
class CameraIOOpenCvFileTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final List<CameraIOOpenCv> cameras = new ArrayList<>();

  @AfterEach
  void closeCameras() {
    cameras.forEach(CameraIOOpenCv::close);
  }

  private CameraIOOpenCv start(CameraConfig config) {
    CameraIOOpenCv camera = CameraIOOpenCv.start(config);
    cameras.add(camera);
    return camera;
  }

  private CameraConfig.Builder file(Path path, boolean loop) {
    return CameraConfig.builder(new CameraSource.VideoFile(path, loop)).fps(200);
  }

  private Path video(String name, int frames, int w, int h) {
    List<RgbImage> images =
        IntStream.range(0, frames).mapToObj(i -> TestImages.gradient(w, h, i)).toList();
    return VideoFiles.writeMjpegAvi(dir.resolve(name), images, 25);
  }

  @Test
  void redStaysRedAfterBgrToRgb() {
    RgbImage source = TestImages.redSquare(96, 64, 32, 16, 32);
    Path avi = VideoFiles.writeMjpegAvi(dir.resolve("red.avi"), List.of(source), 25);
    CameraIOOpenCv camera = start(file(avi, true).build());
    RgbImage seen = Await.frameAfter(camera, -1, WAIT).image();
    assertThat(seen.width()).isEqualTo(96);
    assertThat(seen.value(48, 32, 0)).isGreaterThan(230);
    assertThat(seen.value(48, 32, 1)).isLessThan(25);
    assertThat(seen.value(48, 32, 2)).isLessThan(25);
    assertThat(seen.value(5, 5, 0)).isCloseTo(128, within(6));
    assertThat(TestImages.meanAbsDiff(seen, source)).isLessThan(4.0);
  }

  @Test
  void loopingFileKeepsDelivering() {
    CameraIOOpenCv camera = start(file(video("loop.avi", 4, 64, 48), true).build());
    CameraFrame f = Await.frameAfter(camera, 12, WAIT);
    assertThat(f.sequence()).isGreaterThan(12);
    assertThat(camera.stats().reconnects()).isZero();
  }

  @Test
  void nonLoopingFileEndingMakesTheCameraUnavailableForGood() {
    CameraIOOpenCv camera = start(file(video("once.avi", 3, 64, 48), false).build());
    CameraUnavailableException e = Await.failure(camera, "ended after 3 frames", WAIT);
    assertThat(e).isNotInstanceOf(CameraFrameMismatchException.class);
    assertThat(e).hasMessageContaining("once.avi");
    assertThat(camera.stats().framesCaptured()).isEqualTo(3);
    assertThat(camera.stats().reconnects()).isZero();
  }

  @Test
  void missingFileIsReportedThenPickedUpWhenItAppears() {
    Path late = dir.resolve("late.avi");
    CameraConfig config =
        file(late, true).reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).build();
    CameraIOOpenCv camera = start(config);
    Await.failure(camera, "absent: no such file " + late, WAIT);
    Await.until(
        "a reconnect attempt",
        WAIT,
        () -> Optional.of(camera.stats()).filter(s -> s.reconnects() > 0));

    VideoFiles.writeMjpegAvi(late, List.of(TestImages.gradient(64, 48, 0)), 25);
    CameraFrame f = Await.frameAfter(camera, -1, WAIT);
    assertThat(f.image().width()).isEqualTo(64);
    assertThat(camera.stats().reconnects()).isPositive();
  }

  @Test
  void wrongSizeSaysExpectedVersusFound() {
    CameraIOOpenCv camera = start(file(video("big.avi", 2, 96, 64), true).size(64, 48).build());
    CameraUnavailableException e = Await.failure(camera, "expected 64x48, found 96x64", WAIT);
    assertThat(e).isInstanceOf(CameraFrameMismatchException.class).hasMessageContaining("big.avi");
    CameraFrameMismatchException m = (CameraFrameMismatchException) e;
    assertThat(new int[] {m.expectedWidthPx(), m.expectedHeightPx()}).containsExactly(64, 48);
    assertThat(new int[] {m.foundWidthPx(), m.foundHeightPx()}).containsExactly(96, 64);
    Await.until(
        "mismatched frames counted as dropped",
        WAIT,
        () -> Optional.of(camera.stats()).filter(s -> s.framesDropped() >= 2));
  }

  @Test
  void onlyTheNewestFrameIsHandedOutAndTheRestCountAsDropped() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CameraIOOpenCv camera =
        CameraIOOpenCv.builder(file(video("fast.avi", 5, 64, 48), true).fps(1000).build())
            .meterRegistry(registry)
            .start();
    cameras.add(camera);
    Await.until(
        "30 captured frames",
        WAIT,
        () -> Optional.of(camera.stats()).filter(s -> s.framesCaptured() >= 30));
    CameraFrame newest = camera.latest(); // Nothing was read before: 29 or more frames went by.
    assertThat(newest.sequence()).isGreaterThanOrEqualTo(29);
    camera.close();
    CameraStats stats = camera.stats();
    assertThat(stats.framesDropped()).isGreaterThanOrEqualTo(29);
    assertThat(stats.framesDropped()).isLessThanOrEqualTo(stats.framesCaptured() - 1);
    assertThat(
            registry.get("latentmpc.camera.frames.dropped").tag("source", "file").counter().count())
        .isEqualTo(stats.framesDropped());
    assertThat(registry.get("latentmpc.camera.reconnects").tag("source", "file").counter().count())
        .isZero();
  }

  @Test
  void sameFrameIsHandedOutUntilANewOneArrives() throws Exception {
    Path png = VideoFiles.writeImage(dir.resolve("still.png"), TestImages.gradient(64, 48, 3));
    CameraIOOpenCv camera =
        start(
            CameraConfig.builder(new CameraSource.StillImage(png))
                .fps(0.01)
                .stallTimeout(Duration.ofMinutes(5))
                .build());
    CameraFrame first = Await.frameAfter(camera, -1, WAIT);
    assertThat(camera.latest()).isSameAs(first);
    assertThat(camera.stats().framesDropped()).isZero();
  }
}
