package dev.latentmpc.simharness.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.proto.bridge.v1.EndEffectorDelta;
import dev.latentmpc.proto.bridge.v1.GetFrameRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoRequest;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.HeartbeatRequest;
import dev.latentmpc.proto.bridge.v1.MoveDeltaRequest;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.proto.bridge.v1.SetGripperRequest;
import dev.latentmpc.proto.bridge.v1.StopRequest;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.simharness.world.SimWorld;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the robot bridge's request handlers ({@link RobotBridgeService}): each
 * input is a short sequence of bridge calls whose fields come from the fuzz data (any double, NaN
 * and infinities included; any 32-bit timeout; any enum number), sent through an in-process gRPC
 * server to the {@link SimBridgeServer} over a seeded simulated arm whose motions complete at once.
 *
 * <p>The contract: every call ends with OK or a defined status with a description (never UNKNOWN or
 * INTERNAL), and a refused call leaves the arm's pose as it was. Every input ends with the watchdog
 * disarmed, so inputs do not depend on each other's heartbeats.
 */
class RobotBridgeFuzzTest {
  private static final int SIZE_PX = 32;
  private static final int MAX_CALLS = 6;
  private static final Set<Status.Code> DEFINED =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.UNAVAILABLE);

  private static ArmIOSim arm;
  private static CameraIOSim camera;
  private static SimBridgeServer server;
  private static ManagedChannel channel;

  @BeforeAll
  static void startBridge() throws Exception {
    SimWorld world = Episode.create(SimTask.REACH, 3).startWorld();
    arm = new ArmIOSim(world, System::nanoTime, MotionPacer.instant());
    camera =
        CameraIOSim.onSystemClock(
            world::shapes, new Renderer(CameraSpec.DEFAULT.withSize(SIZE_PX, SIZE_PX)));
    String name = InProcessServerBuilder.generateName();
    server =
        new SimBridgeServer(
                InProcessServerBuilder.forName(name),
                arm,
                camera,
                BridgeInfo.forSim(
                    SimArmConfig.defaults(), CameraSpec.DEFAULT.withSize(SIZE_PX, SIZE_PX), "fuzz"),
                BridgeClock.SYSTEM)
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterAll
  static void stopBridge() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
    arm.close();
    camera.close();
  }

  /** Up to six bridge calls built from the input. */
  @FuzzTest(maxDuration = "60s")
  void bridgeCalls(FuzzedDataProvider data) throws Exception {
    try {
      for (int i = 0; i < MAX_CALLS && data.remainingBytes() > 0; i++) {
        double[] before = pose(arm.read());
        try {
          call(data.consumeInt(0, 6), data);
        } catch (StatusRuntimeException e) {
          Status status = e.getStatus();
          assertThat(status.getCode()).as("status of a refused call: %s", status).isIn(DEFINED);
          assertThat(status.getDescription()).as("description of %s", status).isNotBlank();
          if (status.getCode() == Status.Code.INVALID_ARGUMENT
              || status.getCode() == Status.Code.FAILED_PRECONDITION) {
            assertThat(pose(arm.read())).as("pose after %s", status).containsExactly(before);
          }
        }
      }
    } finally {
      stub().heartbeat(HeartbeatRequest.newBuilder().setTimeoutMs(0).build());
    }
  }

  private static void call(int rpc, FuzzedDataProvider data) {
    RobotBridgeGrpc.RobotBridgeBlockingStub stub = stub();
    switch (rpc) {
      case 0 -> stub.getInfo(GetInfoRequest.getDefaultInstance());
      case 1 -> stub.getState(GetStateRequest.getDefaultInstance());
      case 2 -> {
        MoveDeltaRequest.Builder move = MoveDeltaRequest.newBuilder().setTimeoutMs(timeout(data));
        if (data.consumeBoolean()) {
          move.setDelta(delta(data));
        }
        stub.moveDelta(move.build());
      }
      case 3 ->
          stub.setGripper(
              SetGripperRequest.newBuilder()
                  .setGripperClosedness(number(data, 1))
                  .setTimeoutMs(timeout(data))
                  .build());
      case 4 -> stub.stop(StopRequest.getDefaultInstance());
      case 5 ->
          stub.getFrame(
              GetFrameRequest.newBuilder().setEncodingValue(data.consumeInt(-1, 4)).build());
      default -> stub.heartbeat(HeartbeatRequest.newBuilder().setTimeoutMs(timeout(data)).build());
    }
  }

  private static EndEffectorDelta delta(FuzzedDataProvider data) {
    return EndEffectorDelta.newBuilder()
        .setDxM(number(data, 0.1))
        .setDyM(number(data, 0.1))
        .setDzM(number(data, 0.1))
        .setDrollRad(number(data, 0.5))
        .setDpitchRad(number(data, 0.5))
        .setDyawRad(number(data, 0.5))
        .setDgripper(number(data, 1))
        .build();
  }

  /** A number in [-bound, bound], or any double at all. */
  private static double number(FuzzedDataProvider data, double bound) {
    return data.consumeBoolean() ? data.consumeDouble() : data.consumeRegularDouble(-bound, bound);
  }

  /** A timeout in ms: 0 … 2000 (cheap), or any 32-bit value (read as unsigned). */
  private static int timeout(FuzzedDataProvider data) {
    return data.consumeBoolean() ? data.consumeInt(0, 2000) : data.consumeInt();
  }

  private static double[] pose(ArmState s) {
    return new double[] {
      s.xM(), s.yM(), s.zM(), s.rollRad(), s.pitchRad(), s.yawRad(), s.gripperClosedness()
    };
  }

  private static RobotBridgeGrpc.RobotBridgeBlockingStub stub() {
    return RobotBridgeGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }
}
