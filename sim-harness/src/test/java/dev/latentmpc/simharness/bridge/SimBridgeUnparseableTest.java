package dev.latentmpc.simharness.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.testing.JulRecorder;
import dev.latentmpc.controller.testing.RawGrpc;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Raw bytes that are not a valid message, sent to every motion method of the simulated bridge over
 * a real socket: INVALID_ARGUMENT naming the message type, nothing moves, the bridge still serves.
 */
class SimBridgeUnparseableTest {

  /** Field 1 as a 64-bit double with only 3 of its 8 bytes. */
  private static final byte[] TRUNCATED_DOUBLE = HexFormat.of().parseHex("09000000");

  @Test
  void motionRequestsThatDoNotParseMoveNothing() throws Exception {
    try (BridgeFixture bridge = new BridgeFixture();
        JulRecorder jul = new JulRecorder("io.grpc")) {
      ManagedChannel channel =
          Grpc.newChannelBuilderForAddress(
                  "127.0.0.1", bridge.port(), InsecureChannelCredentials.create())
              .build();
      try {
        ArmState before = bridge.arm.read();
        List<MethodDescriptor<?, ?>> methods =
            List.of(
                RobotBridgeGrpc.getMoveDeltaMethod(),
                RobotBridgeGrpc.getSetGripperMethod(),
                RobotBridgeGrpc.getHeartbeatMethod(),
                RobotBridgeGrpc.getGetFrameMethod());
        for (MethodDescriptor<?, ?> method : methods) {
          Status status = RawGrpc.call(channel, method, TRUNCATED_DOUBLE, 10);
          String type = method.getBareMethodName() + "Request";
          assertThat(status.getCode()).as(type).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(status.getDescription())
              .startsWith("request is not a valid latentmpc.bridge.v1." + type + ": ");
        }

        assertThat(bridge.arm.read().toVector()).isEqualTo(before.toVector());
        assertThat(bridge.watchdog().armed()).as("a garbled heartbeat arms nothing").isFalse();
        assertThat(jul.records()).isEmpty();
        assertThat(
                RobotBridgeGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getState(GetStateRequest.getDefaultInstance())
                    .hasState())
            .isTrue();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
