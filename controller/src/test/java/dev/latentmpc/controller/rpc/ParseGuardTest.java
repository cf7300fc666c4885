package dev.latentmpc.controller.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.testing.CallObserver;
import dev.latentmpc.controller.testing.JulRecorder;
import dev.latentmpc.controller.testing.ManualClock;
import dev.latentmpc.controller.testing.RawGrpc;
import dev.latentmpc.controller.testing.RecordingLogger;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.CancelResponse;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskStarted;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Raw wire bytes over a real Netty socket on 127.0.0.1 to a guarded service with a recording
 * interceptor: what the client, the interceptor, the service and the logs see.
 */
class ParseGuardTest {
  /** A field with tag 0: never valid protobuf. */
  private static final byte[] TAG_ZERO = {0x00, 0x01};

  /** Field 1 (length-delimited) announcing 100 bytes, followed by 2. */
  private static final byte[] TRUNCATED = HexFormat.of().parseHex("0a640102");

  private final RecordingLogger logger = new RecordingLogger();
  private final ManualClock clock = new ManualClock(0);
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger serviceCalls = new AtomicInteger();
  private Server server;
  private ManagedChannel channel;

  /** Notes every message and close the typed chain carries, as an audit interceptor would. */
  private final ServerInterceptor recorder =
      new CallObserver(
          new CallObserver.Listener() {
            @Override
            public void onMessage(String method, Object message) {
              seen.add(method + " message " + message.getClass().getSimpleName());
            }

            @Override
            public void onClose(String method, Status status) {
              seen.add(method + " closed " + status.getCode() + " " + status.getDescription());
            }
          });

  @BeforeEach
  void start() throws Exception {
    ParseFailureLog log = new ParseFailureLog("test server", logger, clock, 3);
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(ParseGuard.guard(new CountingControl(), log, List.of(recorder)))
            .build()
            .start();
    channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void unparseableUnaryRequestGetsInvalidArgumentThroughTheInterceptors() {
    try (JulRecorder jul = new JulRecorder("io.grpc")) {
      Status status = RawGrpc.call(channel, ControlGrpc.getCancelMethod(), TAG_ZERO, 10);

      assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(status.getDescription())
          .startsWith("request is not a valid latentmpc.control.v1.CancelRequest: ")
          .contains("invalid tag (zero)");
      assertThat(seen).containsExactly("Cancel closed INVALID_ARGUMENT " + status.getDescription());
      assertThat(serviceCalls).hasValue(0);
      assertThat(logger.lines()).hasSize(1);
      RecordingLogger.Line line = logger.lines().get(0);
      assertThat(line.level()).isEqualTo(Level.WARN);
      assertThat(line.withThrowable()).isFalse();
      assertThat(line.message())
          .startsWith(
              "test server: INVALID_ARGUMENT for latentmpc.control.v1.Control/Cancel from"
                  + " /127.0.0.1:")
          .endsWith(status.getDescription());
      assertThat(jul.records()).as("grpc-java's own error log").isEmpty();
    }
  }

  @Test
  void unparseableStreamingRequestNamesItsType() {
    Status status = RawGrpc.call(channel, ControlGrpc.getStartTaskMethod(), TRUNCATED, 10);

    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription())
        .startsWith("request is not a valid latentmpc.control.v1.StartTaskRequest: ")
        .contains("input ended unexpectedly");
    assertThat(seen)
        .containsExactly("StartTask closed INVALID_ARGUMENT " + status.getDescription());
    assertThat(serviceCalls).hasValue(0);
  }

  @Test
  void validBytesReachTheServiceAsTypedMessages() {
    byte[] cancel = CancelRequest.newBuilder().setTaskId("t-1").build().toByteArray();
    assertThat(RawGrpc.call(channel, ControlGrpc.getCancelMethod(), cancel, 10).isOk()).isTrue();

    var updates =
        ControlGrpc.newBlockingStub(channel)
            .startTask(StartTaskRequest.newBuilder().setTaskId("t-2").build());
    assertThat(updates.next().getStarted().getTaskId()).isEqualTo("t-2");
    assertThat(updates.hasNext()).isFalse();

    assertThat(seen)
        .containsExactly(
            "Cancel message CancelRequest",
            "Cancel closed OK null",
            "StartTask message StartTaskRequest",
            "StartTask closed OK null");
    assertThat(serviceCalls).hasValue(2);
    assertThat(logger.lines()).isEmpty();
  }

  @Test
  void linesAreRateLimitedAndTheSkippedOnesCounted() {
    for (int i = 0; i < 7; i++) {
      assertThat(RawGrpc.call(channel, ControlGrpc.getCancelMethod(), TAG_ZERO, 10).getCode())
          .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
    assertThat(logger.lines()).hasSize(3);

    clock.advanceNanos(TimeUnit.SECONDS.toNanos(61));
    RawGrpc.call(channel, ControlGrpc.getCancelMethod(), TAG_ZERO, 10);

    assertThat(logger.lines()).hasSize(4);
    assertThat(logger.lines().get(3).message())
        .endsWith("(4 more unparseable requests were not logged)");
  }

  /** Answers Cancel and StartTask, counting the calls that reach it. */
  private final class CountingControl extends ControlGrpc.ControlImplBase {
    @Override
    public void cancel(CancelRequest request, StreamObserver<CancelResponse> response) {
      serviceCalls.incrementAndGet();
      response.onNext(CancelResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public void startTask(StartTaskRequest request, StreamObserver<TaskUpdate> observer) {
      serviceCalls.incrementAndGet();
      observer.onNext(
          TaskUpdate.newBuilder()
              .setStarted(TaskStarted.newBuilder().setTaskId(request.getTaskId()))
              .build());
      observer.onCompleted();
    }
  }
}
