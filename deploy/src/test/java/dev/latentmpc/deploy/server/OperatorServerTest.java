package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's lifecycle over an in-process channel: health, reflection, failures, shutdown. */
class OperatorServerTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  private final String name = InProcessServerBuilder.generateName();
  private OperatorServer server;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws Exception {
    Teardown.closeAll(channel, server);
  }

  @Test
  void simModeServesHealthInfoAndReflection() throws Exception {
    start(ConfigLoader.defaultsWith(HOME, Setting.assignment("robot.sim.pacing=false")));

    assertThat(health("")).isEqualTo(ServingStatus.SERVING);
    assertThat(health(ControlGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
    assertThat(control().getServerInfo(GetServerInfoRequest.getDefaultInstance()).getRobotIdsList())
        .containsExactly("franka-panda");
    assertThat(reflectedServices()).contains(ControlGrpc.SERVICE_NAME, "grpc.health.v1.Health");
  }

  @Test
  void bridgeThatIsDownMeansNotServing() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    start(
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("robot.source=bridge"),
            Setting.assignment("robot.bridge.address=127.0.0.1:" + closedPort)));

    assertThat(health("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(server.health().problem()).get().asString().contains("does not answer");
  }

  @Test
  void modelThatFailsToLoadMeansNotServingAndUnavailable() throws Exception {
    Path bundle = corruptedCopyOfTheEmbeddedBundle();
    start(
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("model.bundle=" + bundle),
            Setting.assignment("robot.sim.pacing=false")));

    assertThat(health("")).isEqualTo(ServingStatus.NOT_SERVING);
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> control().getServerInfo(GetServerInfoRequest.getDefaultInstance()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(e.getStatus().getDescription()).contains("the world model failed to load");
  }

  @Test
  void shutdownTellsHealthWatchersNotServingAndClosesTheArm() throws Exception {
    start(ConfigLoader.defaultsWith(HOME, Setting.assignment("robot.sim.pacing=false")));
    BlockingQueue<ServingStatus> seen = new LinkedBlockingQueue<>();
    HealthWatch.watch(channel, seen::add);
    assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

    server.shutdown();
    server.shutdown(); // idempotent

    assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(catchThrowable(() -> server.backend().io().arm().read()))
        .isInstanceOf(ArmUnavailableException.class);
  }

  private void start(ServeConfig config) throws IOException {
    RobotIo io = RobotIoFactory.open(config.robot(), System::nanoTime);
    ControlBackend backend = ControlBackend.assemble(config, io, System::nanoTime, "test");
    server =
        new OperatorServer(
                InProcessServerBuilder.forName(name).directExecutor(),
                backend,
                Duration.ofSeconds(1),
                Duration.ofHours(1))
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  private ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  private ControlGrpc.ControlBlockingStub control() {
    return ControlGrpc.newBlockingStub(channel);
  }

  private List<String> reflectedServices() throws Exception {
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse r) {
                    names.complete(
                        r.getListServicesResponse().getServiceList().stream()
                            .map(s -> s.getName())
                            .toList());
                  }

                  @Override
                  public void onError(Throwable t) {
                    names.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    return names.get(10, TimeUnit.SECONDS);
  }

  /** Copies the embedded bundle and flips bytes in one graph, keeping its size (sha256 fails). */
  private Path corruptedCopyOfTheEmbeddedBundle() throws IOException {
    Path source = HOME.resolve(ConfigLoader.DEFAULT_BUNDLE);
    Path copy = Files.createDirectory(dir.resolve("bundle"));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    try (RandomAccessFile f = new RandomAccessFile(copy.resolve("encoder.onnx").toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xFF);
    }
    return copy;
  }
}
