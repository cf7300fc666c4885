package dev.latentmpc.camera.opencv;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraFrameMismatchException;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera read through OpenCV (org.bytedeco, linux-x86_64 natives): a V4L2 device by index or
 * path, an HTTP MJPEG stream, a network stream OpenCV has a backend for, a video file (optionally
 * looping) or a still image, as its {@link CameraConfig} says.
 *
 * <p>A capture thread reads the source continuously and keeps only the newest frame, so {@link
 * #latest()} never hands out a frame that sat in a driver or network queue; frames nobody asked for
 * are counted as dropped. Each frame is stamped with the injected monotonic clock and the wall
 * clock when it is read, and converted (crop, BGR→RGB, rotation) once, when first handed out.
 *
 * <p>When the source is absent or fails mid-run, {@link #latest()} throws {@link
 * CameraUnavailableException} with the reason (the service's UNAVAILABLE) while the thread reopens
 * it after an exponential, capped backoff; capture resumes on its own. Frames of an unexpected size
 * make it throw {@link CameraFrameMismatchException} saying expected vs found
 * (FAILED_PRECONDITION). A newest frame older than the stall timeout is refused too. Thread-safe.
 */
public final class CameraIOOpenCv implements CameraIO {
  private static final Logger log = LoggerFactory.getLogger(CameraIOOpenCv.class);

  /** How long {@link #close()} waits for the capture thread to release the device. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final CameraConfig config;
  private final FrameSlot slot;
  private final CaptureLoop loop;
  private final Thread thread;
  private final CameraMeters meters;
  private final LongSupplier nanoClock;

  private CameraIOOpenCv(Builder b) {
    this.config = b.config;
    this.nanoClock = b.nanoClock;
    this.meters =
        b.registry == null
            ? CameraMeters.unregistered()
            : CameraMeters.registered(b.registry, config.source().kind());
    this.slot = new FrameSlot(config, new FrameConverter(config.crop(), config.rotation()), meters);
    this.loop = new CaptureLoop(config, slot, meters, b.opener, b.nanoClock, b.wallClock);
    this.thread =
        Thread.ofPlatform()
            .daemon()
            .name("camera-capture-" + config.source().kind())
            .uncaughtExceptionHandler(
                (t, e) -> log.error("camera {}: capture thread died", describe(), e))
            .unstarted(loop);
  }

  /** A builder for a camera on {@code config}, with the system clocks and no meters. */
  public static Builder builder(CameraConfig config) {
    return new Builder(config);
  }

  /** Starts a camera on {@code config} with the system clocks and no meters. */
  public static CameraIOOpenCv start(CameraConfig config) {
    return builder(config).start();
  }

  /**
   * Returns the newest frame.
   *
   * @throws CameraFrameMismatchException when the source delivers frames of another size than
   *     configured (or too small for the crop)
   * @throws CameraUnavailableException when the camera is closed, not connected yet, absent,
   *     failed, ended (a non-looping file) or stalled; the message says which
   */
  @Override
  public CameraFrame latest() throws CameraUnavailableException {
    return slot.take(nanoClock.getAsLong());
  }

  /** The counts behind the camera's meters. */
  public CameraStats stats() {
    return meters.snapshot();
  }

  /** The configuration this camera runs on. */
  public CameraConfig config() {
    return config;
  }

  /** What the camera reads, for logs (credentials in URLs left out). */
  public String describe() {
    return config.source().describe();
  }

  /**
   * Stops capturing and releases the device and every Mat; later {@link #latest()} calls throw.
   * Waits up to two seconds ({@code CLOSE_WAIT}) for a blocking read to return; a read stuck longer
   * releases the device when it does. Idempotent.
   */
  @Override
  public void close() {
    slot.close();
    loop.requestStop();
    try {
      thread.join(CLOSE_WAIT);
      if (thread.isAlive()) {
        log.warn(
            "camera {}: capture thread still in a read; it exits when the read returns",
            describe());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds and starts a {@link CameraIOOpenCv}. */
  public static final class Builder {
    private final CameraConfig config;
    private LongSupplier nanoClock = System::nanoTime;
    private InstantSource wallClock = InstantSource.system();
    private MeterRegistry registry;
    private SourceOpener opener = SourceOpener::openDefault;

    private Builder(CameraConfig config) {
      this.config = Objects.requireNonNull(config, "config is null");
    }

    /**
     * Sets the monotonic clock frames are stamped with ({@link CameraFrame#captureTimeNanos()}) and
     * the stall check reads; {@link System#nanoTime()} by default. Use the controller's clock, so
     * frame ages are computed on one clock.
     */
    public Builder nanoClock(LongSupplier value) {
      this.nanoClock = Objects.requireNonNull(value, "nanoClock is null");
      return this;
    }

    /**
     * Sets the wall clock of {@link CameraFrame#captureTimeUnixNanos()}; the system's by default.
     */
    public Builder wallClock(InstantSource value) {
      this.wallClock = Objects.requireNonNull(value, "wallClock is null");
      return this;
    }

    /**
     * Registers {@code latentmpc.camera.frames.dropped} and {@code latentmpc.camera.reconnects},
     * tagged {@code source} with the source kind, in {@code value}; none by default.
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry is null");
      return this;
    }

    /** Replaces how sources are opened (tests inject scripted sources). */
    Builder sourceOpener(SourceOpener value) {
      this.opener = Objects.requireNonNull(value, "opener is null");
      return this;
    }

    /**
     * Starts the capture thread; the first frame arrives once the source opens.
     *
     * @throws IllegalStateException when OpenCV's native libraries cannot be loaded (they ship for
     *     linux-x86_64 only)
     */
    public CameraIOOpenCv start() {
      CameraIOOpenCv camera;
      try {
        camera = new CameraIOOpenCv(this);
      } catch (LinkageError e) {
        throw new IllegalStateException(
            "OpenCV's native libraries could not be loaded (bundled for linux-x86_64 only): " + e,
            e);
      }
      camera.thread.start();
      return camera;
    }
  }
}
