package dev.latentmpc.camera.opencv;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The newest captured frame, shared by the capture thread (which {@link #offer}s raw frames or
 * reports a {@link #fail fault}) and callers of {@code latest()} (who {@link #take} it).
 *
 * <p>Only the newest raw frame is kept; it is converted to RGB lazily, once, when first taken, so a
 * fast camera costs no conversion for the frames nobody asks for. A frame replaced before it was
 * taken counts as dropped. The slot owns its raw Mat and the converter's Mats and releases them on
 * {@link #close()}; raw Mats change hands by swapping, under the lock, so no Mat is ever used by
 * two threads at once.
 */
final class FrameSlot implements AutoCloseable {
  private final String description;
  private final long stallTimeoutNanos;
  private final FrameConverter converter;
  private final CameraMeters meters;

  private Mat pending = new Mat();
  private long pendingSequence = -1;
  private long pendingNanos;
  private long pendingUnixNanos;
  private CameraFrame converted;
  private Fault fault;
  private boolean closed;

  FrameSlot(CameraConfig config, FrameConverter converter, CameraMeters meters) {
    this.description = config.source().describe();
    this.stallTimeoutNanos = config.stallTimeout().toNanos();
    this.converter = Objects.requireNonNull(converter, "converter");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  /**
   * Makes {@code raw} the newest frame and hands back the previous one's Mat for the next read.
   *
   * @return the Mat the capture thread reads into next, or null when the slot is closed (the caller
   *     then keeps, and releases, {@code raw})
   */
  synchronized Mat offer(Mat raw, long sequence, long captureNanos, long captureUnixNanos) {
    if (closed) {
      return null;
    }
    discardPending();
    Mat previous = pending;
    pending = raw;
    pendingSequence = sequence;
    pendingNanos = captureNanos;
    pendingUnixNanos = captureUnixNanos;
    fault = null;
    return previous;
  }

  /** Records why there is no usable frame; the newest frame, if any, is discarded. */
  synchronized void fail(Fault why) {
    discardPending();
    pendingSequence = -1;
    fault = Objects.requireNonNull(why, "why");
  }

  /** The current fault's message, if the slot holds a fault. */
  synchronized String faultMessage() {
    return fault == null ? null : fault.message();
  }

  private void discardPending() {
    if (pendingSequence >= 0 && (converted == null || converted.sequence() != pendingSequence)) {
      meters.dropped();
    }
  }

  /**
   * Returns the newest frame, converting it on first use.
   *
   * @param nowNanos the current time on the capture clock, for the stall check
   * @throws CameraUnavailableException when closed, failed, not yet connected, or stalled
   */
  synchronized CameraFrame take(long nowNanos) throws CameraUnavailableException {
    if (closed) {
      throw new CameraUnavailableException("camera (" + description + ") is closed");
    }
    if (fault != null) {
      throw fault.toException();
    }
    if (pendingSequence < 0) {
      throw new CameraUnavailableException("no frame yet from " + description + " (connecting)");
    }
    long ageNanos = nowNanos - pendingNanos;
    if (ageNanos > stallTimeoutNanos) {
      throw new CameraUnavailableException(
          "no new frame from "
              + description
              + " for "
              + ageNanos / 1_000_000
              + " ms (stall timeout "
              + stallTimeoutNanos / 1_000_000
              + " ms)");
    }
    if (converted == null || converted.sequence() != pendingSequence) {
      converted = convertPending();
    }
    return converted;
  }

  private CameraFrame convertPending() throws CameraUnavailableException {
    RgbImage image;
    try {
      image = converter.convert(pending);
    } catch (RuntimeException e) {
      throw new CameraUnavailableException(
          "frame " + pendingSequence + " from " + description + " could not be converted: " + e, e);
    }
    return new CameraFrame(image, pendingSequence, pendingNanos, pendingUnixNanos);
  }

  /** Releases the Mats; later offers return null and takes throw. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    converted = null;
    pending.close();
    converter.close();
  }
}
