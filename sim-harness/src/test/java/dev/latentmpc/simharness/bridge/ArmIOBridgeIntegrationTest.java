package dev.latentmpc.simharness.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.bridge.ArmIOBridge;
import dev.latentmpc.simharness.geom.Rot3;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ArmIOBridge} against the sim bridge server over a real TCP socket: the simulated Franka is
 * observed and commanded only through the client.
 */
class ArmIOBridgeIntegrationTest {
  private static final long CLIENT_NANOS = 9_000_000_000L;
  private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(10);
  private static final double EPS = 1e-9;

  private BridgeFixture bridge;
  private ArmIOBridge arm;

  @BeforeEach
  void start() throws Exception {
    bridge = new BridgeFixture();
    arm = ArmIOBridge.connect(bridge.config(), () -> CLIENT_NANOS);
  }

  @AfterEach
  void stop() {
    arm.close();
    bridge.close();
  }

  @Test
  void readIsTheSimulatedStateStampedWithTheClientsReceiveTime() throws Exception {
    ArmState s = arm.read();
    assertThat(toVector(s)).containsExactly(bridge.world.state().toVector(), within(EPS));
    assertThat(s.timestampNanos()).isEqualTo(CLIENT_NANOS);
  }

  @Test
  void aMoveFollowsTheVjepaPoseUpdate() throws Exception {
    ArmState before = arm.read();
    MoveResult r = arm.moveDelta(new Delta(0.04, -0.03, 0.02, 0, 0, 0.2, 0.5), MOVE_TIMEOUT);
    ArmState after = r.reached();
    assertThat(after.xM()).isCloseTo(before.xM() + 0.04, within(1e-6));
    assertThat(after.yM()).isCloseTo(before.yM() - 0.03, within(1e-6));
    assertThat(after.zM()).isCloseTo(before.zM() + 0.02, within(1e-6));
    assertThat(after.gripperClosedness()).isCloseTo(0.5, within(EPS));
    Rot3 expected =
        Rot3.fromEulerXyz(0, 0, 0.2)
            .times(Rot3.fromEulerXyz(before.rollRad(), before.pitchRad(), before.yawRad()));
    assertThat(
            Rot3.fromEulerXyz(after.rollRad(), after.pitchRad(), after.yawRad()).angleTo(expected))
        .isLessThan(1e-6);
    assertThat(r.clampedByWorkspace()).isFalse();
    assertThat(r.clampedByTable()).isFalse();
    assertThat(r.elapsed()).isPositive();
    assertThat(after.timestampNanos()).isEqualTo(CLIENT_NANOS);
    assertThat(toVector(arm.read())).containsExactly(toVector(after), within(EPS));
  }

  @Test
  void aMoveLongerThanItsTimeoutThrowsTimeoutAndTheArmIsStopped() throws Exception {
    ArmState before = arm.read();
    assertThatThrownBy(() -> arm.moveDelta(new Delta(0.2, 0, 0, 0, 0, 0, 0), Duration.ofMillis(20)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("the arm was stopped")
        .hasMessageContaining("Stop delivered");
    assertThat(bridge.calls).containsSubsequence("MoveDelta", "Stop");
    double movedM = arm.read().xM() - before.xM();
    assertThat(movedM).isGreaterThanOrEqualTo(0).isLessThan(0.2);
    MoveResult next = arm.moveDelta(new Delta(0, 0, 0.01, 0, 0, 0, 0), MOVE_TIMEOUT);
    assertThat(next.reached().zM()).isCloseTo(before.zM() + 0.01, within(1e-6));
  }

  @Test
  void aNonFiniteDeltaIsRefusedBeforeAnythingIsSent() throws Exception {
    ArmState before = arm.read();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> arm.moveDelta(new Delta(0.01, 0, bad, 0, 0, 0, 0), MOVE_TIMEOUT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nothing was sent");
    }
    assertThat(bridge.calls).doesNotContain("MoveDelta");
    assertThat(toVector(arm.read())).containsExactly(toVector(before), within(0.0));
  }

  @Test
  void aDeltaBeyondTheBridgesBoundIsRejectedWithItsDescription() throws Exception {
    ArmState before = arm.read();
    assertThatThrownBy(() -> arm.moveDelta(new Delta(0, 5, 0, 0, 0, 0, 0), MOVE_TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delta.dy_m = 5.0 m exceeds the per-call bound");
    assertThat(toVector(arm.read())).containsExactly(toVector(before), within(0.0));
  }

  @Test
  void aDownBridgeIsUnavailableWithinTheDeadlineAndARestartedOneWorksAgain() throws Exception {
    ArmState before = arm.read();
    bridge.stopServer();
    long startNanos = System.nanoTime();
    assertThatThrownBy(() -> arm.read())
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("GetState to the robot bridge at " + bridge.config().address())
        .hasMessageContaining("UNAVAILABLE")
        .hasCauseInstanceOf(StatusRuntimeException.class);
    assertThatThrownBy(() -> arm.moveDelta(new Delta(0, 0, 0.01, 0, 0, 0, 0), MOVE_TIMEOUT))
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("Stop not delivered");
    assertThatThrownBy(() -> arm.stop()).isInstanceOf(ArmUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
        .isLessThan(bridge.config().callDeadline());

    bridge.restart();
    assertThat(toVector(arm.read())).containsExactly(toVector(before), within(0.0));
    MoveResult r = arm.moveDelta(new Delta(0, 0, 0.01, 0, 0, 0, 0), MOVE_TIMEOUT);
    assertThat(r.reached().zM()).isCloseTo(before.zM() + 0.01, within(1e-6));
  }

  @Test
  void readAndStopWorkWhileAnotherThreadWaitsInAMoveAndASecondMoveIsBusy() throws Exception {
    HeldPacer pacer = new HeldPacer();
    try (BridgeFixture paced = new BridgeFixture(pacer);
        ArmIOBridge client = ArmIOBridge.connect(paced.config(), System::nanoTime)) {
      ExecutorService mover = Executors.newSingleThreadExecutor();
      try {
        ArmState before = client.read();
        Future<MoveResult> move =
            mover.submit(() -> client.moveDelta(new Delta(0.2, 0, 0, 0, 0, 0, 0), MOVE_TIMEOUT));
        assertThat(pacer.awaitMotion(Duration.ofSeconds(30))).isTrue();
        assertThat(client.read().xM()).isEqualTo(before.xM());
        assertThatThrownBy(() -> client.moveDelta(new Delta(0, 0, 0.01, 0, 0, 0, 0), MOVE_TIMEOUT))
            .isInstanceOf(ArmUnavailableException.class)
            .hasMessageContaining("the arm is busy");
        client.stop();
        MoveResult cut = move.get(30, TimeUnit.SECONDS);
        assertThat(cut.reached().xM() - before.xM()).isStrictlyBetween(0.0, 0.2);
      } finally {
        mover.shutdownNow();
      }
    }
  }

  @Test
  void closeStopsTheArmAndLaterCallsFail() {
    arm.close();
    assertThat(bridge.calls).containsExactly("Stop");
    assertThatThrownBy(() -> arm.read())
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("closed");
  }

  private static double[] toVector(ArmState s) {
    return new double[] {
      s.xM(), s.yM(), s.zM(), s.rollRad(), s.pitchRad(), s.yawRad(), s.gripperClosedness()
    };
  }
}
