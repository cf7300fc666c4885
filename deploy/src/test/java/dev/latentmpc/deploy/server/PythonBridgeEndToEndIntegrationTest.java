package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latentmpc.controller.testing.PythonBridge;
import dev.latentmpc.controller.testing.PythonBridgeConfig;
import dev.latentmpc.proto.bridge.v1.EndEffectorState;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.HeartbeatRequest;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.StateConvention;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service end to end on the Python bridge: {@code franka-bridge} with the kinematic driver as
 * one process, the service ({@code latent-mpc serve}, {@code robot.source: bridge}, the default
 * sim-trained bundle, CEM reduced to 64 x 3) as another, real gRPC between them and to the
 * operator. Frames come from the service's own OpenCV camera reading a still image of a sim scene
 * ({@code camera.source: opencv}): what the model sees is not the point here, the arm is.
 *
 * <p>Checked: a reach task's moves reach the bridge's arm; a SIGKILL of the service while the arm
 * moves makes the bridge stop the arm by itself within the heartbeat timeout (by the bridge's own
 * clock, and its watchdog counts the expiry); a bridge reporting the flange convention is refused
 * at StartTask with FAILED_PRECONDITION naming both conventions, before anything moves. Tagged
 * {@code python-bridge} (in the default run; about a minute); skipped with the reason where
 * Debian's Python gRPC packages are missing.
 */
@Tag("python-bridge")
class PythonBridgeEndToEndIntegrationTest {
  private static final Logger LOG =
      LoggerFactory.getLogger(PythonBridgeEndToEndIntegrationTest.class);
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final long SEED = 7;
  private static final long HEARTBEAT_TIMEOUT_MS = 1000;

  @TempDir Path dir;

  private PythonBridge bridge;
  private ManagedChannel bridgeChannel;
  private RobotBridgeGrpc.RobotBridgeBlockingStub bridgeStub;
  private ServiceProcess service;
  private ManagedChannel serviceChannel;
  private final Episode episode = Episode.create(SimTask.REACH, SEED);

  @BeforeEach
  void needsPython() {
    assumeTrue(
        PythonBridge.unavailableReason().isEmpty(),
        () -> "the Python bridge cannot run here: " + PythonBridge.unavailableReason().get());
  }

  @AfterEach
  void stopAll() throws Exception {
    Teardown.closeAll(serviceChannel, service);
    Teardown.closeAll(bridgeChannel);
    if (bridge != null) {
      assertThat(bridge.terminate()).as("bridge exit status; log:%n%s", bridge.log()).isZero();
    }
  }

  @Test
  void aReachTaskMovesTheBridgesArm() throws Exception {
    startBridge(PythonBridgeConfig.kinematic());
    EndEffectorState before = bridgeState();
    startService();

    List<TaskUpdate> updates = new ArrayList<>();
    operator()
        .startTask(OperatorRequests.reach(uploadGoal(), 3, SEED))
        .forEachRemaining(updates::add);

    TaskUpdate last = updates.get(updates.size() - 1);
    assertThat(last.getOutcome().getStatus())
        .as("outcome %s; service log:%n%s", last.getOutcome(), service.log())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    List<StepEvent> steps =
        updates.stream().filter(TaskUpdate::hasStep).map(TaskUpdate::getStep).toList();
    assertThat(steps).hasSize(3).allMatch(StepEvent::getCommandSent);
    EndEffectorState after = bridgeState();
    var reported = steps.get(steps.size() - 1).getArmStateAfter();
    assertThat(after.getXM()).isCloseTo(reported.getXM(), within(1e-6));
    assertThat(after.getYM()).isCloseTo(reported.getYM(), within(1e-6));
    assertThat(after.getZM()).isCloseTo(reported.getZM(), within(1e-6));
    double[] sum = new double[3];
    for (StepEvent step : steps) {
      sum[0] += step.getCommand().getDxM();
      sum[1] += step.getCommand().getDyM();
      sum[2] += step.getCommand().getDzM();
    }
    assertThat(Math.abs(sum[0]) + Math.abs(sum[1]) + Math.abs(sum[2])).isGreaterThan(1e-3);
    if (steps.stream().noneMatch(StepEvent::getArmClamped)) {
      assertThat(after.getXM() - before.getXM()).isCloseTo(sum[0], within(1e-3));
      assertThat(after.getYM() - before.getYM()).isCloseTo(sum[1], within(1e-3));
      assertThat(after.getZM() - before.getZM()).isCloseTo(sum[2], within(1e-3));
    }
  }

  @Test
  void killingTheServiceMidMoveMakesTheBridgeStopTheArmWithinTheHeartbeatTimeout()
      throws Exception {
    // 5 cm/s: a planned move of a few centimetres takes most of a second, so the kill lands in one.
    startBridge(PythonBridgeConfig.kinematic().withMaxSpeedMps(0.05));
    long expirationsBefore = heartbeatExpirations();
    startService();
    Iterator<TaskUpdate> stream =
        operator().startTask(OperatorRequests.reach(uploadGoal(), 40, SEED));
    assertThat(stream.next().hasStarted()).isTrue();

    awaitArmMoving();
    long killedUnixNanos = System.currentTimeMillis() * 1_000_000L;
    service.kill();

    long stillSinceUnixNanos = awaitArmStill();
    double stillAfterMs = (stillSinceUnixNanos - killedUnixNanos) / 1e6;
    LOG.info("the bridge's arm stood still {} ms after the service's SIGKILL", stillAfterMs);
    assertThat(stillAfterMs)
        .as("ms from SIGKILL until the bridge's arm stood still, by the bridge's clock")
        .isLessThan(HEARTBEAT_TIMEOUT_MS + 100);
    // The service armed the watchdog mid-task and went silent: it expires once its timeout ran out.
    Thread.sleep(HEARTBEAT_TIMEOUT_MS + 300);
    assertThat(heartbeatExpirations())
        .as("bridge log:%n%s", bridge.log())
        .isGreaterThan(expirationsBefore);
  }

  @Test
  void aBridgeReportingTheFlangeIsRefusedNamingBothConventionsBeforeAnythingMoves()
      throws Exception {
    startBridge(PythonBridgeConfig.kinematic().withState(StateConvention.FLANGE));
    EndEffectorState before = bridgeState();
    startService();
    String goalId = uploadGoal();

    StatusRuntimeException refused =
        catchThrowableOfType(
            () -> operator().startTask(OperatorRequests.reach(goalId, 3, SEED)).hasNext(),
            StatusRuntimeException.class);

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.getStatus().getDescription())
        .contains("robot [" + StateConvention.FLANGE.describe() + "]")
        .contains("bundle [" + StateConvention.FRANKA_HAND_TCP.describe() + "]");
    EndEffectorState after = bridgeState();
    assertThat(after.getXM()).isEqualTo(before.getXM());
    assertThat(after.getYM()).isEqualTo(before.getYM());
    assertThat(after.getZM()).isEqualTo(before.getZM());
    assertThat(after.getGripperClosedness()).isEqualTo(before.getGripperClosedness());
  }

  private void startBridge(PythonBridgeConfig config) throws Exception {
    bridge = PythonBridge.start(config, dir.resolve("bridge"));
    String[] hostPort = bridge.address().split(":");
    bridgeChannel =
        Grpc.newChannelBuilderForAddress(
                hostPort[0], Integer.parseInt(hostPort[1]), InsecureChannelCredentials.create())
            .build();
    bridgeStub = RobotBridgeGrpc.newBlockingStub(bridgeChannel);
  }

  /** The service on the bridge, its camera a still image of the episode's scene. */
  private void startService() throws Exception {
    Path still = dir.resolve("scene.png");
    Files.write(
        still,
        PngImages.encode(new Renderer(CameraSpec.DEFAULT).render(episode.startWorld().shapes())));
    Path config = dir.resolve("serve.yaml");
    Files.writeString(
        config,
        """
        api:
          host: 127.0.0.1
          port: 0
        metrics:
          port: -1
        robot:
          source: bridge
          bridge:
            address: "%s"
            heartbeatTimeoutMs: %d
        camera:
          source: opencv
          opencv:
            source: "%s"
        planner:
          samples: 64
          iterations: 3
        """
            .formatted(bridge.address(), HEARTBEAT_TIMEOUT_MS, still));
    service = ServiceProcess.start(HOME, config, dir.resolve("service.log"));
    serviceChannel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", service.port(), InsecureChannelCredentials.create())
            .build();
  }

  private ControlGrpc.ControlBlockingStub operator() {
    return ControlGrpc.newBlockingStub(serviceChannel).withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  private String uploadGoal() {
    return operator().uploadGoal(OperatorRequests.goalUpload(episode)).getGoalId();
  }

  private EndEffectorState bridgeState() {
    return bridgeStub
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .getState(GetStateRequest.getDefaultInstance())
        .getState();
  }

  /** The watchdog's expiry count; a disarming heartbeat, sent only while no task runs. */
  private long heartbeatExpirations() {
    return bridgeStub
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .heartbeat(HeartbeatRequest.newBuilder().setTimeoutMs(0).build())
        .getExpirations();
  }

  /** Polls the bridge until two readings 20 ms apart differ: a move is under way. */
  private void awaitArmMoving() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    EndEffectorState previous = bridgeState();
    while (System.nanoTime() < end) {
      Thread.sleep(20);
      EndEffectorState now = bridgeState();
      if (!samePosition(previous, now)) {
        return;
      }
      previous = now;
    }
    throw new AssertionError("the arm never moved; service log:\n" + service.log());
  }

  /**
   * Polls the bridge until the arm has not moved for 300 ms and returns, by the bridge's clock, the
   * read time of the first reading of that still stretch.
   */
  private long awaitArmStill() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    EndEffectorState first = bridgeState();
    while (System.nanoTime() < end) {
      Thread.sleep(10);
      EndEffectorState now = bridgeState();
      if (!samePosition(first, now)) {
        first = now;
      } else if (now.getReadTimeUnixNanos() - first.getReadTimeUnixNanos() >= 300_000_000L) {
        return first.getReadTimeUnixNanos();
      }
    }
    throw new AssertionError("the arm kept moving after the service was killed");
  }

  private static boolean samePosition(EndEffectorState a, EndEffectorState b) {
    return a.getXM() == b.getXM() && a.getYM() == b.getYM() && a.getZM() == b.getZM();
  }
}
