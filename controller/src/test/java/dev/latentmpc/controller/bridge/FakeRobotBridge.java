package dev.latentmpc.controller.bridge;

import com.google.protobuf.ByteString;
import dev.latentmpc.proto.bridge.v1.CameraFrame;
import dev.latentmpc.proto.bridge.v1.EndEffectorState;
import dev.latentmpc.proto.bridge.v1.FrameEncoding;
import dev.latentmpc.proto.bridge.v1.GetFrameRequest;
import dev.latentmpc.proto.bridge.v1.GetFrameResponse;
import dev.latentmpc.proto.bridge.v1.GetInfoRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoResponse;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.GetStateResponse;
import dev.latentmpc.proto.bridge.v1.MoveDeltaRequest;
import dev.latentmpc.proto.bridge.v1.MoveDeltaResponse;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.proto.bridge.v1.StateConvention;
import dev.latentmpc.proto.bridge.v1.StopRequest;
import dev.latentmpc.proto.bridge.v1.StopResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted bridge for status-mapping tests: answers with the configured message, fails with the
 * configured status, or never answers ({@link #HANG}); records every call and request.
 */
final class FakeRobotBridge extends RobotBridgeGrpc.RobotBridgeImplBase {
  /** A status meaning "never answer" (the call runs into its deadline). */
  static final Status HANG = Status.fromCode(Status.Code.OK).withDescription("hang");

  /** The state GetState and MoveDelta answer with. */
  static final EndEffectorState STATE =
      EndEffectorState.newBuilder()
          .setXM(0.5)
          .setYM(-0.1)
          .setZM(0.3)
          .setRollRad(3.1)
          .setPitchRad(0.01)
          .setYawRad(-0.2)
          .setGripperClosedness(0.25)
          .setReadTimeUnixNanos(1_700_000_000_000_000_000L)
          .build();

  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<MoveDeltaRequest> moves = new CopyOnWriteArrayList<>();
  final List<GetFrameRequest> frameRequests = new CopyOnWriteArrayList<>();
  volatile Status getStateOutcome;
  volatile Status moveOutcome;
  volatile Status stopOutcome;
  volatile Status frameOutcome;
  volatile Status infoOutcome;
  volatile GetInfoResponse infoResponse =
      GetInfoResponse.newBuilder()
          .setRobotName("fr3-lab")
          .setStateConvention(
              StateConvention.newBuilder()
                  .setFrameName("panda_link8")
                  .setOffsetFromFlangeM(0)
                  .setRotationAboutFlangeZRad(0)
                  .setEuler("extrinsic-xyz")
                  .setGripper("closedness"))
          .build();
  volatile MoveDeltaResponse moveResponse =
      MoveDeltaResponse.newBuilder()
          .setReached(STATE)
          .setClampedByWorkspace(true)
          .setDurationNanos(250_000_000L)
          .build();
  volatile GetFrameResponse frameResponse =
      GetFrameResponse.newBuilder().setFrame(frame(4, 2, 24)).build();

  /** A raw RGB8 frame of the given size whose pixel bytes count 0, 1, 2, ... */
  static CameraFrame frame(int widthPx, int heightPx, int dataBytes) {
    byte[] data = new byte[dataBytes];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    return CameraFrame.newBuilder()
        .setWidthPx(widthPx)
        .setHeightPx(heightPx)
        .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8)
        .setData(ByteString.copyFrom(data))
        .setSequence(7)
        .setCaptureTimeUnixNanos(1_700_000_000_123_000_000L)
        .setAgeNanos(3_000_000L)
        .build();
  }

  @Override
  public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
    calls.add("GetInfo");
    answer(response, infoOutcome, infoResponse);
  }

  @Override
  public void getState(GetStateRequest request, StreamObserver<GetStateResponse> response) {
    calls.add("GetState");
    answer(response, getStateOutcome, GetStateResponse.newBuilder().setState(STATE).build());
  }

  @Override
  public void moveDelta(MoveDeltaRequest request, StreamObserver<MoveDeltaResponse> response) {
    calls.add("MoveDelta");
    moves.add(request);
    answer(response, moveOutcome, moveResponse);
  }

  @Override
  public void stop(StopRequest request, StreamObserver<StopResponse> response) {
    calls.add("Stop");
    answer(response, stopOutcome, StopResponse.newBuilder().setState(STATE).build());
  }

  @Override
  public void getFrame(GetFrameRequest request, StreamObserver<GetFrameResponse> response) {
    calls.add("GetFrame");
    frameRequests.add(request);
    answer(response, frameOutcome, frameResponse);
  }

  private static <T> void answer(StreamObserver<T> response, Status outcome, T value) {
    if (outcome == HANG) {
      return;
    }
    if (outcome != null) {
      response.onError(outcome.asRuntimeException());
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }
}
