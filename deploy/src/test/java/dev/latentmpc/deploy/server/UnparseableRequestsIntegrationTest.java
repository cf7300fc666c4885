package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.rpc.BearerToken;
import dev.latentmpc.controller.rpc.ParseFailureLog;
import dev.latentmpc.controller.testing.JulRecorder;
import dev.latentmpc.controller.testing.RawGrpc;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.security.AuditEvent;
import dev.latentmpc.deploy.security.SecurityInterceptor;
import dev.latentmpc.deploy.security.Slf4jAuditSink;
import dev.latentmpc.deploy.security.TokenStore;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that are not valid protobuf, as raw bytes over a real socket to the operator API as
 * {@code serve} composes it (tokens, audit, in-process sim behind a move-counting arm): the client
 * gets INVALID_ARGUMENT naming the message type, the log one WARN line without a stack trace, the
 * audit the same status, and nothing moves.
 */
class UnparseableRequestsIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  /** StartTaskRequest field 3 (goal_ids) announcing 80 bytes, then 3: truncated. */
  private static final byte[] TRUNCATED = HexFormat.of().parseHex("1a50414243");

  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private OperatorServer server;
  private ManagedChannel channel;
  private RecordingArm arm;

  @BeforeEach
  void start() throws Exception {
    ServeConfig config = ConfigLoader.defaultsWith(HOME, Setting.assignment("robot.source=sim"));
    TokenStore tokens =
        TokenStore.parse(
            List.of(
                "operator alice " + TokenStore.hashHex("alice-token"),
                "viewer vera " + TokenStore.hashHex("vera-token")),
            "test");
    SecurityInterceptor security =
        new SecurityInterceptor(
            Optional.of(tokens), List.of(config.robot().robotId()), audit::add, Clock.systemUTC());
    RobotIo opened = RobotIoFactory.open(config.robot(), System::nanoTime);
    arm = new RecordingArm(opened.arm());
    RobotIo io = new RobotIo(arm, opened.camera(), opened.description());
    server =
        new OperatorServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                ControlBackend.assemble(config, io, System::nanoTime, "test"),
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                new CompositeMeterRegistry(),
                security)
            .start();
    channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", server.port(), InsecureChannelCredentials.create())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void unparseableStartTaskIsInvalidArgumentLoggedOnceAndAudited() {
    Status status;
    List<String> logLines;
    try (JulRecorder jul = new JulRecorder("io.grpc");
        StderrCapture stderr = new StderrCapture()) {
      status = RawGrpc.call(as("alice-token"), ControlGrpc.getStartTaskMethod(), TRUNCATED, 20);
      logLines = stderr.linesContaining(ParseFailureLog.class.getName());
      assertThat(jul.records()).as("java.util.logging records of grpc-java").isEmpty();
      assertThat(stderr.linesContaining("Exception")).isEmpty();
    }

    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription())
        .startsWith("request is not a valid latentmpc.control.v1.StartTaskRequest: ")
        .contains("input ended unexpectedly");
    assertThat(logLines)
        .singleElement()
        .satisfies(line -> {
          assertThat(line).contains(" WARN ");
          assertThat(line)
              .contains(
                  "operator API: INVALID_ARGUMENT for latentmpc.control.v1.Control/StartTask"
                      + " from /127.0.0.1:");
          assertThat(line).endsWith(status.getDescription());
        });
    assertThat(audit)
        .singleElement()
        .satisfies(event -> {
          assertThat(event.rpc()).isEqualTo("StartTask");
          assertThat(event.principal()).isEqualTo("alice");
          assertThat(event.outcome()).isEqualTo("INVALID_ARGUMENT");
          assertThat(event.detail()).isEqualTo(status.getDescription());
          assertThat(Slf4jAuditSink.toJson(event))
              .contains("\"outcome\":\"INVALID_ARGUMENT\"")
              .contains("request is not a valid latentmpc.control.v1.StartTaskRequest");
        });
    assertThat(arm.movesStarted()).isZero();
  }

  @Test
  void everyServiceOfTheServerNamesTheMessageType() {
    byte[] tagZero = {0x00};
    Status plan = RawGrpc.call(as("vera-token"), ControlGrpc.getPlanOnceMethod(), tagZero, 20);
    Status health = RawGrpc.call(channel, HealthGrpc.getCheckMethod(), tagZero, 20);

    assertThat(plan.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(plan.getDescription())
        .startsWith("request is not a valid latentmpc.control.v1.PlanOnceRequest: ");
    assertThat(health.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(health.getDescription())
        .startsWith("request is not a valid grpc.health.v1.HealthCheckRequest: ");
    assertThat(audit).as("PlanOnce is not a command").isEmpty();
  }

  @Test
  void authenticationStillComesFirst() {
    try (StderrCapture stderr = new StderrCapture()) {
      Status status = RawGrpc.call(channel, ControlGrpc.getStartTaskMethod(), TRUNCATED, 20);

      assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(stderr.linesContaining(ParseFailureLog.class.getName())).isEmpty();
    }
    assertThat(audit).singleElement().extracting(AuditEvent::outcome).isEqualTo("UNAUTHENTICATED");
  }

  private Channel as(String token) {
    return ClientInterceptors.intercept(channel, BearerToken.interceptor(token));
  }
}
