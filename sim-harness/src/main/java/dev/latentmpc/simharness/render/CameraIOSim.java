package dev.latentmpc.simharness.render;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The simulated exocentric camera: each {@link #latest()} takes the scene's current shapes and
 * renders them, so a frame always shows the world as it is at the call (there is no capture thread
 * and no stale frame).
 *
 * <p>Sequence numbers start at 0 and grow by one per frame; capture times come from the injected
 * clocks, read when the scene is sampled, and never go backwards. Thread-safe: calls are serialised
 * around the single renderer. After {@link #close()} every {@link #latest()} throws {@link
 * CameraUnavailableException}.
 */
public final class CameraIOSim implements CameraIO {
  private final Supplier<? extends List<? extends Shape>> scene;
  private final Renderer renderer;
  private final LongSupplier nanoClock;
  private final InstantSource wallClock;

  private long nextSequence;
  private long lastCaptureNanos = Long.MIN_VALUE;
  private boolean closed;

  /**
   * Creates the camera.
   *
   * @param scene the world's shapes now (called once per frame, under this camera's lock)
   * @param renderer the renderer, owned by this camera from now on (it is not thread-safe)
   * @param nanoClock monotonic nanoseconds for {@link CameraFrame#captureTimeNanos()}
   * @param wallClock wall clock for {@link CameraFrame#captureTimeUnixNanos()}
   */
  public CameraIOSim(
      Supplier<? extends List<? extends Shape>> scene,
      Renderer renderer,
      LongSupplier nanoClock,
      InstantSource wallClock) {
    this.scene = Objects.requireNonNull(scene, "scene is null");
    this.renderer = Objects.requireNonNull(renderer, "renderer is null");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock is null");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock is null");
  }

  /** A camera on the system clocks. */
  public static CameraIOSim onSystemClock(
      Supplier<? extends List<? extends Shape>> scene, Renderer renderer) {
    return new CameraIOSim(scene, renderer, System::nanoTime, InstantSource.system());
  }

  /** The camera this sim draws through. */
  public CameraSpec camera() {
    return renderer.camera();
  }

  /**
   * Renders the scene as it is now.
   *
   * @throws CameraUnavailableException after {@link #close()}, or when the scene cannot be read or
   *     drawn (the cause says why)
   */
  @Override
  public synchronized CameraFrame latest() throws CameraUnavailableException {
    if (closed) {
      throw new CameraUnavailableException("simulated camera is closed");
    }
    List<? extends Shape> shapes;
    RgbImage image;
    long nanos;
    long unixNanos;
    try {
      shapes = List.copyOf(scene.get());
      nanos = Math.max(nanoClock.getAsLong(), lastCaptureNanos);
      unixNanos = unixNanos(wallClock.instant());
      image = renderer.render(shapes);
    } catch (RuntimeException e) {
      throw new CameraUnavailableException("simulated scene could not be rendered: " + e, e);
    }
    lastCaptureNanos = nanos;
    return new CameraFrame(image, nextSequence++, nanos, unixNanos);
  }

  /** Stops the camera; later {@link #latest()} calls throw. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
  }

  private static long unixNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }
}
