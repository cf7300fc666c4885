package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.StateConvention;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convention check with the in-process sim ({@code robot.source: sim}): a bundle that records
 * the flange (as one exported from the official checkpoint does) is refused on the simulator, whose
 * states describe the Franka Hand's TCP, with FAILED_PRECONDITION naming both; nothing moves.
 */
class SimConventionRefusalIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final Path SIM_BUNDLE = HOME.resolve("world-model/bundles/untrained-small64");
  private static final long SEED = 7;

  @TempDir Path dir;

  private OperatorServer service;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aFlangeBundleOnTheSimulatorIsRefusedNamingBothConventions() throws Exception {
    Path bundle = copyWithConvention(SIM_BUNDLE, StateConvention.FLANGE);
    ControlBackend backend = start(bundle);
    ArmState before = backend.io().arm().read();
    ControlGrpc.ControlBlockingStub stub =
        ControlGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    Episode episode = Episode.create(SimTask.REACH, SEED);
    String goalId = stub.uploadGoal(OperatorRequests.goalUpload(episode)).getGoalId();

    StatusRuntimeException refused =
        catchThrowableOfType(
            () -> stub.startTask(OperatorRequests.reach(goalId, 2, SEED)).hasNext(),
            StatusRuntimeException.class);

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.getStatus().getDescription())
        .contains("robot [" + StateConvention.FRANKA_HAND_TCP.describe() + "]")
        .contains("bundle [" + StateConvention.FLANGE.describe() + "]");
    ArmState after = backend.io().arm().read();
    assertThat(after.xM()).isEqualTo(before.xM());
    assertThat(after.yM()).isEqualTo(before.yM());
    assertThat(after.zM()).isEqualTo(before.zM());
  }

  private ControlBackend start(Path bundle) throws Exception {
    ServeConfig config =
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("robot.source=sim"),
            Setting.assignment("robot.sim.pacing=false"),
            Setting.assignment("model.bundle=" + bundle),
            Setting.assignment("planner.samples=16"),
            Setting.assignment("planner.iterations=2"),
            Setting.assignment("api.port=0"));
    RobotIo io = RobotIoFactory.open(config.robot(), System::nanoTime);
    ControlBackend backend = ControlBackend.assemble(config, io, System::nanoTime, "test");
    service =
        new OperatorServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                backend,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1))
            .start();
    channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", service.port(), InsecureChannelCredentials.create())
            .build();
    return backend;
  }

  /** A copy of {@code source} whose model.json records {@code convention}. */
  private Path copyWithConvention(Path source, StateConvention convention) throws IOException {
    Path copy = dir.resolve(source.getFileName());
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    ObjectMapper mapper = new ObjectMapper();
    Path json = copy.resolve("model.json");
    ObjectNode root = (ObjectNode) mapper.readTree(json.toFile());
    ((ObjectNode) root.get("state_convention"))
        .put("frame_name", convention.frameName())
        .put("offset_from_flange_m", convention.offsetFromFlangeM())
        .put("rotation_about_flange_z_rad", convention.rotationAboutFlangeZRad());
    mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
    return copy;
  }
}
