package dev.latentmpc.controller.testing;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.function.LongSupplier;

/**
 * In-memory {@link CameraIO} for tests: serves one image (replaceable), numbers frames 0, 1, 2, …
 * per call, and stamps them with the clock's reading minus a settable age, or with a fixed capture
 * time when one is set.
 */
public final class ScriptedCamera implements CameraIO {

  private final LongSupplier clockNanos;
  private RgbImage image;
  private long ageNanos;
  private Long fixedCaptureTimeNanos;
  private long sequence;
  private int latestCalls;
  private CameraUnavailableException fault;

  /** Creates a camera serving {@code image}, stamped with the clock (age 0). */
  public ScriptedCamera(LongSupplier clockNanos, RgbImage image) {
    this.clockNanos = clockNanos;
    this.image = image;
  }

  @Override
  public CameraFrame latest() throws CameraUnavailableException {
    latestCalls++;
    if (fault != null) {
      throw fault;
    }
    long capture =
        fixedCaptureTimeNanos != null ? fixedCaptureTimeNanos : clockNanos.getAsLong() - ageNanos;
    return new CameraFrame(image, sequence++, capture, 1_700_000_000_000_000_000L + capture);
  }

  @Override
  public void close() {}

  /** Serves {@code next} from now on. */
  public void setImage(RgbImage next) {
    image = next;
  }

  /** Stamps later frames {@code ageNanos} before the clock's reading. */
  public void setFrameAgeNanos(long ageNanos) {
    this.ageNanos = ageNanos;
    fixedCaptureTimeNanos = null;
  }

  /** Stamps later frames with this fixed capture time. */
  public void setCaptureTimeNanos(long captureTimeNanos) {
    fixedCaptureTimeNanos = captureTimeNanos;
  }

  /** Makes later calls throw {@code exception}; null to recover. */
  public void failWith(CameraUnavailableException exception) {
    fault = exception;
  }

  /** Returns how often {@link #latest()} was called. */
  public int latestCalls() {
    return latestCalls;
  }
}
