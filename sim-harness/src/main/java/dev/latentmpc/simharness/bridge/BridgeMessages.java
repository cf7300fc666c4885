package dev.latentmpc.simharness.bridge;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.proto.bridge.v1.EndEffectorState;
import dev.latentmpc.proto.bridge.v1.GetInfoResponse;
import dev.latentmpc.proto.bridge.v1.MoveDeltaResponse;
import dev.latentmpc.proto.bridge.v1.StateConvention;
import dev.latentmpc.proto.bridge.v1.WorkspaceBox;

/** Domain → protobuf conversions of the bridge service (requests are checked in RequestChecks). */
final class BridgeMessages {
  private BridgeMessages() {}

  /** The 7-D state with its wall-clock read time. */
  static EndEffectorState state(ArmState s, BridgeClock clock) {
    return EndEffectorState.newBuilder()
        .setXM(s.xM())
        .setYM(s.yM())
        .setZM(s.zM())
        .setRollRad(s.rollRad())
        .setPitchRad(s.pitchRad())
        .setYawRad(s.yawRad())
        .setGripperClosedness(s.gripperClosedness())
        .setReadTimeUnixNanos(clock.toUnixNanos(s.timestampNanos()))
        .build();
  }

  /** The reached state, clamp flags and duration of a move. */
  static MoveDeltaResponse moveResult(MoveResult r, BridgeClock clock) {
    return MoveDeltaResponse.newBuilder()
        .setReached(state(r.reached(), clock))
        .setClampedByWorkspace(r.clampedByWorkspace())
        .setClampedByTable(r.clampedByTable())
        .setDurationNanos(r.elapsed().toNanos())
        .build();
  }

  /** The static facts of {@code GetInfo}, the state convention among them. */
  static GetInfoResponse info(BridgeInfo info) {
    BridgeInfo.Workspace w = info.workspace();
    return GetInfoResponse.newBuilder()
        .setRobotName(info.robotName())
        .setSimulated(info.simulated())
        .setCameraWidthPx(info.cameraWidthPx())
        .setCameraHeightPx(info.cameraHeightPx())
        .setWorkspace(
            WorkspaceBox.newBuilder()
                .setMinXM(w.minXM())
                .setMaxXM(w.maxXM())
                .setMinYM(w.minYM())
                .setMaxYM(w.maxYM())
                .setMinZM(w.minZM())
                .setMaxZM(w.maxZM()))
        .setMaxTranslationDeltaM(info.maxTranslationDeltaM())
        .setMaxRotationDeltaRad(info.maxRotationDeltaRad())
        .setGripperMaxOpeningM(info.gripperMaxOpeningM())
        .setDescription(info.description())
        .setStateConvention(convention(info.stateConvention()))
        .build();
  }

  private static StateConvention convention(dev.latentmpc.worldmodel.StateConvention c) {
    return StateConvention.newBuilder()
        .setFrameName(c.frameName())
        .setOffsetFromFlangeM(c.offsetFromFlangeM())
        .setRotationAboutFlangeZRad(c.rotationAboutFlangeZRad())
        .setEuler(c.euler())
        .setGripper(c.gripper())
        .build();
  }
}
