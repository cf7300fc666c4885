package dev.latentmpc.simharness.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watchdog alone, on a clock the test moves: when it stops the arm and when it does not. */
class BridgeWatchdogTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final long TIMEOUT_NANOS = TIMEOUT.toNanos();

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicInteger stops = new AtomicInteger();
  private final BridgeWatchdog watchdog = new BridgeWatchdog(nanos::get, stops::incrementAndGet);

  @Test
  void disarmedItNeverStopsTheArm() {
    nanos.addAndGet(Duration.ofHours(1).toNanos());

    assertThat(watchdog.check()).isFalse();
    assertThat(watchdog.armed()).isFalse();
    assertThat(stops).hasValue(0);
  }

  @Test
  void armedItStopsTheArmOnceJustAfterTheTimeoutAndDisarms() {
    watchdog.heartbeat(TIMEOUT);

    nanos.addAndGet(TIMEOUT_NANOS);
    assertThat(watchdog.check()).as("silent for exactly the timeout").isFalse();
    nanos.addAndGet(1);
    assertThat(watchdog.check()).as("silent for longer").isTrue();

    assertThat(stops).hasValue(1);
    assertThat(watchdog.expirations()).isEqualTo(1);
    assertThat(watchdog.armed()).isFalse();
    nanos.addAndGet(10 * TIMEOUT_NANOS);
    assertThat(watchdog.check()).isFalse();
    assertThat(stops).hasValue(1);
  }

  @Test
  void heartbeatsAndCommandsRestartTheSilence() {
    watchdog.heartbeat(TIMEOUT);
    for (int i = 0; i < 10; i++) {
      nanos.addAndGet(TIMEOUT_NANOS * 3 / 4);
      assertThat(watchdog.check()).isFalse();
      if (i % 2 == 0) {
        watchdog.heartbeat(TIMEOUT);
      } else {
        watchdog.commandArrived();
      }
    }
    assertThat(stops).hasValue(0);
    assertThat(watchdog.heartbeats()).isEqualTo(6);

    nanos.addAndGet(TIMEOUT_NANOS + 1);
    assertThat(watchdog.check()).isTrue();
    assertThat(stops).hasValue(1);
  }

  @Test
  void aCommandDoesNotArmIt() {
    watchdog.commandArrived();
    nanos.addAndGet(10 * TIMEOUT_NANOS);

    assertThat(watchdog.check()).isFalse();
    assertThat(stops).hasValue(0);
  }

  @Test
  void aZeroHeartbeatDisarmsIt() {
    watchdog.heartbeat(TIMEOUT);
    nanos.addAndGet(TIMEOUT_NANOS / 2);
    watchdog.heartbeat(Duration.ZERO);
    nanos.addAndGet(10 * TIMEOUT_NANOS);

    assertThat(watchdog.check()).isFalse();
    assertThat(watchdog.armed()).isFalse();
    assertThat(stops).hasValue(0);
  }
}
