package dev.latentmpc.controller.bridge;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.proto.bridge.v1.FrameEncoding;
import dev.latentmpc.proto.bridge.v1.GetFrameRequest;
import dev.latentmpc.proto.bridge.v1.GetFrameResponse;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * {@link CameraIO} over a robot bridge: the robot's camera (or the simulated one) behind {@code
 * latentmpc.bridge.v1.RobotBridge.GetFrame}, reached through a {@link BridgeChannel}.
 *
 * <p>Each {@link #latest()} asks for the newest frame as raw RGB8 with {@link
 * BridgeClientConfig#callDeadline()}. The capture time on this client's monotonic clock is the
 * receive time minus the frame's {@code age_nanos} (the protocol's way around unsynchronised
 * clocks; network latency makes a frame look slightly newer than it is); the wall-clock capture
 * time is the bridge's. A frame whose pixels do not match its size, with a zero or negative size,
 * another encoding, a negative sequence or a negative age is refused with {@link
 * CameraUnavailableException} naming the problem, as is every failed call (the message names the
 * bridge and the gRPC status). Thread-safe.
 */
public final class CameraIOBridge implements CameraIO {
  private static final GetFrameRequest RAW_RGB8 =
      GetFrameRequest.newBuilder().setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).build();

  /** Largest accepted width or height; keeps width × height × 3 far from overflowing. */
  private static final long MAX_SIDE_PX = 65_535;

  private final BridgeChannel channel;
  private final BridgeClientConfig config;
  private final BridgeCalls calls;
  private final LongSupplier nanosClock;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the client over {@code channel}, which it owns from now on.
   *
   * @param channel the connection to the bridge; closed by {@link #close()}
   * @param nanosClock monotonic nanoseconds ({@code System::nanoTime} or a test clock): frames get
   *     their {@link CameraFrame#captureTimeNanos()} on this clock
   */
  public CameraIOBridge(BridgeChannel channel, LongSupplier nanosClock) {
    this.channel = Objects.requireNonNull(channel, "channel is null");
    this.nanosClock = Objects.requireNonNull(nanosClock, "nanosClock is null");
    this.config = channel.config();
    this.calls = new BridgeCalls(channel);
  }

  /**
   * Opens a channel to {@code config.address()} (TLS and token as {@code config.security()} says)
   * and a client over it.
   *
   * @param config address, deadlines and timeouts
   * @param nanosClock monotonic nanoseconds that capture times are expressed on
   * @return the client; nothing connects until the first call
   */
  public static CameraIOBridge connect(BridgeClientConfig config, LongSupplier nanosClock) {
    return new CameraIOBridge(BridgeChannel.open(config), nanosClock);
  }

  /**
   * Opens a channel to {@code config.address()} (TLS and token as {@code config.security()} says)
   * whose calls are timed and counted on {@code registry} (see {@link BridgeChannel}), and a client
   * over it.
   *
   * @param config address, deadlines and timeouts
   * @param nanosClock monotonic nanoseconds that capture times are expressed on
   * @param registry where the bridge call meters live
   * @return the client; nothing connects until the first call
   */
  public static CameraIOBridge connect(
      BridgeClientConfig config, LongSupplier nanosClock, MeterRegistry registry) {
    return new CameraIOBridge(BridgeChannel.open(config, registry), nanosClock);
  }

  @Override
  public CameraFrame latest() throws CameraUnavailableException {
    if (closed.get()) {
      throw new CameraUnavailableException(
          "the camera client for the robot bridge at " + calls.address() + " is closed");
    }
    GetFrameResponse response;
    try {
      response =
          calls.run(
              config.callDeadline(), config.connectTimeout(), stub -> stub.getFrame(RAW_RGB8));
    } catch (StatusRuntimeException e) {
      throw new CameraUnavailableException(calls.describe("GetFrame", e, config.callDeadline()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CameraUnavailableException(
          "interrupted while connecting to the robot bridge at " + calls.address(), e);
    }
    long receivedNanos = nanosClock.getAsLong();
    if (!response.hasFrame()) {
      throw malformed("no frame in the answer");
    }
    return decode(response.getFrame(), receivedNanos);
  }

  /** Closes the channel (bounded wait); later {@link #latest()} calls throw. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      channel.close();
    }
  }

  private CameraFrame decode(dev.latentmpc.proto.bridge.v1.CameraFrame frame, long receivedNanos)
      throws CameraUnavailableException {
    FrameEncoding encoding = frame.getEncoding();
    if (encoding != FrameEncoding.FRAME_ENCODING_RGB8
        && encoding != FrameEncoding.FRAME_ENCODING_UNSPECIFIED) {
      throw malformed("encoding " + encoding + " instead of the requested FRAME_ENCODING_RGB8");
    }
    // uint32 sizes arrive as Java ints: values above 2^31 - 1 read as negative.
    long widthPx = Integer.toUnsignedLong(frame.getWidthPx());
    long heightPx = Integer.toUnsignedLong(frame.getHeightPx());
    if (widthPx == 0 || heightPx == 0) {
      throw malformed("zero size " + widthPx + "x" + heightPx + " px");
    }
    if (widthPx > MAX_SIDE_PX || heightPx > MAX_SIDE_PX) {
      throw malformed(
          "size " + widthPx + "x" + heightPx + " px beyond " + MAX_SIDE_PX + " px per side");
    }
    long expectedBytes = widthPx * heightPx * 3;
    if (frame.getData().size() != expectedBytes) {
      throw malformed(
          widthPx
              + "x"
              + heightPx
              + " RGB8 needs "
              + expectedBytes
              + " bytes of pixels, got "
              + frame.getData().size());
    }
    if (frame.getSequence() < 0) {
      throw malformed("negative sequence " + frame.getSequence());
    }
    if (frame.getAgeNanos() < 0) {
      throw malformed("negative age_nanos " + frame.getAgeNanos());
    }
    RgbImage image = new RgbImage((int) widthPx, (int) heightPx, frame.getData().toByteArray());
    return new CameraFrame(
        image,
        frame.getSequence(),
        receivedNanos - frame.getAgeNanos(),
        frame.getCaptureTimeUnixNanos());
  }

  private CameraUnavailableException malformed(String problem) {
    return new CameraUnavailableException(
        "the robot bridge at " + calls.address() + " sent a malformed frame: " + problem);
  }
}
