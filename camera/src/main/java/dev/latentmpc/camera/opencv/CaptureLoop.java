package dev.latentmpc.camera.opencv;

import dev.latentmpc.camera.CameraUnavailableException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture thread's work: open the source, read frames as fast as it delivers them (files and
 * still images at their pace), stamp each with the capture clocks, check it against the config and
 * offer it to the {@link FrameSlot}, which keeps only the newest. On a failure it records the
 * reason in the slot and reopens after an exponential, capped backoff; a non-looping file's end is
 * final.
 *
 * <p>It owns the open source and the Mat it reads into, and releases both before it returns. Pacing
 * and backoff waits use {@link System#nanoTime()} (they are real waits); frames are stamped with
 * the injected clocks.
 */
final class CaptureLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(CaptureLoop.class);

  private final CameraConfig config;
  private final FrameSlot slot;
  private final CameraMeters meters;
  private final SourceOpener opener;
  private final LongSupplier nanoClock;
  private final InstantSource wallClock;
  private final String description;
  private final CountDownLatch stop = new CountDownLatch(1);

  private Mat raw = new Mat();
  private long nextSequence;
  private long lastCaptureNanos = Long.MIN_VALUE;
  private String lastLogged;

  CaptureLoop(
      CameraConfig config,
      FrameSlot slot,
      CameraMeters meters,
      SourceOpener opener,
      LongSupplier nanoClock,
      InstantSource wallClock) {
    this.config = config;
    this.slot = slot;
    this.meters = meters;
    this.opener = opener;
    this.nanoClock = nanoClock;
    this.wallClock = wallClock;
    this.description = config.source().describe();
  }

  /** Asks the loop to end; it returns once a blocking read (if any) comes back. */
  void requestStop() {
    stop.countDown();
  }

  private enum Ending {
    /** Reopen after a backoff. */
    RETRY,
    /** A non-looping file ended: stay unavailable. */
    FINISHED,
    /** The camera is closing. */
    STOPPED
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff(config.reconnectInitialBackoff(), config.reconnectMaxBackoff());
    boolean returned = false;
    try {
      boolean first = true;
      while (stop.getCount() > 0) {
        if (!first) {
          meters.reconnect();
        }
        first = false;
        Ending ending = connectAndPump(backoff);
        if (ending != Ending.RETRY || waitOrStop(backoff.nextNanos())) {
          break;
        }
      }
      returned = true;
    } finally {
      if (!returned) {
        // Only an Error gets here; say so rather than leave a frozen frame.
        slot.fail(new Fault.Unavailable("capture thread of " + description + " died", null));
      }
      raw.close();
    }
  }

  private Ending connectAndPump(Backoff backoff) {
    try (FrameSource source = opener.open(config)) {
      return pump(source, backoff);
    } catch (CameraUnavailableException e) {
      report(new Fault.Unavailable(e.getMessage(), e.getCause()));
    } catch (RuntimeException e) {
      report(new Fault.Unavailable("capture from " + description + " failed: " + e, e));
    }
    return Ending.RETRY;
  }

  /** Reads until the source fails or ends, or the camera closes. */
  private Ending pump(FrameSource source, Backoff backoff) throws CameraUnavailableException {
    long periodNanos = 0;
    if (config.source().paced()) {
      periodNanos = Math.round(1e9 / config.pacingFps(source.sourceFps()));
    }
    long due = System.nanoTime();
    long framesThisConnection = 0;
    while (stop.getCount() > 0) {
      if (periodNanos > 0) {
        if (waitOrStop(due - System.nanoTime())) {
          return Ending.STOPPED;
        }
        // Keep the pace without bursting to catch up after a slow read.
        due = Math.max(due + periodNanos, System.nanoTime());
      }
      if (!source.read(raw)) {
        return ended(framesThisConnection);
      }
      framesThisConnection++;
      if (!publish()) {
        return Ending.STOPPED;
      }
      backoff.reset();
    }
    return Ending.STOPPED;
  }

  /** Stamps, checks and offers the frame in {@code raw}; false once the slot is closed. */
  private boolean publish() {
    long nanos = Math.max(nanoClock.getAsLong(), lastCaptureNanos);
    lastCaptureNanos = nanos;
    long unixNanos = unixNanos(wallClock.instant());
    long sequence = nextSequence++;
    meters.captured();
    Optional<Fault.Mismatch> mismatch = FrameChecks.check(raw, config, description);
    if (mismatch.isPresent()) {
      meters.dropped();
      report(mismatch.get());
      return true;
    }
    String size = raw.cols() + "x" + raw.rows();
    Mat next = slot.offer(raw, sequence, nanos, unixNanos);
    if (next == null) {
      return false;
    }
    raw = next;
    if (!size.equals(lastLogged)) {
      log.info("camera {}: capturing {} frames", description, size);
      lastLogged = size;
    }
    return true;
  }

  private Ending ended(long framesThisConnection) {
    if (config.source() instanceof CameraSource.VideoFile f && !f.loop()) {
      report(
          new Fault.Unavailable(
              description + " ended after " + nextSequence + " frames (loop is off)", null));
      return Ending.FINISHED;
    }
    String why =
        framesThisConnection == 0
            ? description + " opened but delivered no frame"
            : description + " stopped delivering frames (unplugged, or the stream ended)";
    report(new Fault.Unavailable(why, null));
    return Ending.RETRY;
  }

  /** Puts the fault in the slot; logs it when the state changed since the last log line. */
  private void report(Fault fault) {
    slot.fail(fault);
    if (!fault.message().equals(lastLogged)) {
      log.warn("camera unavailable: {}", fault.message());
      lastLogged = fault.message();
    }
  }

  /** Waits up to {@code nanos}; returns true when the camera is closing. */
  private boolean waitOrStop(long nanos) {
    try {
      return nanos > 0 ? stop.await(nanos, TimeUnit.NANOSECONDS) : stop.getCount() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static long unixNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }
}
