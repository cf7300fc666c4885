package dev.latentmpc.simharness.bridge;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's own stop for a controller that went silent: armed by a {@code Heartbeat} with a
 * timeout, fed by every heartbeat and arm command, and when {@link #check()} finds it armed and
 * silent for longer than the timeout it stops the arm and disarms. A cancelled call already stops a
 * motion; this covers what no cancellation reports: a controller that froze, lost power or was cut
 * off by the network with its connection still open, while the arm moves or holds a task's pose.
 *
 * <p>Tick-driven: {@link SimBridgeServer} calls {@link #check()} periodically; tests call it on an
 * injected clock. Thread-safe; the arm is stopped outside the lock.
 */
public final class BridgeWatchdog {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeWatchdog.class);

  private final LongSupplier nanos;
  private final Runnable stopArm;
  private long timeoutNanos; // 0 = disarmed; guarded by this
  private long lastFeedNanos; // guarded by this
  private long heartbeats; // guarded by this
  private long expirations; // guarded by this

  /**
   * Creates a disarmed watchdog.
   *
   * @param nanos the monotonic clock silence is measured on
   * @param stopArm stops the arm (must not throw)
   */
  public BridgeWatchdog(LongSupplier nanos, Runnable stopArm) {
    this.nanos = Objects.requireNonNull(nanos, "nanos is null");
    this.stopArm = Objects.requireNonNull(stopArm, "stopArm is null");
  }

  /**
   * A heartbeat: arms (or re-arms) with {@code timeout} from now, or disarms when it is zero.
   *
   * @return the timeout now armed, zero when disarmed
   */
  public synchronized Duration heartbeat(Duration timeout) {
    heartbeats++;
    timeoutNanos = timeout.toNanos();
    lastFeedNanos = nanos.getAsLong();
    return timeout;
  }

  /** An arm command arrived: restarts the silence when armed. */
  public synchronized void commandArrived() {
    if (timeoutNanos > 0) {
      lastFeedNanos = nanos.getAsLong();
    }
  }

  /**
   * Stops the arm when armed and nothing arrived for longer than the timeout, then disarms.
   *
   * @return whether it stopped the arm
   */
  public boolean check() {
    long silentNanos;
    long timeout;
    synchronized (this) {
      silentNanos = nanos.getAsLong() - lastFeedNanos;
      timeout = timeoutNanos;
      if (timeout == 0 || silentNanos <= timeout) {
        return false;
      }
      timeoutNanos = 0;
      expirations++;
    }
    LOG.warn(
        "no heartbeat or command from the controller for {} ms (watchdog timeout {} ms):"
            + " stopping the arm",
        silentNanos / 1_000_000,
        timeout / 1_000_000);
    stopArm.run();
    return true;
  }

  /** Returns whether the watchdog is armed. */
  public synchronized boolean armed() {
    return timeoutNanos > 0;
  }

  /** Returns how many heartbeats arrived (arming and disarming ones). */
  public synchronized long heartbeats() {
    return heartbeats;
  }

  /** Returns how often the watchdog stopped the arm. */
  public synchronized long expirations() {
    return expirations;
  }
}
