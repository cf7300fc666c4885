package dev.latentmpc.controller.bridge;

import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc.RobotBridgeBlockingStub;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Runs unary bridge calls under a deadline and describes their failures. */
final class BridgeCalls {
  private final BridgeChannel channel;
  private final RobotBridgeBlockingStub stub;

  BridgeCalls(BridgeChannel channel) {
    this.channel = channel;
    // waitForReady stays false (gRPC's default): a call on a broken connection fails at once.
    this.stub = RobotBridgeGrpc.newBlockingStub(channel.channel());
  }

  /**
   * Runs one call. The deadline starts now and covers the wait for a connection, which is at most
   * {@code connectBudget}, and the call itself.
   *
   * @param deadline the whole call's deadline
   * @param connectBudget the longest wait for a connection when none is ready
   * @param rpc the call on a stub that carries the deadline
   * @return the response
   * @throws StatusRuntimeException the call's failure
   * @throws InterruptedException when interrupted while waiting for a connection
   */
  <T> T run(Duration deadline, Duration connectBudget, Function<RobotBridgeBlockingStub, T> rpc)
      throws InterruptedException {
    Deadline end = Deadline.after(deadline.toNanos(), TimeUnit.NANOSECONDS);
    channel.awaitConnection(connectBudget);
    return rpc.apply(stub.withDeadline(end));
  }

  /**
   * Describes a failed call for an exception message: the call, the bridge, what the status means
   * (for a refused token or a failed TLS handshake: why, see {@link SecurityFailures}) and the
   * status itself.
   */
  String describe(String rpc, StatusRuntimeException e, Duration deadline) {
    Status status = e.getStatus();
    BridgeClientConfig config = channel.config();
    String security =
        SecurityFailures.explain(
            status, config.security(), config.security().authority().orElse(config.host()));
    String meaning =
        security != null
            ? security
            : switch (status.getCode()) {
              case UNAVAILABLE -> "the bridge cannot be reached or cannot reach the robot";
              case DEADLINE_EXCEEDED ->
                  "no answer within the " + deadline.toMillis() + " ms deadline";
              case FAILED_PRECONDITION -> "the arm is busy with another motion";
              case CANCELLED -> "the call was cancelled";
              case INVALID_ARGUMENT -> "the bridge rejected the request";
              default -> "the bridge failed";
            };
    // gRPC puts Netty's pipeline on further lines of a transport failure: keep the first.
    String detail =
        status.getDescription() == null
            ? ""
            : ": " + status.getDescription().lines().findFirst().orElse("");
    Throwable cause = status.getCause();
    String causeText =
        security != null || cause == null || cause.getMessage() == null
            ? ""
            : " (" + cause.getMessage() + ")";
    return rpc
        + " to the robot bridge at "
        + channel.address()
        + " failed: "
        + meaning
        + " ["
        + status.getCode()
        + detail
        + causeText
        + "]";
  }

  /** The bridge's address. */
  String address() {
    return channel.address();
  }
}
