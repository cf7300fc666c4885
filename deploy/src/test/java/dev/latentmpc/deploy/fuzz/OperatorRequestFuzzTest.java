package dev.latentmpc.deploy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.deploy.server.ControlBackend;
import dev.latentmpc.deploy.server.OperatorRequests;
import dev.latentmpc.deploy.server.OperatorServer;
import dev.latentmpc.deploy.server.RecordedSimBackend;
import dev.latentmpc.deploy.server.RecordingArm;
import dev.latentmpc.deploy.server.RobotIo;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.EmergencyStopRequest;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.GetStatusResponse;
import dev.latentmpc.proto.control.v1.ResetEmergencyStopRequest;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the operator API's request handlers: one request per input, built from
 * the fuzz data ({@link FuzzedOperatorRequests}), sent through an in-process gRPC server to the
 * service as {@code ControlBackend} composes it over the simulated robot (the committed small
 * bundle, CEM at 16 samples × 1 iteration), behind a move-counting arm.
 *
 * <p>The contract: every call ends with OK or a defined status with a description (never UNKNOWN or
 * INTERNAL), and a refused call moves nothing: the arm starts no move and its state stays as it
 * was. A StartTask the service accepts is cancelled as soon as it has started, and every input ends
 * with the robot idle and no emergency stop latched, so inputs do not depend on each other.
 */
class OperatorRequestFuzzTest {
  private static final long DEADLINE_SECONDS = 20;
  private static final Set<Status.Code> DEFINED =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.NOT_FOUND,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.DEADLINE_EXCEEDED);

  private static RobotIo io;
  private static RecordingArm arm;
  private static OperatorServer server;
  private static ManagedChannel channel;
  private static String robotId;
  private static String goalId;
  private static byte[] validPng;

  @BeforeAll
  static void startService() throws Exception {
    RecordedSimBackend sim = RecordedSimBackend.assemble("fuzz", "robot.sim.pacing=false");
    arm = sim.arm();
    io = sim.backend().io();
    ControlBackend backend = sim.backend();
    String name = InProcessServerBuilder.generateName();
    server =
        new OperatorServer(
                InProcessServerBuilder.forName(name), backend, Duration.ZERO, Duration.ofSeconds(1))
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
    robotId = sim.config().robot().robotId();
    UploadGoalRequest upload = OperatorRequests.goalUpload(Episode.create(SimTask.REACH, 7));
    validPng = upload.getImage().getEncoded().toByteArray();
    goalId = stub().uploadGoal(upload).getGoalId();
  }

  @AfterAll
  static void stopService() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
    io.close();
  }

  /** One operator request built from the input. */
  @FuzzTest(maxDuration = "60s")
  void operatorRequest(FuzzedDataProvider data) throws Exception {
    FuzzedOperatorRequests requests = new FuzzedOperatorRequests(data, robotId, goalId, validPng);
    int movesBefore = arm.movesStarted();
    ArmState before = arm.read();
    boolean accepted = false;
    try {
      accepted = send(data.consumeInt(0, 8), requests);
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      assertThat(status.getCode()).as("status of a refused call: %s", status).isIn(DEFINED);
      assertThat(status.getDescription()).as("description of %s", status).isNotBlank();
    } finally {
      restoreIdle();
    }
    if (!accepted) {
      assertThat(arm.movesStarted())
          .as("moves after a refused or read-only call")
          .isEqualTo(movesBefore);
      assertThat(pose(arm.read())).as("arm pose").containsExactly(pose(before));
    }
  }

  /** Sends one request; returns whether it may have moved the arm (an accepted StartTask). */
  private static boolean send(int rpc, FuzzedOperatorRequests r) throws Exception {
    ControlGrpc.ControlBlockingStub stub = stub();
    switch (rpc) {
      case 0 -> stub.uploadGoal(UploadGoalRequest.newBuilder().setImage(r.image()).build());
      case 1 -> {
        return startAndCancel(r.startTask());
      }
      case 2 -> stub.cancel(CancelRequest.newBuilder().setTaskId(r.text(80)).build());
      case 3 ->
          stub.emergencyStop(
              EmergencyStopRequest.newBuilder()
                  .setRobotId(r.robotId())
                  .setReason(r.text(200))
                  .build());
      case 4 ->
          stub.resetEmergencyStop(
              ResetEmergencyStopRequest.newBuilder().setRobotId(r.robotId()).build());
      case 5 -> stub.getStatus(GetStatusRequest.newBuilder().setRobotId(r.robotId()).build());
      case 6 -> stub.getServerInfo(GetServerInfoRequest.getDefaultInstance());
      case 7 -> stub.planOnce(r.planOnce());
      default -> stub.energyLandscape(r.energyLandscape());
    }
    return false;
  }

  /** Starts a task; once it has started, cancels the call. Returns whether it started. */
  private static boolean startAndCancel(StartTaskRequest request) {
    try (Context.CancellableContext call = Context.current().withCancellation()) {
      return call.call(() -> {
        Iterator<TaskUpdate> updates = stub().startTask(request);
        while (updates.hasNext()) {
          if (updates.next().hasStarted()) {
            return true;
          }
        }
        return false;
      });
    } catch (StatusRuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Clears a latched emergency stop and waits for a cancelled task to end. */
  private static void restoreIdle() throws InterruptedException {
    stub().resetEmergencyStop(ResetEmergencyStopRequest.getDefaultInstance());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    GetStatusResponse status = stub().getStatus(GetStatusRequest.getDefaultInstance());
    while (status.hasActiveTask()) {
      assertThat(System.nanoTime()).as("the robot idle again").isLessThan(until);
      Thread.sleep(5); // the cancelled loop ends after its current step
      status = stub().getStatus(GetStatusRequest.getDefaultInstance());
    }
    assertThat(arm.moving()).isFalse();
  }

  /** The state without its timestamp. */
  static double[] pose(ArmState s) {
    return new double[] {
      s.xM(), s.yM(), s.zM(), s.rollRad(), s.pitchRad(), s.yawRad(), s.gripperClosedness()
    };
  }

  private static ControlGrpc.ControlBlockingStub stub() {
    return ControlGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }
}
