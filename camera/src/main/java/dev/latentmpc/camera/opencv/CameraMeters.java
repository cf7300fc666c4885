package dev.latentmpc.camera.opencv;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The camera's counts, mirrored into Micrometer counters when a registry is given: {@value
 * #DROPPED} and {@value #RECONNECTS}, tagged {@code source} with the source kind (never a URL or
 * path, which would be unbounded and could hold credentials).
 */
final class CameraMeters {
  /** Counter of frames captured but never handed out. */
  static final String DROPPED = "latentmpc.camera.frames.dropped";

  /** Counter of reconnect attempts. */
  static final String RECONNECTS = "latentmpc.camera.reconnects";

  private final AtomicLong captured = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final Counter droppedCounter;
  private final Counter reconnectCounter;

  private CameraMeters(Counter droppedCounter, Counter reconnectCounter) {
    this.droppedCounter = droppedCounter;
    this.reconnectCounter = reconnectCounter;
  }

  /** Counts only. */
  static CameraMeters unregistered() {
    return new CameraMeters(null, null);
  }

  /** Counts and registers the counters in {@code registry}, tagged {@code source=sourceKind}. */
  static CameraMeters registered(MeterRegistry registry, String sourceKind) {
    Counter drops =
        Counter.builder(DROPPED)
            .description("Camera frames captured but never handed out (superseded or refused)")
            .tag("source", sourceKind)
            .register(registry);
    Counter reconnects =
        Counter.builder(RECONNECTS)
            .description("Attempts to reopen the camera source after a failure")
            .tag("source", sourceKind)
            .register(registry);
    return new CameraMeters(drops, reconnects);
  }

  void captured() {
    captured.incrementAndGet();
  }

  void dropped() {
    dropped.incrementAndGet();
    if (droppedCounter != null) {
      droppedCounter.increment();
    }
  }

  void reconnect() {
    reconnects.incrementAndGet();
    if (reconnectCounter != null) {
      reconnectCounter.increment();
    }
  }

  CameraStats snapshot() {
    return new CameraStats(captured.get(), dropped.get(), reconnects.get());
  }
}
