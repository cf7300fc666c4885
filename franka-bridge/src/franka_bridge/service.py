"""The latentmpc.bridge.v1.RobotBridge service: messages in, ArmController and camera calls,
messages or gRPC statuses out.

Handlers receive the raw request bytes and parse them here, so that bytes that are not a valid
message get INVALID_ARGUMENT naming the message type and one bounded log line, instead of
grpcio's INTERNAL and a stack trace (`wire` first refuses the stray end tags at which protobuf's
C++ parser would stop and hand back a partial message). Domain failures map to statuses as in the simulated bridge:
INVALID_ARGUMENT (a field out of range, nothing moved), FAILED_PRECONDITION (another motion runs,
or the arm is outside its box), UNAVAILABLE (robot or camera unreachable or in error),
DEADLINE_EXCEEDED (the arm was stopped first), CANCELLED (client cancelled; the arm was stopped).
"""

from __future__ import annotations

import logging
import threading
import time

import grpc
from google.protobuf.message import DecodeError

from franka_bridge import checks, wire
from franka_bridge.arm import ArmController, ArmState, Busy, Cancelled, MotionTimeout, Refused, Unavailable
from franka_bridge.camera import CameraUnavailable
from franka_bridge.config import Config
from franka_bridge.protocol import SERVICE_NAME, pb
from franka_bridge.watchdog import Watchdog

LOG = logging.getLogger(__name__)

_STATUS = {
    checks.InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    Busy: grpc.StatusCode.FAILED_PRECONDITION,
    Refused: grpc.StatusCode.FAILED_PRECONDITION,
    Unavailable: grpc.StatusCode.UNAVAILABLE,
    CameraUnavailable: grpc.StatusCode.UNAVAILABLE,
    MotionTimeout: grpc.StatusCode.DEADLINE_EXCEEDED,
    Cancelled: grpc.StatusCode.CANCELLED,
}


class BadRequestLog:
    """One line per unparseable request, at most `per_second` lines a second; the rest counted."""

    def __init__(self, per_second: int = 10, now=time.monotonic):
        self._per_second = per_second
        self._now = now
        self._lock = threading.Lock()
        self._window = 0.0
        self._lines = 0
        self._suppressed = 0

    def log(self, message_type: str, peer: str, size: int, error: str) -> None:
        with self._lock:
            now = self._now()
            if now - self._window >= 1.0:
                self._window, self._lines = now, 0
            if self._lines >= self._per_second:
                self._suppressed += 1
                return
            self._lines += 1
            suppressed, self._suppressed = self._suppressed, 0
        more = f" ({suppressed} more not logged)" if suppressed else ""
        LOG.warning(
            "rejected an unparseable %s from %s (%d bytes): %s%s",
            message_type,
            peer[:100],
            size,
            error[:200].replace("\n", " "),
            more,
        )


class RobotBridgeService:
    """The RPC handlers; `handler()` gives the grpc generic handler serving them."""

    def __init__(self, config: Config, arm: ArmController, camera, watchdog: Watchdog, simulated: bool, clock):
        self._config = config
        self._arm = arm
        self._camera = camera
        self._watchdog = watchdog
        self._simulated = simulated
        self._clock = clock
        self.bad_requests = BadRequestLog()

    def handler(self) -> grpc.GenericRpcHandler:
        methods = {
            "GetInfo": (pb.GetInfoRequest, self.get_info),
            "GetState": (pb.GetStateRequest, self.get_state),
            "MoveDelta": (pb.MoveDeltaRequest, self.move_delta),
            "SetGripper": (pb.SetGripperRequest, self.set_gripper),
            "Stop": (pb.StopRequest, self.stop),
            "GetFrame": (pb.GetFrameRequest, self.get_frame),
            "Heartbeat": (pb.HeartbeatRequest, self.heartbeat),
        }
        return grpc.method_handlers_generic_handler(
            SERVICE_NAME,
            {name: grpc.unary_unary_rpc_method_handler(self._raw(cls, fn)) for name, (cls, fn) in methods.items()},
        )

    # -- RPCs ------------------------------------------------------------------------------

    def get_info(self, request, context):
        c = self._config
        s, st = c.safety, c.state
        return pb.GetInfoResponse(
            robot_name=c.robot.name,
            simulated=self._simulated,
            camera_width_px=self._camera.width,
            camera_height_px=self._camera.height,
            workspace=pb.WorkspaceBox(
                min_x_m=s.workspace_min_m[0],
                max_x_m=s.workspace_max_m[0],
                min_y_m=s.workspace_min_m[1],
                max_y_m=s.workspace_max_m[1],
                min_z_m=s.workspace_min_m[2],
                max_z_m=s.workspace_max_m[2],
            ),
            max_translation_delta_m=s.max_translation_delta_m,
            max_rotation_delta_rad=s.max_rotation_delta_rad,
            gripper_max_opening_m=self._arm.gripper_max_opening_m,
            description=c.robot.description or f"franka-bridge, {c.robot.driver} driver",
            state_convention=pb.StateConvention(
                frame_name=st.frame_name,
                offset_from_flange_m=st.offset_from_flange_m,
                rotation_about_flange_z_rad=st.rotation_about_flange_z_rad,
                euler="extrinsic-xyz",
                gripper="closedness",
            ),
        )

    def get_state(self, request, context):
        return pb.GetStateResponse(state=_state(self._arm.read_state()))

    def move_delta(self, request, context):
        if not request.HasField("delta"):
            raise checks.InvalidArgument("delta is required")
        self._watchdog.command_arrived()
        s = self._config.safety
        delta = checks.delta(request.delta, s.max_translation_delta_m, s.max_rotation_delta_rad)
        timeout_s = _bounded(checks.timeout_ms(request.timeout_ms), context)
        out = self._arm.move_delta(delta, timeout_s, lambda: not context.is_active())
        return pb.MoveDeltaResponse(
            reached=_state(out.reached),
            clamped_by_workspace=out.clamped_by_workspace,
            clamped_by_table=out.clamped_by_table,
            duration_nanos=out.duration_ns,
        )

    def set_gripper(self, request, context):
        self._watchdog.command_arrived()
        target = checks.closedness(request.gripper_closedness)
        timeout_s = _bounded(checks.timeout_ms(request.timeout_ms), context)
        out = self._arm.set_gripper(target, timeout_s, lambda: not context.is_active())
        return pb.SetGripperResponse(reached=_state(out.reached), duration_nanos=out.duration_ns)

    def stop(self, request, context):
        return pb.StopResponse(state=_state(self._arm.stop()))

    def get_frame(self, request, context):
        frame = self._camera.latest()
        png = request.encoding == pb.FRAME_ENCODING_PNG
        data = self._camera.encode_png(frame) if png else frame.rgb
        return pb.GetFrameResponse(
            frame=pb.CameraFrame(
                width_px=frame.width,
                height_px=frame.height,
                encoding=pb.FRAME_ENCODING_PNG if png else pb.FRAME_ENCODING_RGB8,
                data=data,
                sequence=frame.sequence,
                capture_time_unix_nanos=frame.capture_wall_ns,
                age_nanos=max(0, time.monotonic_ns() - frame.capture_mono_ns),
            )
        )

    def heartbeat(self, request, context):
        armed = self._watchdog.heartbeat(checks.watchdog_timeout_ms(request.timeout_ms))
        return pb.HeartbeatResponse(timeout_ms=armed, expirations=self._watchdog.expirations)

    # -- plumbing --------------------------------------------------------------------------

    def _raw(self, request_cls, fn):
        type_name = request_cls.DESCRIPTOR.full_name

        def behavior(raw: bytes, context):
            try:
                stray = wire.stray_end_tag(raw)
                if stray:
                    raise DecodeError(stray)
                request = request_cls.FromString(raw)
            except (DecodeError, RuntimeError, ValueError) as e:
                self.bad_requests.log(type_name, context.peer(), len(raw), str(e) or type(e).__name__)
                context.abort(
                    grpc.StatusCode.INVALID_ARGUMENT,
                    f"the request is not a valid {type_name} message: {str(e)[:200] or type(e).__name__}",
                )
            code, message = None, ""
            try:
                return fn(request, context).SerializeToString()
            except tuple(_STATUS) as e:
                code = next(c for cls, c in _STATUS.items() if isinstance(e, cls))
                message = str(e)
            except Exception as e:  # noqa: BLE001 - a bug: INTERNAL with the reason, logged once
                LOG.exception("%s failed", type_name)
                code, message = grpc.StatusCode.INTERNAL, f"internal error in the bridge: {e}"
            context.abort(code, message)

        return behavior


def _bounded(timeout_ms: int, context) -> float:
    """The request's timeout, shortened to the call's gRPC deadline when that comes first."""
    timeout_s = timeout_ms / 1000.0
    remaining = context.time_remaining()
    if remaining is not None:
        timeout_s = min(timeout_s, max(0.000001, remaining))
    return timeout_s


def _state(s: ArmState):
    return pb.EndEffectorState(
        x_m=s.x,
        y_m=s.y,
        z_m=s.z,
        roll_rad=s.roll,
        pitch_rad=s.pitch,
        yaw_rad=s.yaw,
        gripper_closedness=s.closedness,
        read_time_unix_nanos=s.read_time_unix_ns,
    )
