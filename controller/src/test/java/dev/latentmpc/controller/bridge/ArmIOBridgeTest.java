package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.proto.bridge.v1.EndEffectorDelta;
import dev.latentmpc.proto.bridge.v1.MoveDeltaRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@link ArmIOBridge} against a scripted in-process bridge: messages, statuses and deadlines. */
class ArmIOBridgeTest extends InProcessArmTest {
  private static final long RECEIVED_NANOS = 42_000_000L;
  private static final Duration TIMEOUT = Duration.ofMillis(100);

  ArmIOBridgeTest() {
    super(RECEIVED_NANOS);
  }

  @Test
  void readMapsTheStateAndStampsTheReceiveTime() throws Exception {
    ArmState s = arm.read();
    assertThat(s).isEqualTo(new ArmState(0.5, -0.1, 0.3, 3.1, 0.01, -0.2, 0.25, RECEIVED_NANOS));
  }

  @Test
  void aMoveSendsTheDeltaAndTimeoutAndMapsTheResult() throws Exception {
    MoveResult r =
        arm.moveDelta(new Delta(0.01, -0.02, 0.03, 0.1, -0.2, 0.3, 0.5), Duration.ofMillis(250));
    MoveDeltaRequest sent = fake.moves.get(0);
    assertThat(sent.getDelta())
        .isEqualTo(
            EndEffectorDelta.newBuilder()
                .setDxM(0.01)
                .setDyM(-0.02)
                .setDzM(0.03)
                .setDrollRad(0.1)
                .setDpitchRad(-0.2)
                .setDyawRad(0.3)
                .setDgripper(0.5)
                .build());
    assertThat(sent.getTimeoutMs()).isEqualTo(250);
    assertThat(r.reached().xM()).isEqualTo(0.5);
    assertThat(r.reached().timestampNanos()).isEqualTo(RECEIVED_NANOS);
    assertThat(r.clampedByWorkspace()).isTrue();
    assertThat(r.clampedByTable()).isFalse();
    assertThat(r.elapsed()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aSubMillisecondTimeoutIsSentRoundedUp() throws Exception {
    arm.moveDelta(Delta.ZERO, Duration.ofNanos(1));
    arm.moveDelta(Delta.ZERO, Duration.ofNanos(1_000_001));
    assertThat(fake.moves).extracting(MoveDeltaRequest::getTimeoutMs).containsExactly(1, 2);
  }

  @Test
  void nonFiniteDeltasAndBadTimeoutsAreRefusedWithoutSendingAnything() {
    double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double v : bad) {
      for (int axis = 0; axis < 7; axis++) {
        float[] action = new float[7];
        action[axis] = (float) v;
        Delta delta = Delta.of(action);
        assertThatThrownBy(() -> arm.moveDelta(delta, TIMEOUT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("delta must be finite")
            .hasMessageContaining("nothing was sent");
      }
    }
    for (Duration t :
        new Duration[] {Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(61)}) {
      assertThatThrownBy(() -> arm.moveDelta(Delta.ZERO, t))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("timeout must be in (0, 60 s]");
    }
    assertThat(fake.calls).isEmpty();
  }

  @Test
  void unavailableBecomesArmUnavailableNamingTheBridgeAndTheStatus() {
    fake.getStateOutcome = Status.UNAVAILABLE.withDescription("robot in reflex error");
    assertThatThrownBy(() -> arm.read())
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("GetState")
        .hasMessageContaining(InProcessBridge.ADDRESS)
        .hasMessageContaining("UNAVAILABLE: robot in reflex error")
        .hasCauseInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void anUnansweredReadFailsAtItsDeadline() {
    fake.getStateOutcome = FakeRobotBridge.HANG;
    assertThatThrownBy(() -> arm.read())
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("no answer within the 300 ms deadline")
        .hasMessageContaining("DEADLINE_EXCEEDED");
  }

  @Test
  void aMoveRejectedByTheBridgeIsAnIllegalArgumentWithItsDescriptionAndNoStop() {
    fake.moveOutcome =
        Status.INVALID_ARGUMENT.withDescription("delta.dx_m = 0.3 m exceeds the per-call bound");
    assertThatThrownBy(() -> arm.moveDelta(new Delta(0.3, 0, 0, 0, 0, 0, 0), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delta.dx_m = 0.3 m exceeds the per-call bound")
        .hasMessageContaining("nothing moved");
    assertThat(fake.calls).containsExactly("MoveDelta");
  }

  @Test
  void aBusyArmIsUnavailableAndNotStopped() {
    fake.moveOutcome = Status.FAILED_PRECONDITION.withDescription("another motion is in progress");
    assertThatThrownBy(() -> arm.moveDelta(Delta.ZERO, TIMEOUT))
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("the arm is busy")
        .hasMessageContaining("another motion is in progress");
    assertThat(fake.calls).containsExactly("MoveDelta");
  }

  @Test
  void theBridgesTimeoutBecomesTimeoutExceptionAndAStopIsSent() {
    fake.moveOutcome = Status.DEADLINE_EXCEEDED.withDescription("the arm was stopped");
    assertThatThrownBy(() -> arm.moveDelta(Delta.ZERO, TIMEOUT))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("within its 100 ms timeout")
        .hasMessageContaining("Stop delivered")
        .hasCauseInstanceOf(StatusRuntimeException.class);
    assertThat(fake.calls).containsExactly("MoveDelta", "Stop");
  }

  @Test
  void aMoveTheBridgeNeverAnswersTimesOutAtTimeoutPlusMarginAndIsStopped() {
    fake.moveOutcome = FakeRobotBridge.HANG;
    long startNanos = System.nanoTime();
    assertThatThrownBy(() -> arm.moveDelta(Delta.ZERO, TIMEOUT))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("no answer within the 300 ms deadline");
    assertThat(System.nanoTime() - startNanos).isGreaterThanOrEqualTo(300_000_000L);
    assertThat(fake.calls).containsExactly("MoveDelta", "Stop");
  }

  @Test
  void aFailedMoveIsUnavailableAndStillStopsTheArm() {
    fake.moveOutcome = Status.INTERNAL.withDescription("controller fault");
    fake.stopOutcome = Status.UNAVAILABLE.withDescription("robot in reflex error");
    assertThatThrownBy(() -> arm.moveDelta(Delta.ZERO, TIMEOUT))
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("INTERNAL: controller fault")
        .hasMessageContaining("Stop not delivered");
    assertThat(fake.calls).containsExactly("MoveDelta", "Stop");
  }

  @Test
  void stopIsDeliveredFromAnInterruptedThreadAndTheFlagKept() throws Exception {
    Thread.currentThread().interrupt();
    try {
      arm.stop();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(fake.calls).containsExactly("Stop");
  }

  @Test
  void aFailedStopIsArmUnavailable() {
    fake.stopOutcome = Status.UNAVAILABLE.withDescription("gone");
    assertThatThrownBy(() -> arm.stop())
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("Stop")
        .hasMessageContaining("UNAVAILABLE: gone");
  }

  @Test
  void aGoneServerIsArmUnavailable() throws Exception {
    bridge.stopServer();
    assertThatThrownBy(() -> arm.read())
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("UNAVAILABLE");
    assertThatThrownBy(() -> arm.moveDelta(Delta.ZERO, TIMEOUT))
        .isInstanceOf(ArmUnavailableException.class);
  }

  @Test
  void closeStopsTheArmOnceAndLaterCallsFail() {
    arm.close();
    arm.close();
    assertThat(fake.calls).containsExactly("Stop");
    assertThatThrownBy(() -> arm.read())
        .isInstanceOf(ArmUnavailableException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> arm.stop()).isInstanceOf(ArmUnavailableException.class);
  }

  @Test
  void closeSurvivesAFailingStop() {
    fake.stopOutcome = Status.UNAVAILABLE;
    arm.close();
    assertThat(fake.calls).containsExactly("Stop");
  }
}
