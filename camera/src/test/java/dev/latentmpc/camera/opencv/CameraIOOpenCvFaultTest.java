package dev.latentmpc.camera.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.camera.Await;
import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraFrameMismatchException;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Absent and unplugged devices: real V4L2 paths that do not exist, and a scripted source (the
 * package-private opener seam) whose frames and faults the test hands over one by one.
 */
class CameraIOOpenCvFaultTest {
  private static final Duration WAIT = CameraIOOpenCvFileTest.WAIT;
  private static final Object UNPLUG = new Object();
  private static final Object END = new Object();

  private final BlockingQueue<Object> script = new LinkedBlockingQueue<>();
  private final AtomicInteger opens = new AtomicInteger();
  private volatile boolean plugged = true;
  private CameraIOOpenCv camera;

  @AfterEach
  void closeCamera() {
    script.add(END); // Unblocks a scripted read so close() finds the thread done.
    if (camera != null) {
      camera.close();
    }
  }

  /** A source that reads what the test puts in {@link #script}. */
  private final class ScriptedSource implements FrameSource {
    @Override
    public boolean read(Mat out) throws CameraUnavailableException {
      Object step;
      try {
        step = script.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (step == UNPLUG) {
        throw new CameraUnavailableException("VIDIOC_DQBUF: No such device (unplugged)");
      }
      if (step == END) {
        return false;
      }
      try (Mat bgr = VideoFiles.toBgr((RgbImage) step)) {
        bgr.copyTo(out);
      }
      return true;
    }

    @Override
    public double sourceFps() {
      return 0;
    }

    @Override
    public void close() {}
  }

  private FrameSource open(CameraConfig config) throws CameraUnavailableException {
    opens.incrementAndGet();
    if (!plugged) {
      throw new CameraUnavailableException(config.source().describe() + " is absent");
    }
    return new ScriptedSource();
  }

  private CameraIOOpenCv startScripted(CameraConfig.Builder config) {
    camera =
        CameraIOOpenCv.builder(
                config.reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(8)).build())
            .sourceOpener(this::open)
            .start();
    return camera;
  }

  @Test
  void unpluggedMidRunIsReportedAndCaptureResumesOnItsOwn() {
    startScripted(CameraConfig.builder(new CameraSource.Device(0)));
    script.add(TestImages.solid(32, 24, 10, 20, 30));
    CameraFrame before = Await.frameAfter(camera, -1, WAIT);
    assertThat(before.image().value(0, 0, 2)).isEqualTo(30);

    // Unplugged mid-read; the reopen succeeds and waits for frames, so the reason stays visible.
    script.add(UNPLUG);
    CameraUnavailableException e = Await.failure(camera, "unplugged", WAIT);
    assertThat(e).isNotInstanceOf(CameraFrameMismatchException.class);

    // Now absent: the stream ends and every reopen fails, with backoff, until it is back.
    plugged = false;
    script.add(END);
    Await.until(
        "reopen attempts while absent",
        WAIT,
        () -> Optional.of(camera.stats()).filter(s -> s.reconnects() >= 4));
    Await.failure(camera, "is absent", WAIT);

    plugged = true;
    script.add(TestImages.solid(32, 24, 40, 50, 60));
    CameraFrame after = Await.frameAfter(camera, before.sequence(), WAIT);
    assertThat(after.image().value(0, 0, 2)).isEqualTo(60);
    assertThat(opens.get()).isEqualTo(1 + (int) camera.stats().reconnects());
  }

  @Test
  void aStreamThatEndsIsReopened() {
    startScripted(CameraConfig.builder(new CameraSource.Device(3)));
    script.add(TestImages.solid(8, 8, 1, 1, 1));
    CameraFrame first = Await.frameAfter(camera, -1, WAIT);
    script.add(END);
    script.add(TestImages.solid(8, 8, 2, 2, 2));
    CameraFrame second = Await.frameAfter(camera, first.sequence(), WAIT);
    assertThat(second.image().value(0, 0, 0)).isEqualTo(2);
    assertThat(camera.stats().reconnects()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aFrameOfTheRightSizeAfterWrongOnesClearsTheMismatch() {
    startScripted(CameraConfig.builder(new CameraSource.Device(1)).size(32, 24));
    script.add(TestImages.solid(64, 48, 0, 0, 0));
    assertThat(Await.failure(camera, "expected 32x24, found 64x48", WAIT))
        .isInstanceOf(CameraFrameMismatchException.class);
    script.add(TestImages.solid(32, 24, 7, 7, 7));
    assertThat(Await.frameAfter(camera, -1, WAIT).image().width()).isEqualTo(32);
  }

  @Test
  void absentV4l2DeviceSaysSo() {
    camera = CameraIOOpenCv.start(CameraConfig.builder(new CameraSource.Device(213)).build());
    assertThat(Await.failure(camera, "is absent", WAIT))
        .hasMessageContaining("V4L2 device 213")
        .hasMessageContaining("no such file /dev/video213 (is the camera plugged in?)");
  }

  @Test
  void absentDevicePathSaysSo() {
    Path missing = Path.of("/dev/v4l/by-id/latent-mpc-test-camera");
    camera =
        CameraIOOpenCv.start(CameraConfig.builder(new CameraSource.DevicePath(missing)).build());
    Await.failure(camera, "is absent: no such file " + missing, WAIT);
  }

  @Test
  void rtspWithoutAnFfmpegBackendNamesTheWayOut() {
    CameraSource rtsp = CameraSource.parse("rtsp://user:pw@127.0.0.1:9/live", false);
    camera = CameraIOOpenCv.start(CameraConfig.builder(rtsp).build());
    assertThat(Await.failure(camera, "OpenCV could not open stream rtsp://127.0.0.1:9/live", WAIT))
        .hasMessageContaining("no FFmpeg or GStreamer backend")
        .message()
        .doesNotContain("pw");
  }
}
