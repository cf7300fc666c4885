package dev.latentmpc.simharness.bridge;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.proto.bridge.v1.GetFrameRequest;
import dev.latentmpc.proto.bridge.v1.GetFrameResponse;
import dev.latentmpc.proto.bridge.v1.GetInfoRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoResponse;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.GetStateResponse;
import dev.latentmpc.proto.bridge.v1.HeartbeatRequest;
import dev.latentmpc.proto.bridge.v1.HeartbeatResponse;
import dev.latentmpc.proto.bridge.v1.MoveDeltaRequest;
import dev.latentmpc.proto.bridge.v1.MoveDeltaResponse;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.proto.bridge.v1.SetGripperRequest;
import dev.latentmpc.proto.bridge.v1.SetGripperResponse;
import dev.latentmpc.proto.bridge.v1.StopRequest;
import dev.latentmpc.proto.bridge.v1.StopResponse;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The {@code latentmpc.bridge.v1.RobotBridge} service over an {@link ArmIO} and a {@link CameraIO}:
 * maps messages to the seams and domain failures to gRPC statuses, nothing more.
 *
 * <p>Requests are validated before anything moves (INVALID_ARGUMENT naming the field); one motion
 * runs at a time ({@link MotionGate}); {@code Stop} is always accepted. {@code Heartbeat} arms the
 * {@link BridgeWatchdog}, which MoveDelta and SetGripper feed too.
 */
public final class RobotBridgeService extends RobotBridgeGrpc.RobotBridgeImplBase {
  private final ArmIO arm;
  private final CameraIO camera;
  private final BridgeInfo info;
  private final BridgeClock clock;
  private final MotionGate gate;
  private final BridgeWatchdog watchdog;

  /**
   * Creates the service.
   *
   * @param arm the arm to command (not closed by this service)
   * @param camera the camera to read (not closed by this service)
   * @param info static facts and per-call bounds
   * @param clock wall clock and the monotonic clock the arm and camera stamp readings with
   * @param watchdogNanos the monotonic clock the watchdog measures silence on
   */
  public RobotBridgeService(
      ArmIO arm, CameraIO camera, BridgeInfo info, BridgeClock clock, LongSupplier watchdogNanos) {
    this.arm = Objects.requireNonNull(arm, "arm is null");
    this.camera = Objects.requireNonNull(camera, "camera is null");
    this.info = Objects.requireNonNull(info, "info is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.gate = new MotionGate(arm);
    this.watchdog = new BridgeWatchdog(watchdogNanos, gate::stopQuietly);
  }

  /** Returns the watchdog that stops the arm when the controller goes silent. */
  public BridgeWatchdog watchdog() {
    return watchdog;
  }

  @Override
  public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
    Replies.reply(response, () -> BridgeMessages.info(info));
  }

  @Override
  public void getState(GetStateRequest request, StreamObserver<GetStateResponse> response) {
    Replies.reply(
        response,
        () ->
            GetStateResponse.newBuilder()
                .setState(BridgeMessages.state(arm.read(), clock))
                .build());
  }

  @Override
  public void moveDelta(MoveDeltaRequest request, StreamObserver<MoveDeltaResponse> response) {
    Replies.reply(
        response,
        () -> {
          if (!request.hasDelta()) {
            throw RequestChecks.invalid("delta is required");
          }
          watchdog.commandArrived();
          Delta delta = RequestChecks.delta(request.getDelta(), info);
          Duration timeout = RequestChecks.timeout(request.getTimeoutMs());
          return BridgeMessages.moveResult(gate.move(delta, timeout), clock);
        });
  }

  @Override
  public void setGripper(SetGripperRequest request, StreamObserver<SetGripperResponse> response) {
    Replies.reply(
        response,
        () -> {
          watchdog.commandArrived();
          double target = RequestChecks.closedness(request.getGripperClosedness());
          Duration timeout = RequestChecks.timeout(request.getTimeoutMs());
          MoveResult result = gate.moveGripperTo(target, timeout);
          return SetGripperResponse.newBuilder()
              .setReached(BridgeMessages.state(result.reached(), clock))
              .setDurationNanos(result.elapsed().toNanos())
              .build();
        });
  }

  @Override
  public void stop(StopRequest request, StreamObserver<StopResponse> response) {
    Replies.reply(
        response,
        () -> {
          arm.stop();
          ArmState state = arm.read();
          return StopResponse.newBuilder().setState(BridgeMessages.state(state, clock)).build();
        });
  }

  @Override
  public void getFrame(GetFrameRequest request, StreamObserver<GetFrameResponse> response) {
    Replies.reply(
        response,
        () -> {
          CameraFrame frame = camera.latest();
          long ageNanos = clock.nowNanos() - frame.captureTimeNanos();
          return GetFrameResponse.newBuilder()
              .setFrame(FrameEncoder.encode(frame, request.getEncoding(), ageNanos))
              .build();
        });
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
    Replies.reply(
        response,
        () -> {
          Duration armed =
              watchdog.heartbeat(RequestChecks.watchdogTimeout(request.getTimeoutMs()));
          return HeartbeatResponse.newBuilder()
              .setTimeoutMs((int) armed.toMillis())
              .setExpirations(watchdog.expirations())
              .build();
        });
  }

  /** Stops the arm, for a server shutting down; failures are reported, not thrown. */
  void stopArmQuietly() {
    gate.stopQuietly();
  }

  /** A unary handler body that may fail with a status or a domain exception. */
  interface Handler<T> {
    T handle()
        throws StatusException,
            ArmUnavailableException,
            CameraUnavailableException,
            TimeoutException;
  }

  /** Completes a unary call with the handler's value or the status its failure maps to. */
  static final class Replies {
    private Replies() {}

    static <T> void reply(StreamObserver<T> response, Handler<T> handler) {
      T value;
      try {
        value = handler.handle();
      } catch (StatusException e) {
        response.onError(e);
        return;
      } catch (ArmUnavailableException | CameraUnavailableException e) {
        response.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asException());
        return;
      } catch (TimeoutException e) {
        response.onError(Status.DEADLINE_EXCEEDED.withDescription(e.getMessage()).asException());
        return;
      } catch (IllegalArgumentException e) {
        response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException());
        return;
      } catch (IllegalStateException e) {
        response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asException());
        return;
      }
      response.onNext(value);
      response.onCompleted();
    }
  }
}
