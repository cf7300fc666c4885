package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.security.Role;
import dev.latentmpc.deploy.security.ServerTls;
import dev.latentmpc.deploy.security.TestPki;
import dev.latentmpc.deploy.security.TokenStore;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as {@code serve} runs it with the shipped security settings (TLS, bearer tokens) plus
 * {@code api.healthPort}: the operator API refuses plaintext, while the health listener answers a
 * plaintext probe with the same status the TLS port reports (what the kubelet's gRPC probe needs).
 */
class HealthPortIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  private final List<ManagedChannel> channels = new ArrayList<>();
  private RunningService service;

  @AfterEach
  void stop() throws Exception {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aPlaintextProbeReadsHealthOnTheHealthPortWhileTheApiRequiresTls() throws Exception {
    TestPki pki = TestPki.create(Files.createDirectory(dir.resolve("pki")));
    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(tokens, TokenStore.line(Role.VIEWER, "vera", "vera-token") + "\n");
    ServeConfig config =
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("api.port=0"),
            Setting.assignment("api.healthPort=0"),
            Setting.assignment("metrics.port=-1"),
            Setting.assignment("security.auth=token"),
            Setting.assignment("security.tokensFile=" + tokens),
            Setting.assignment("security.tls.certChain=" + pki.file("server.pem")),
            Setting.assignment("security.tls.privateKey=" + pki.file("server.key")),
            Setting.assignment("security.leaseSeconds=30"));
    service =
        RunningService.start(
            config, ServerTls.builder("127.0.0.1", 0, config.security()), System::nanoTime, "test");
    int apiPort = service.operator().port();
    int healthPort = service.healthPort().orElseThrow();
    assertThat(healthPort).isNotEqualTo(apiPort);

    assertThat(health(channel(healthPort, InsecureChannelCredentials.create())))
        .isEqualTo(ServingStatus.SERVING);
    ChannelCredentials tls =
        TlsChannelCredentials.newBuilder().trustManager(pki.file("ca.pem").toFile()).build();
    assertThat(health(channel(apiPort, tls))).isEqualTo(ServingStatus.SERVING);
    StatusRuntimeException plaintext =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ControlGrpc.newBlockingStub(channel(apiPort, InsecureChannelCredentials.create()))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getServerInfo(GetServerInfoRequest.getDefaultInstance()));
    assertThat(plaintext.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    StatusRuntimeException noToken =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ControlGrpc.newBlockingStub(channel(apiPort, tls))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getServerInfo(GetServerInfoRequest.getDefaultInstance()));
    assertThat(noToken.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    StatusRuntimeException controlOnHealthPort =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ControlGrpc.newBlockingStub(
                        channel(healthPort, InsecureChannelCredentials.create()))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getServerInfo(GetServerInfoRequest.getDefaultInstance()));
    assertThat(controlOnHealthPort.getStatus().getCode())
        .as("the health port serves nothing but health")
        .isEqualTo(Status.Code.UNIMPLEMENTED);

    service.operator().shutdown();
    assertThat(health(channel(healthPort, InsecureChannelCredentials.create())))
        .as("a shutting-down service reads NOT_SERVING on the health port too")
        .isEqualTo(ServingStatus.NOT_SERVING);
  }

  private ManagedChannel channel(int port, ChannelCredentials credentials) {
    ManagedChannel c = Grpc.newChannelBuilderForAddress("127.0.0.1", port, credentials).build();
    channels.add(c);
    return c;
  }

  private static ServingStatus health(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance())
        .getStatus();
  }
}
