package dev.latentmpc.deploy.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latentmpc.controller.testing.RawGrpc;
import dev.latentmpc.deploy.server.RecordingArm;
import dev.latentmpc.proto.bridge.v1.EndEffectorState;
import dev.latentmpc.proto.bridge.v1.GetInfoRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoResponse;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.bridge.BridgeClock;
import dev.latentmpc.simharness.bridge.BridgeInfo;
import dev.latentmpc.simharness.bridge.SimBridgeServer;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.MotionPacer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input suite's robot-bridge half: seeded motion requests outside the bridge contract
 * ({@link BridgeBadRequests}) and payloads that are no valid message at all, as raw bytes over a
 * real socket to both bridges of the project: the simulated one (sim-harness, in this JVM, its arm
 * counting moves) and the real-robot one ({@code franka-bridge/}, Python, kinematic driver, a child
 * process). Each call must end with a refusal that has a description (never OK, UNKNOWN or
 * INTERNAL; unparseable payloads INVALID_ARGUMENT naming the message type), the arm's state must be
 * exactly what it was and the sim's arm must have started no move. The tally by RPC and status is
 * printed.
 *
 * <p>Tagged {@code badinput} with {@link BadInputSuiteTest} (runs in {@code mvn verify}).
 */
@Tag("badinput")
class BridgeBadInputSuiteTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final int SEMANTIC = 1200;
  private static final int UNPARSEABLE_PER_RPC = 130;
  private static final int IN_FLIGHT = 6;
  private static final long DEADLINE_SECONDS = 20;

  private static final Set<Status.Code> REFUSALS =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.OUT_OF_RANGE,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.RESOURCE_EXHAUSTED);

  @TempDir Path dir;

  @Test
  void simulatedBridgeRefusesEverythingAndNothingMoves() throws Exception {
    Episode episode = Episode.create(SimTask.REACH, 3);
    SimArmConfig armConfig = SimArmConfig.defaults();
    ArmIOSim sim =
        new ArmIOSim(episode.startWorld(armConfig), System::nanoTime, MotionPacer.instant());
    RecordingArm arm = new RecordingArm(sim);
    CameraSpec camera = CameraSpec.DEFAULT.withSize(64, 64);
    CameraIOSim cam = CameraIOSim.onSystemClock(sim.world()::shapes, new Renderer(camera));
    SimBridgeServer server =
        new SimBridgeServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                arm,
                cam,
                BridgeInfo.forSim(armConfig, camera, "bad-input suite"),
                BridgeClock.SYSTEM)
            .start();
    try {
      run("sim bridge", "127.0.0.1:" + server.port(), 0x5eed_b1L);
      assertThat(arm.movesStarted()).as("sim arm moves").isZero();
    } finally {
      server.close();
      sim.close();
      cam.close();
    }
  }

  @Test
  void realRobotBridgeRefusesEverythingAndNothingMoves() throws Exception {
    String missing = FrankaBridgeProcess.unavailableReason();
    assumeTrue(missing == null, () -> "the Python bridge cannot run here: " + missing);
    FrankaBridgeProcess bridge = FrankaBridgeProcess.start(HOME, dir);
    try {
      run("franka-bridge", bridge.address(), 0x5eed_b2L);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\nfranka-bridge log:\n" + bridge.log(), e);
    }
    assertThat(bridge.terminate()).as("exit status after SIGTERM; log:%n%s", bridge.log()).isZero();
  }

  /** Sends the probes to the bridge at {@code address} and checks every answer and the state. */
  private void run(String bridgeName, String address, long seed) throws Exception {
    long started = System.nanoTime();
    ManagedChannel channel =
        Grpc.newChannelBuilder(address, InsecureChannelCredentials.create()).build();
    StatusTable table = new StatusTable();
    List<String> problems = new CopyOnWriteArrayList<>();
    try {
      var bridge = RobotBridgeGrpc.newBlockingStub(channel);
      GetInfoResponse info =
          bridge
              .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
              .getInfo(GetInfoRequest.getDefaultInstance());
      EndEffectorState before = state(bridge);
      List<BridgeBadRequests.Probe> probes =
          new BridgeBadRequests(
                  info.getMaxTranslationDeltaM(),
                  info.getMaxRotationDeltaRad(),
                  new SplittableRandom(seed))
              .generate(SEMANTIC, UNPARSEABLE_PER_RPC);
      ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (BridgeBadRequests.Probe probe : probes) {
          calls.add(pool.submit(() -> check(probe, send(channel, probe), table, problems)));
        }
        for (Future<?> call : calls) {
          call.get();
        }
      } finally {
        pool.shutdownNow();
      }
      EndEffectorState after = state(bridge);
      table.print(
          bridgeName + " bad-input suite (seed " + seed + ")",
          String.format(
              "state unchanged: %s, problems: %d, %.1f s",
              before.equals(after), problems.size(), (System.nanoTime() - started) / 1e9));
      problems.stream().limit(40).forEach(p -> System.out.println("  PROBLEM " + p));
      assertThat(problems).as("calls that ended badly").isEmpty();
      assertThat(after)
          .as("the arm's state after %d bad requests", probes.size())
          .isEqualTo(before);
      assertThat(table.total()).isEqualTo(probes.size()).isGreaterThanOrEqualTo(2000);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static Status send(ManagedChannel channel, BridgeBadRequests.Probe probe) {
    return RawGrpc.call(channel, probe.method(), probe.request(), DEADLINE_SECONDS);
  }

  private static void check(
      BridgeBadRequests.Probe probe, Status status, StatusTable table, List<String> problems) {
    table.count(probe.row(), status.getCode());
    String what =
        probe.row()
            + " "
            + java.util.HexFormat.of()
                .formatHex(probe.request(), 0, Math.min(48, probe.request().length));
    if (!REFUSALS.contains(status.getCode())) {
      problems.add(what + " -> " + status);
    } else if (status.getDescription() == null || status.getDescription().isBlank()) {
      problems.add(what + " -> " + status.getCode() + " without a description");
    } else if (probe.unparseable()
        && (status.getCode() != Status.Code.INVALID_ARGUMENT
            || !status
                .getDescription()
                .contains(
                    "latentmpc.bridge.v1." + probe.method().getBareMethodName() + "Request"))) {
      problems.add(what + " -> " + status + " (wanted INVALID_ARGUMENT naming the request type)");
    }
  }

  /** The arm's state without its read time. */
  private static EndEffectorState state(RobotBridgeGrpc.RobotBridgeBlockingStub bridge) {
    return bridge
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .getState(GetStateRequest.getDefaultInstance())
        .getState()
        .toBuilder()
        .clearReadTimeUnixNanos()
        .build();
  }
}
