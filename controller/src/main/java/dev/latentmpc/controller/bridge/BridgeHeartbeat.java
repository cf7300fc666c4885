package dev.latentmpc.controller.bridge;

import dev.latentmpc.proto.bridge.v1.HeartbeatRequest;
import dev.latentmpc.proto.bridge.v1.HeartbeatResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bridge's watchdog armed while {@link ArmIOBridge} commands the arm: {@link #engage()}
 * (before a move) arms it with {@link BridgeClientConfig#heartbeatTimeout()} in one synchronous
 * Heartbeat, then a daemon thread re-arms it every {@link BridgeClientConfig#heartbeatPeriod()};
 * {@link #release()} (after a stop) ends the beats and disarms it. So if this process freezes, dies
 * or is cut off mid-task, the bridge stops the arm by itself within the timeout.
 *
 * <p>A bridge without the Heartbeat RPC (an older one) answers UNIMPLEMENTED: this is logged once
 * and no heartbeat is sent again. Other failures are left to the calls that matter (the move, the
 * stop) to report. Thread-safe.
 */
final class BridgeHeartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeHeartbeat.class);

  private final BridgeCalls calls;
  private final BridgeClientConfig config;
  private ScheduledExecutorService scheduler; // guarded by this; created on first engage
  private ScheduledFuture<?> beats; // guarded by this; non-null while engaged
  private volatile boolean unsupported;
  private long expirationsSeen = -1; // guarded by this

  BridgeHeartbeat(BridgeCalls calls, BridgeClientConfig config) {
    this.calls = calls;
    this.config = config;
  }

  /** Arms the bridge's watchdog now and keeps it armed, unless that is already so or off. */
  synchronized void engage() {
    if (beats != null || unsupported || config.heartbeatTimeout().isZero()) {
      return;
    }
    if (scheduler != null && scheduler.isShutdown()) {
      return; // closed
    }
    if (!send(config.heartbeatTimeout())) {
      return;
    }
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-heartbeat-" + calls.address());
            t.setDaemon(true);
            return t;
          });
    }
    long periodNanos = config.heartbeatPeriod().toNanos();
    beats =
        scheduler.scheduleWithFixedDelay(
            this::beat, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Ends the heartbeats and disarms the bridge's watchdog (best effort); no-op when not engaged.
   */
  synchronized void release() {
    if (beats == null) {
      return;
    }
    beats.cancel(false);
    beats = null;
    boolean wasInterrupted = Thread.interrupted(); // a cancelled loop thread still disarms
    try {
      send(Duration.ZERO);
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Returns whether heartbeats are going out. */
  synchronized boolean engaged() {
    return beats != null;
  }

  /** Releases, then stops the heartbeat thread. */
  @Override
  public synchronized void close() {
    release();
    if (scheduler != null) {
      scheduler.shutdownNow();
    } else {
      unsupported = true; // nothing may start after close
    }
  }

  /**
   * One periodic beat. Sent under the lock, so that a beat can never arrive after the disarming one
   * of {@link #release()} and re-arm the watchdog of an idle arm.
   */
  private synchronized void beat() {
    if (beats != null) {
      send(config.heartbeatTimeout());
    }
  }

  /** Sends one heartbeat; returns false when the bridge has no Heartbeat RPC. */
  private boolean send(Duration timeout) {
    HeartbeatRequest request =
        HeartbeatRequest.newBuilder().setTimeoutMs((int) timeout.toMillis()).build();
    try {
      HeartbeatResponse r =
          calls.run(
              config.callDeadline(), config.connectTimeout(), stub -> stub.heartbeat(request));
      noteExpirations(r.getExpirations());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        markUnsupported();
        return false;
      }
      LOG.debug("heartbeat to the robot bridge at {} failed: {}", calls.address(), e.getStatus());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private synchronized void markUnsupported() {
    if (!unsupported) {
      unsupported = true;
      LOG.warn(
          "the robot bridge at {} has no Heartbeat RPC (an older bridge): it will not stop the arm"
              + " by itself if this service stops answering mid-task",
          calls.address());
    }
    if (beats != null) {
      beats.cancel(false);
      beats = null;
    }
  }

  private synchronized void noteExpirations(long expirations) {
    if (expirationsSeen >= 0 && expirations > expirationsSeen) {
      LOG.warn(
          "the robot bridge at {} reports that its watchdog stopped the arm {} time(s) since the"
              + " last heartbeat: nothing from this service reached it within {} ms",
          calls.address(),
          expirations - expirationsSeen,
          config.heartbeatTimeout().toMillis());
    }
    expirationsSeen = expirations;
  }
}
