package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.metrics.MetricNames;
import io.grpc.Status;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge clients on channels given a registry: every call is timed by method and status, and
 * calls that did not end OK are counted, against a scripted in-process bridge.
 */
class BridgeCallMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private InProcessBridge bridge;
  private ArmIOBridge arm;
  private CameraIOBridge camera;

  @BeforeEach
  void start() throws Exception {
    bridge = new InProcessBridge();
    arm = new ArmIOBridge(bridge.channel(registry), () -> 0L);
    camera = new CameraIOBridge(bridge.channel(registry), () -> 0L);
  }

  @AfterEach
  void stop() throws Exception {
    arm.close();
    camera.close();
    bridge.close();
  }

  @Test
  void everyMethodIsRegisteredUpFrontWithoutErrors() {
    for (String method : new String[] {"GetState", "MoveDelta", "Stop", "GetFrame"}) {
      assertThat(errors(method)).isZero();
      assertThat(call(method, "OK").count()).isZero();
    }
  }

  @Test
  void successfulCallsAreTimedByBareMethodNameWithStatusOk() throws Exception {
    arm.read();
    arm.moveDelta(new Delta(0.01, 0, 0, 0, 0, 0, 0), Duration.ofMillis(100));
    camera.latest();
    camera.latest();

    assertThat(call("GetState", "OK").count()).isEqualTo(1);
    assertThat(call("MoveDelta", "OK").count()).isEqualTo(1);
    assertThat(call("GetFrame", "OK").count()).isEqualTo(2);
    assertThat(call("GetFrame", "OK").totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(errors("GetState") + errors("MoveDelta") + errors("GetFrame")).isZero();
  }

  @Test
  void aFailedCallIsTimedWithItsCodeAndCountedAsAnError() {
    bridge.fake.moveOutcome = Status.INTERNAL.withDescription("controller fault");

    assertThatThrownBy(
            () -> arm.moveDelta(new Delta(0.01, 0, 0, 0, 0, 0, 0), Duration.ofMillis(100)))
        .isInstanceOf(ArmUnavailableException.class);

    assertThat(call("MoveDelta", "INTERNAL").count()).isEqualTo(1);
    assertThat(call("MoveDelta", "OK").count()).isZero();
    assertThat(errors("MoveDelta")).isEqualTo(1);
    // The client's best-effort Stop after a failed move went through.
    assertThat(call("Stop", "OK").count()).isEqualTo(1);
    assertThat(errors("Stop")).isZero();
  }

  @Test
  void aMissedDeadlineIsRecordedAsDeadlineExceeded() {
    bridge.fake.moveOutcome = FakeRobotBridge.HANG;

    assertThatThrownBy(
            () -> arm.moveDelta(new Delta(0.01, 0, 0, 0, 0, 0, 0), Duration.ofMillis(50)))
        .isInstanceOf(TimeoutException.class);

    assertThat(call("MoveDelta", "DEADLINE_EXCEEDED").count()).isEqualTo(1);
    assertThat(errors("MoveDelta")).isEqualTo(1);
  }

  private Timer call(String method, String status) {
    return registry
        .get(MetricNames.BRIDGE_CALL)
        .tag(MetricNames.METHOD, method)
        .tag(MetricNames.STATUS, status)
        .timer();
  }

  private double errors(String method) {
    return registry
        .get(MetricNames.BRIDGE_ERRORS)
        .tag(MetricNames.METHOD, method)
        .counter()
        .count();
  }
}
