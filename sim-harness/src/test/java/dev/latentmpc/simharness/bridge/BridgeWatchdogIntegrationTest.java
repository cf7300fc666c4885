package dev.latentmpc.simharness.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.bridge.ArmIOBridge;
import dev.latentmpc.controller.bridge.BridgeClientConfig;
import dev.latentmpc.simharness.net.FaultProxy;
import dev.latentmpc.simharness.world.MotionPacer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's watchdog against the real controller-side client ({@link ArmIOBridge}, which sends
 * the heartbeats) over real TCP sockets. The controller "vanishes" mid-move behind a {@link
 * FaultProxy}: its connection stays open, so no cancellation reaches the bridge and only the
 * watchdog can stop the arm. The watchdog measures silence on a clock the test moves, the held
 * motion ({@link HeldPacer}) runs until something stops it, the link stalls while the bridge
 * handles a heartbeat (so that heartbeat's answer never returns and the client's next beat never
 * starts), and every wait is for an event (a heartbeat handled, the motion stopped): nothing here
 * depends on how fast the machine is.
 */
class BridgeWatchdogIntegrationTest {
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(400);
  private static final long TIMEOUT_NANOS = HEARTBEAT_TIMEOUT.toNanos();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AtomicLong watchdogNanos = new AtomicLong(1_000_000_000L);
  private final ExecutorService controller = Executors.newSingleThreadExecutor();
  private BridgeFixture bridge;
  private FaultProxy proxy;
  private ArmIOBridge arm;

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    arm.close();
    controller.shutdownNow();
    bridge.close();
  }

  @Test
  void aControllerThatGoesSilentMidMoveHasTheArmStoppedByTheBridgeItself() throws Exception {
    HeldPacer pacer = new HeldPacer();
    bridge = new BridgeFixture(pacer, watchdogNanos::get);
    proxy = new FaultProxy(bridge.port());
    AtomicBoolean freezeAtNextHeartbeat = new AtomicBoolean();
    BlockingQueue<String> handled = new LinkedBlockingQueue<>();
    bridge.handled.add(method -> {
      if (method.equals("Heartbeat") && freezeAtNextHeartbeat.compareAndSet(true, false)) {
        proxy.stall(); // the controller vanishes: nothing more reaches the bridge
      }
      handled.add(method);
    });
    arm = ArmIOBridge.connect(clientConfig(proxy.port()), System::nanoTime);
    double startXm = bridge.world.state().toVector()[0];

    Future<MoveResult> move =
        controller.submit(() -> arm.moveDelta(new Delta(0.1, 0, 0, 0, 0, 0, 0), WAIT));
    assertThat(pacer.awaitMotion(WAIT)).as("the motion started").isTrue();
    assertThat(bridge.watchdog().armed()).as("armed before the move").isTrue();

    // While the controller lives, its heartbeats restart the silence: three times 3/4 of the
    // timeout pass on the watchdog's clock, and the arm keeps moving.
    for (int i = 0; i < 3; i++) {
      awaitHandled(handled, "Heartbeat");
      watchdogNanos.addAndGet(TIMEOUT_NANOS * 3 / 4);
    }
    assertThat(bridge.watchdog().expirations()).isZero();
    assertThat(pacer.inFlight()).isTrue();

    freezeAtNextHeartbeat.set(true);
    awaitHandled(handled, "Heartbeat"); // the last heartbeat the bridge will get
    int callsAtFreeze = bridge.calls.size();
    watchdogNanos.addAndGet(TIMEOUT_NANOS + 1);

    assertThat(pacer.awaitStop(WAIT)).as("the bridge stopped the motion by itself").isTrue();
    awaitHandled(handled, "MoveDelta"); // its answer is lost in the frozen link
    assertThat(bridge.watchdog().expirations()).isEqualTo(1);
    assertThat(bridge.watchdog().armed()).isFalse();
    assertThat(bridge.calls.subList(callsAtFreeze, bridge.calls.size()))
        .as("no Stop (nor anything else) came from the controller")
        .isEmpty();
    double movedM = bridge.world.state().toVector()[0] - startXm;
    assertThat(movedM).as("stopped short of the 0.1 m target").isPositive().isLessThan(0.1);

    proxy.close(); // the link is cut for good: the controller's call fails instead of waiting
    ExecutionException failed = null;
    try {
      move.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failed = e;
    }
    assertThat(failed).isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ArmUnavailableException.class);
  }

  @Test
  void aControllerThatEndsItsTaskWithAStopDisarmsTheWatchdog() throws Exception {
    bridge = new BridgeFixture(MotionPacer.instant(), watchdogNanos::get);
    arm = ArmIOBridge.connect(clientConfig(bridge.port()), System::nanoTime);

    arm.moveDelta(new Delta(0.01, 0, 0, 0, 0, 0, 0), WAIT);
    arm.moveDelta(new Delta(0, 0.01, 0, 0, 0, 0, 0), WAIT);
    assertThat(bridge.watchdog().armed()).isTrue();
    arm.stop();

    assertThat(bridge.watchdog().armed()).as("disarmed by the stop's heartbeat").isFalse();
    watchdogNanos.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(bridge.watchdog().check()).isFalse();
    assertThat(bridge.watchdog().expirations()).isZero();
    assertThat(bridge.calls).containsSubsequence("Heartbeat", "MoveDelta", "Stop", "Heartbeat");
  }

  private BridgeClientConfig clientConfig(int port) {
    return bridge.config().toBuilder()
        .address("127.0.0.1:" + port)
        .heartbeatTimeout(HEARTBEAT_TIMEOUT)
        .build();
  }

  /** Waits until the bridge has handled the next call of {@code method}. */
  private static void awaitHandled(BlockingQueue<String> handled, String method)
      throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String call = handled.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(call).as("%s within %s", method, WAIT).isNotNull();
      if (call.equals(method)) {
        return;
      }
    }
  }
}
