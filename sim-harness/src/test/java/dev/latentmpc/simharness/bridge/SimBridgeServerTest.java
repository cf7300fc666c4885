package dev.latentmpc.simharness.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.proto.bridge.v1.EndEffectorDelta;
import dev.latentmpc.proto.bridge.v1.EndEffectorState;
import dev.latentmpc.proto.bridge.v1.FrameEncoding;
import dev.latentmpc.proto.bridge.v1.GetFrameRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoResponse;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.MoveDeltaRequest;
import dev.latentmpc.proto.bridge.v1.MoveDeltaResponse;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.proto.bridge.v1.SetGripperRequest;
import dev.latentmpc.proto.bridge.v1.StopRequest;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.SimWorld;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge server over a real TCP socket on 127.0.0.1, driven by a real blocking stub. */
class SimBridgeServerTest {
  private static final int SIZE_PX = 48;
  private static final double EPS = 1e-9;

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final BridgeClock clock =
      new BridgeClock(InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000L)), nanos::get);
  private SimWorld world;
  private CameraIOSim camera;
  private SimBridgeServer server;
  private ManagedChannel channel;
  private RobotBridgeGrpc.RobotBridgeBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    world = Episode.create(SimTask.REACH, 3).startWorld();
    ArmIOSim arm = new ArmIOSim(world, nanos::get);
    camera =
        new CameraIOSim(
            world::shapes,
            new Renderer(CameraSpec.DEFAULT.withSize(SIZE_PX, SIZE_PX)),
            nanos::get,
            clock.wall());
    BridgeInfo info =
        new BridgeInfo(
            "franka-panda-sim",
            true,
            SIZE_PX,
            SIZE_PX,
            new BridgeInfo.Workspace(0.25, 0.8, -0.4, 0.4, 0.01, 0.7),
            0.25,
            Math.PI / 4,
            0.08,
            "reach seed 3");
    server =
        new SimBridgeServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                arm,
                camera,
                info,
                clock)
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    stub = RobotBridgeGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  private EndEffectorState state() {
    return stub.getState(GetStateRequest.getDefaultInstance()).getState();
  }

  private MoveDeltaResponse move(EndEffectorDelta.Builder delta) {
    return stub.moveDelta(
        MoveDeltaRequest.newBuilder().setDelta(delta).setTimeoutMs(10_000).build());
  }

  @Test
  void infoDescribesTheRobotAndCamera() {
    GetInfoResponse info = stub.getInfo(GetInfoRequest.getDefaultInstance());
    assertThat(info.getRobotName()).isEqualTo("franka-panda-sim");
    assertThat(info.getSimulated()).isTrue();
    assertThat(info.getCameraWidthPx()).isEqualTo(SIZE_PX);
    assertThat(info.getWorkspace().getMaxXM()).isEqualTo(0.8);
    assertThat(info.getMaxTranslationDeltaM()).isEqualTo(0.25);
  }

  @Test
  void stateIsTheSimulatedEndEffectorWithAWallClockStamp() {
    EndEffectorState s = state();
    double[] truth = world.state().toVector();
    assertThat(
            new double[] {
              s.getXM(),
              s.getYM(),
              s.getZM(),
              s.getRollRad(),
              s.getPitchRad(),
              s.getYawRad(),
              s.getGripperClosedness()
            })
        .containsExactly(truth, within(EPS));
    assertThat(s.getReadTimeUnixNanos()).isEqualTo(1_700_000_000L * 1_000_000_000L);
  }

  @Test
  void aMoveFollowsTheVjepaPoseUpdate() {
    EndEffectorState before = state();
    MoveDeltaResponse r =
        move(
            EndEffectorDelta.newBuilder()
                .setDxM(0.04)
                .setDyM(-0.03)
                .setDzM(0.02)
                .setDyawRad(0.2)
                .setDgripper(0.5));
    EndEffectorState after = r.getReached();
    assertThat(after.getXM()).isCloseTo(before.getXM() + 0.04, within(1e-6));
    assertThat(after.getYM()).isCloseTo(before.getYM() - 0.03, within(1e-6));
    assertThat(after.getZM()).isCloseTo(before.getZM() + 0.02, within(1e-6));
    assertThat(after.getGripperClosedness()).isCloseTo(0.5, within(1e-9));
    Rot3 expected =
        Rot3.fromEulerXyz(0, 0, 0.2)
            .times(
                Rot3.fromEulerXyz(before.getRollRad(), before.getPitchRad(), before.getYawRad()));
    Rot3 reached = Rot3.fromEulerXyz(after.getRollRad(), after.getPitchRad(), after.getYawRad());
    assertThat(reached.angleTo(expected)).isLessThan(1e-6);
    assertThat(r.getClampedByWorkspace()).isFalse();
    assertThat(r.getClampedByTable()).isFalse();
    assertThat(r.getDurationNanos()).isPositive();
    assertThat(state().getXM()).isCloseTo(after.getXM(), within(EPS));
  }

  @Test
  void aMoveBeyondTheWorkspaceIsClampedAndSaysSo() {
    move(EndEffectorDelta.newBuilder().setDxM(0.25));
    MoveDeltaResponse r = move(EndEffectorDelta.newBuilder().setDxM(0.25));
    assertThat(r.getClampedByWorkspace()).isTrue();
    assertThat(r.getReached().getXM()).isLessThanOrEqualTo(0.8 + EPS);
  }

  @Test
  void invalidDeltasAreRejectedNamingTheFieldAndNothingMoves() {
    EndEffectorState before = state();
    assertStatus(
        () -> move(EndEffectorDelta.newBuilder().setDxM(Double.NaN)),
        Status.Code.INVALID_ARGUMENT,
        "delta.dx_m must be a finite number");
    assertStatus(
        () -> move(EndEffectorDelta.newBuilder().setDzM(Double.NEGATIVE_INFINITY)),
        Status.Code.INVALID_ARGUMENT,
        "delta.dz_m");
    assertStatus(
        () -> move(EndEffectorDelta.newBuilder().setDyM(5)),
        Status.Code.INVALID_ARGUMENT,
        "delta.dy_m = 5.0 m exceeds the per-call bound");
    assertStatus(
        () ->
            stub.moveDelta(
                MoveDeltaRequest.newBuilder()
                    .setDelta(EndEffectorDelta.newBuilder().setDxM(0.01))
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "timeout_ms must be in [1, 60000], got 0");
    assertStatus(
        () ->
            stub.setGripper(
                SetGripperRequest.newBuilder().setGripperClosedness(1.5).setTimeoutMs(100).build()),
        Status.Code.INVALID_ARGUMENT,
        "gripper_closedness must be in [0, 1]");
    EndEffectorState after = state();
    assertThat(after.toBuilder().clearReadTimeUnixNanos().build())
        .isEqualTo(before.toBuilder().clearReadTimeUnixNanos().build());
  }

  @Test
  void aMoveLongerThanItsTimeoutStopsAndFailsWithDeadlineExceeded() {
    EndEffectorState before = state();
    assertStatus(
        () ->
            stub.moveDelta(
                MoveDeltaRequest.newBuilder()
                    .setDelta(EndEffectorDelta.newBuilder().setDxM(0.2))
                    .setTimeoutMs(20)
                    .build()),
        Status.Code.DEADLINE_EXCEEDED,
        "the arm was stopped");
    double moved = state().getXM() - before.getXM();
    assertThat(moved).isGreaterThanOrEqualTo(0).isLessThan(0.2);
  }

  @Test
  void setGripperMovesOnlyTheGripper() {
    EndEffectorState before = state();
    EndEffectorState after =
        stub.setGripper(
                SetGripperRequest.newBuilder().setGripperClosedness(0.8).setTimeoutMs(5000).build())
            .getReached();
    assertThat(after.getGripperClosedness()).isCloseTo(0.8, within(1e-9));
    assertThat(after.getXM()).isCloseTo(before.getXM(), within(1e-9));
  }

  @Test
  void framesHaveTheCameraSizeAndIncreasingSequenceRawOrPng() throws Exception {
    var raw = stub.getFrame(GetFrameRequest.getDefaultInstance()).getFrame();
    assertThat(raw.getEncoding()).isEqualTo(FrameEncoding.FRAME_ENCODING_RGB8);
    assertThat(raw.getWidthPx()).isEqualTo(SIZE_PX);
    assertThat(raw.getHeightPx()).isEqualTo(SIZE_PX);
    assertThat(raw.getData().size()).isEqualTo(SIZE_PX * SIZE_PX * 3);
    assertThat(raw.getCaptureTimeUnixNanos()).isEqualTo(1_700_000_000L * 1_000_000_000L);
    var png =
        stub.getFrame(
                GetFrameRequest.newBuilder().setEncoding(FrameEncoding.FRAME_ENCODING_PNG).build())
            .getFrame();
    assertThat(png.getSequence()).isEqualTo(raw.getSequence() + 1);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.getData().toByteArray()));
    assertThat(decoded.getWidth()).isEqualTo(SIZE_PX);
    int rgb = decoded.getRGB(SIZE_PX / 2, SIZE_PX / 2);
    int i = (SIZE_PX / 2 * SIZE_PX + SIZE_PX / 2) * 3;
    assertThat((rgb >> 16) & 0xFF).isEqualTo(raw.getData().byteAt(i) & 0xFF);
  }

  @Test
  void aClosedCameraIsUnavailable() {
    camera.close();
    assertStatus(
        () -> stub.getFrame(GetFrameRequest.getDefaultInstance()),
        Status.Code.UNAVAILABLE,
        "camera is closed");
  }

  @Test
  void stopAnswersWithTheStateAndTheArmStillMovesAfterwards() {
    EndEffectorState stopped = stub.stop(StopRequest.getDefaultInstance()).getState();
    assertThat(stopped.getXM()).isCloseTo(world.state().positionM().x(), within(EPS));
    MoveDeltaResponse r = move(EndEffectorDelta.newBuilder().setDzM(0.01));
    assertThat(r.getReached().getZM()).isCloseTo(stopped.getZM() + 0.01, within(1e-6));
  }

  @Test
  void healthReportsServing() {
    var health = HealthGrpc.newBlockingStub(channel);
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(
            health
                .check(
                    HealthCheckRequest.newBuilder()
                        .setService(RobotBridgeGrpc.SERVICE_NAME)
                        .build())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String text) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).contains(text);
            });
  }
}
