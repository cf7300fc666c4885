package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.proto.bridge.v1.HeartbeatRequest;
import dev.latentmpc.proto.bridge.v1.HeartbeatResponse;
import dev.latentmpc.proto.bridge.v1.MoveDeltaRequest;
import dev.latentmpc.proto.bridge.v1.MoveDeltaResponse;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.proto.bridge.v1.StopRequest;
import dev.latentmpc.proto.bridge.v1.StopResponse;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeats {@link ArmIOBridge} sends the bridge's watchdog: armed before the first move of a
 * task, disarmed after its stop; with a bridge that predates the Heartbeat RPC, tried once and then
 * never again, and moves work as before. The timeout is a minute, so no periodic beat falls inside
 * a test: the calls are exactly the synchronous ones.
 */
class ArmIOBridgeHeartbeatTest {
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(1);

  /** Bare names of the calls that reached the server, with a Heartbeat's timeout appended. */
  private final List<String> calls = new CopyOnWriteArrayList<>();

  private Server server;
  private ArmIOBridge arm;

  @AfterEach
  void tearDown() throws Exception {
    arm.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aTaskArmsTheWatchdogBeforeItsFirstMoveAndDisarmsItAfterItsStop() throws Exception {
    start(new WatchdogBridge());

    arm.moveDelta(Delta.ZERO, MOVE_TIMEOUT);
    arm.moveDelta(Delta.ZERO, MOVE_TIMEOUT);
    arm.stop();
    arm.moveDelta(Delta.ZERO, MOVE_TIMEOUT);
    arm.stop();

    assertThat(calls)
        .containsExactly(
            "Heartbeat 60000",
            "MoveDelta",
            "MoveDelta",
            "Stop",
            "Heartbeat 0",
            "Heartbeat 60000",
            "MoveDelta",
            "Stop",
            "Heartbeat 0");
  }

  @Test
  void aBridgeWithoutHeartbeatIsAskedOnceAndMovesWorkAsBefore() throws Exception {
    start(new OldBridge());

    for (int task = 0; task < 3; task++) {
      arm.moveDelta(Delta.ZERO, MOVE_TIMEOUT);
      arm.moveDelta(Delta.ZERO, MOVE_TIMEOUT);
      arm.stop();
    }

    assertThat(calls.stream().filter(c -> c.startsWith("Heartbeat"))).hasSize(1);
    assertThat(calls.stream().filter(c -> c.equals("MoveDelta"))).hasSize(6);
    assertThat(calls.get(0)).startsWith("Heartbeat");
  }

  @Test
  void withTheHeartbeatOffNothingButTheCommandsIsSent() throws Exception {
    start(
        new WatchdogBridge(),
        InProcessBridge.CONFIG.toBuilder().heartbeatTimeout(Duration.ZERO).build());

    arm.moveDelta(Delta.ZERO, MOVE_TIMEOUT);
    arm.stop();

    assertThat(calls).containsExactly("MoveDelta", "Stop");
  }

  private void start(BindableService bridge) throws Exception {
    start(bridge, InProcessBridge.CONFIG.toBuilder().heartbeatTimeout(HEARTBEAT_TIMEOUT).build());
  }

  private void start(BindableService bridge, BridgeClientConfig config) throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(ServerInterceptors.intercept(bridge, new Recorder()))
            .build()
            .start();
    arm =
        new ArmIOBridge(
            BridgeChannel.of(
                InProcessChannelBuilder.forName(name).directExecutor().build(), config),
            () -> 0L);
  }

  /** Records every call's method (unimplemented ones included). */
  private final class Recorder implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      String method = call.getMethodDescriptor().getBareMethodName();
      ServerCall.Listener<Q> listener = next.startCall(call, headers);
      if (!method.equals("Heartbeat")) {
        calls.add(method);
        return listener;
      }
      return new SimpleForwardingServerCallListener<>(listener) {
        @Override
        public void onMessage(Q message) {
          calls.add("Heartbeat " + ((HeartbeatRequest) message).getTimeoutMs());
          super.onMessage(message);
        }
      };
    }
  }

  /** A bridge that moves and stops at once; Heartbeat is left UNIMPLEMENTED (an older bridge). */
  private static class OldBridge extends RobotBridgeGrpc.RobotBridgeImplBase {
    @Override
    public void moveDelta(MoveDeltaRequest request, StreamObserver<MoveDeltaResponse> response) {
      response.onNext(MoveDeltaResponse.newBuilder().setReached(FakeRobotBridge.STATE).build());
      response.onCompleted();
    }

    @Override
    public void stop(StopRequest request, StreamObserver<StopResponse> response) {
      response.onNext(StopResponse.newBuilder().setState(FakeRobotBridge.STATE).build());
      response.onCompleted();
    }
  }

  /** The same with a Heartbeat that answers. */
  private static final class WatchdogBridge extends OldBridge {
    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
      response.onNext(HeartbeatResponse.newBuilder().setTimeoutMs(request.getTimeoutMs()).build());
      response.onCompleted();
    }
  }
}
