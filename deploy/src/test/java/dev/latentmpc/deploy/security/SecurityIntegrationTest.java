package dev.latentmpc.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.latentmpc.controller.rpc.BearerToken;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.server.ControlBackend;
import dev.latentmpc.deploy.server.OperatorServer;
import dev.latentmpc.deploy.server.RobotIo;
import dev.latentmpc.deploy.server.RobotIoFactory;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, roles, TLS/mTLS, the lease and the audit log over real sockets on 127.0.0.1. */
class SecurityIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir static Path pki;

  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private OperatorServer server;
  private SecurityInterceptor security;

  @BeforeAll
  static void certificates() throws Exception {
    TestPki.create(pki);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  private void start(boolean mtls) throws Exception {
    ServeConfig config =
        ConfigLoader.defaultsWith(HOME, Setting.assignment("robot.sim.pacing=true"));
    TokenStore tokens =
        TokenStore.parse(
            List.of(
                "# role name sha256",
                "operator alice " + TokenStore.hashHex("alice-token"),
                "operator bob " + TokenStore.hashHex("bob-token"),
                "viewer vera " + TokenStore.hashHex("vera-token")),
            "test");
    security =
        new SecurityInterceptor(
            Optional.of(tokens), List.of(config.robot().robotId()), audit::add, Clock.systemUTC());
    TlsServerCredentialsHolder creds = new TlsServerCredentialsHolder(mtls);
    RobotIo io = RobotIoFactory.open(config.robot(), System::nanoTime);
    ControlBackend backend = ControlBackend.assemble(config, io, System::nanoTime, "test");
    server =
        new OperatorServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), creds.get()),
                backend,
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                new io.micrometer.core.instrument.composite.CompositeMeterRegistry(),
                security)
            .start();
  }

  private record TlsServerCredentialsHolder(boolean mtls) {
    ServerCredentials get() throws Exception {
      return ServerTls.credentials(
          new dev.latentmpc.deploy.config.SecuritySettings.TlsSettings(
              pki.resolve("server.pem"),
              pki.resolve("server.key"),
              mtls ? Optional.of(pki.resolve("ca.pem")) : Optional.empty()));
    }
  }

  private ControlGrpc.ControlBlockingStub stub(ChannelCredentials creds, String token) {
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), creds).build();
    channels.add(channel);
    ControlGrpc.ControlBlockingStub stub = ControlGrpc.newBlockingStub(channel);
    if (token != null) {
      stub = stub.withInterceptors(BearerToken.interceptor(token));
    }
    return stub;
  }

  private ControlGrpc.ControlBlockingStub tls(String token) {
    return stub(caOnly(), token);
  }

  private static ChannelCredentials caOnly() {
    try {
      return TlsChannelCredentials.newBuilder()
          .trustManager(pki.resolve("ca.pem").toFile())
          .build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Status.Code code(Runnable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus().getCode();
  }

  private static String goal(ControlGrpc.ControlBlockingStub stub) {
    try {
      return goalOrThrow(stub);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String goalOrThrow(ControlGrpc.ControlBlockingStub stub)
      throws java.io.IOException {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    img.setRGB(10, 10, 0xFF0000);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    Image image = Image.newBuilder().setEncoded(ByteString.copyFrom(png.toByteArray())).build();
    return stub.uploadGoal(UploadGoalRequest.newBuilder().setImage(image).build()).getGoalId();
  }

  private static StartTaskRequest reach(String goalId, String taskId) {
    return StartTaskRequest.newBuilder()
        .setKind(TaskKind.TASK_KIND_REACH)
        .addGoalIds(goalId)
        .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(200))
        .setTaskId(taskId)
        .build();
  }

  private List<AuditEvent> audited(String rpc) {
    return audit.stream().filter(e -> e.rpc().equals(rpc)).toList();
  }

  @Test
  void noOrWrongTokenIsUnauthenticatedAndAudited() throws Exception {
    start(false);
    var info = GetServerInfoRequest.getDefaultInstance();
    assertThat(code(() -> tls(null).getServerInfo(info))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(code(() -> tls("nope").getServerInfo(info))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(code(() -> tls("nope").cancel(CancelRequest.newBuilder().setTaskId("t").build())))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(tls("vera-token").getServerInfo(info).getRobotIdsList()).isNotEmpty();

    assertThat(audited("Cancel"))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.principal()).isEqualTo("-");
          assertThat(e.outcome()).isEqualTo("UNAUTHENTICATED");
        });
    assertThat(audited("GetServerInfo")).isEmpty(); // Only commands are audited.
  }

  @Test
  void viewerMayWatchAndStopButNotCommand() throws Exception {
    start(false);
    String goalId = goal(tls("alice-token"));
    Iterator<TaskUpdate> updates = tls("vera-token").startTask(reach(goalId, "v1"));
    assertThat(code(updates::hasNext)).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(security.leaseHolder("franka-panda")).isEmpty();
    assertThat(code(() -> goal(tlsUnchecked("vera-token"))))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    tls("vera-token")
        .emergencyStop(
            dev.latentmpc.proto.control.v1.EmergencyStopRequest.newBuilder()
                .setReason("test")
                .build());

    assertThat(audited("UploadGoal"))
        .extracting(AuditEvent::principal, AuditEvent::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", "OK"),
            org.assertj.core.groups.Tuple.tuple("vera", "PERMISSION_DENIED"));
    assertThat(audited("UploadGoal").get(0).arguments()).containsKey("goal_id");
    assertThat(audited("StartTask"))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.principal()).isEqualTo("vera");
          assertThat(e.role()).isEqualTo("viewer");
          assertThat(e.outcome()).isEqualTo("PERMISSION_DENIED");
        });
    assertThat(audited("EmergencyStop"))
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo("OK"));
  }

  private ControlGrpc.ControlBlockingStub tlsUnchecked(String token) {
    return tls(token);
  }

  @Test
  void plaintextClientAgainstTlsServerFails() throws Exception {
    start(false);
    var stub = stub(InsecureChannelCredentials.create(), "alice-token");
    assertThat(
            code(() ->
                stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getServerInfo(GetServerInfoRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void mtlsRequiresAClientCertificate() throws Exception {
    start(true);
    var info = GetServerInfoRequest.getDefaultInstance();
    assertThat(
            code(() ->
                tlsUnchecked("alice-token")
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getServerInfo(info)))
        .isEqualTo(Status.Code.UNAVAILABLE);
    ChannelCredentials withCert =
        TlsChannelCredentials.newBuilder()
            .trustManager(pki.resolve("ca.pem").toFile())
            .keyManager(pki.resolve("client.pem").toFile(), pki.resolve("client.key").toFile())
            .build();
    assertThat(stub(withCert, "alice-token").getServerInfo(info).getRobotIdsList()).isNotEmpty();
  }

  @Test
  void exactlyOneOfTwoConcurrentOperatorsGetsTheLease() throws Exception {
    start(false);
    String goalId = goal(tls("alice-token"));
    var alice = tls("alice-token");
    var bob = tls("bob-token");
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Object>> results = new ArrayList<>();
    for (var who : List.of(List.of(alice, "a1"), List.of(bob, "b1"))) {
      var s = (ControlGrpc.ControlBlockingStub) who.get(0);
      String taskId = (String) who.get(1);
      results.add(
          CompletableFuture.supplyAsync(() -> {
            try {
              go.await();
              Iterator<TaskUpdate> it = s.startTask(reach(goalId, taskId));
              return it.next();
            } catch (StatusRuntimeException e) {
              return e;
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }));
    }
    go.countDown();
    List<Object> outcomes = new ArrayList<>();
    for (var f : results) {
      outcomes.add(f.get(30, TimeUnit.SECONDS));
    }
    List<TaskUpdate> started =
        outcomes.stream().filter(TaskUpdate.class::isInstance).map(TaskUpdate.class::cast).toList();
    List<StatusRuntimeException> refused =
        outcomes.stream()
            .filter(StatusRuntimeException.class::isInstance)
            .map(StatusRuntimeException.class::cast)
            .toList();
    assertThat(started).hasSize(1);
    assertThat(refused).hasSize(1);
    String holder = security.leaseHolder("franka-panda").orElseThrow().name();
    String other = holder.equals("alice") ? "bob" : "alice";
    assertThat(refused.get(0).getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.get(0).getStatus().getDescription()).contains("'" + holder + "'");

    String taskId = started.get(0).getStarted().getTaskId();
    var holderStub = holder.equals("alice") ? alice : bob;
    var otherStub = holder.equals("alice") ? bob : alice;
    assertThat(code(() -> otherStub.cancel(CancelRequest.newBuilder().setTaskId(taskId).build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    holderStub.cancel(CancelRequest.newBuilder().setTaskId(taskId).build());

    assertThat(audited("StartTask"))
        .anySatisfy(e -> {
          assertThat(e.principal()).isEqualTo(other);
          assertThat(e.outcome()).isEqualTo("FAILED_PRECONDITION");
          assertThat(e.robot()).isEqualTo("franka-panda");
        });
    assertThat(audited("Cancel"))
        .extracting(AuditEvent::principal, AuditEvent::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(other, "PERMISSION_DENIED"),
            org.assertj.core.groups.Tuple.tuple(holder, "OK"));
  }
}
