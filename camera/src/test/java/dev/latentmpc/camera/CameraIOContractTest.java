package dev.latentmpc.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every {@link CameraIO} shares (Micrometer's test-kit pattern): subclass it once
 * per implementation, say how to make a camera and read its clocks, and every test here runs
 * against it. Ships in the camera module's test-jar.
 *
 * <p>Checked: distinct frames carry strictly increasing sequence numbers and non-decreasing capture
 * times; repeated reads never go back; a frame's capture time is not in the future of either clock;
 * frame dimensions are stable and match the pixel array; after {@link CameraIO#close()}
 * (idempotent) every {@link CameraIO#latest()} throws {@link CameraUnavailableException}.
 */
public abstract class CameraIOContractTest {
  private static final int FRAMES = 5;

  private CameraIO camera;

  /** Creates the camera under test, ready to deliver frames (possibly after a short delay). */
  protected abstract CameraIO createCamera() throws Exception;

  /** The camera's monotonic clock now (the one {@link CameraFrame#captureTimeNanos()} uses). */
  protected abstract long nowNanos();

  /** The camera's wall clock now, in nanoseconds since the Unix epoch. */
  protected abstract long nowUnixNanos();

  /** How long to wait for frames; generous, since a capture thread may be opening a file. */
  protected Duration timeout() {
    return Duration.ofSeconds(20);
  }

  @BeforeEach
  void openCamera() throws Exception {
    camera = createCamera();
  }

  @AfterEach
  void closeCamera() {
    camera.close();
  }

  /** The camera under test. */
  protected final CameraIO camera() {
    return camera;
  }

  private List<CameraFrame> distinctFrames() {
    List<CameraFrame> frames = new ArrayList<>();
    long after = -1;
    for (int i = 0; i < FRAMES; i++) {
      CameraFrame f = Await.frameAfter(camera, after, timeout());
      frames.add(f);
      after = f.sequence();
    }
    return frames;
  }

  @Test
  void distinctFramesHaveStrictlyIncreasingSequencesAndCaptureTimes() {
    List<CameraFrame> frames = distinctFrames();
    for (int i = 1; i < frames.size(); i++) {
      assertThat(frames.get(i).sequence()).isGreaterThan(frames.get(i - 1).sequence());
      assertThat(frames.get(i).captureTimeNanos())
          .isGreaterThanOrEqualTo(frames.get(i - 1).captureTimeNanos());
      assertThat(frames.get(i).captureTimeUnixNanos()).isPositive();
    }
  }

  @Test
  void repeatedReadsNeverGoBack() throws Exception {
    CameraFrame previous = Await.frameAfter(camera, -1, timeout());
    for (int i = 0; i < 50; i++) {
      CameraFrame f = camera.latest();
      assertThat(f.sequence()).isGreaterThanOrEqualTo(previous.sequence());
      assertThat(f.captureTimeNanos()).isGreaterThanOrEqualTo(previous.captureTimeNanos());
      if (f.sequence() == previous.sequence()) {
        assertThat(f.captureTimeNanos()).isEqualTo(previous.captureTimeNanos());
      }
      previous = f;
    }
  }

  @Test
  void captureTimeIsNotInTheFuture() {
    for (CameraFrame f : distinctFrames()) {
      assertThat(f.captureTimeNanos()).isLessThanOrEqualTo(nowNanos());
      assertThat(f.ageNanos(nowNanos())).isGreaterThanOrEqualTo(0);
      assertThat(f.captureTimeUnixNanos()).isLessThanOrEqualTo(nowUnixNanos());
    }
  }

  @Test
  void frameDimensionsAreStable() {
    List<CameraFrame> frames = distinctFrames();
    int width = frames.get(0).image().width();
    int height = frames.get(0).image().height();
    for (CameraFrame f : frames) {
      assertThat(f.image().width()).isEqualTo(width);
      assertThat(f.image().height()).isEqualTo(height);
      assertThat(f.image().rgb()).hasSize(3 * width * height);
    }
  }

  @Test
  void closeMakesLaterReadsThrow() {
    Await.frameAfter(camera, -1, timeout());
    camera.close();
    camera.close();
    assertThatThrownBy(camera::latest).isInstanceOf(CameraUnavailableException.class);
    assertThatThrownBy(camera::latest).isInstanceOf(CameraUnavailableException.class);
  }
}
