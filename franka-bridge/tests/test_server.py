"""The bridge over real gRPC on loopback, kinematic driver: each RPC's semantics."""

from __future__ import annotations

import logging
import math
import time

import grpc
import pytest
from conftest import FakeNanos, delta, load_example

from franka_bridge.arm import Clock
from franka_bridge.drivers.kinematic import KinematicDriver
from franka_bridge.protocol import pb

INVALID = grpc.StatusCode.INVALID_ARGUMENT


def kinematic(**sections):
    return load_example("kinematic.example.toml", **sections)


def slow(**extra):
    """A kinematic arm at 5 cm/s, so that motions last long enough to interrupt."""
    return kinematic(**{"driver.kinematic": {"max_speed_mps": 0.05, **extra}})


def position(state) -> tuple[float, float, float]:
    return (state.x_m, state.y_m, state.z_m)


def test_get_info_reports_box_bounds_gripper_and_convention(start_bridge):
    info = start_bridge(kinematic()).stub.GetInfo(pb.GetInfoRequest())
    assert info.robot_name == "franka-panda-kinematic"
    assert info.simulated is True
    assert (info.workspace.min_x_m, info.workspace.max_x_m) == (0.25, 0.80)
    assert (info.workspace.min_z_m, info.workspace.max_z_m) == (0.01, 0.70)
    assert info.max_translation_delta_m == 0.25
    assert info.max_rotation_delta_rad == pytest.approx(math.pi / 4)
    assert info.gripper_max_opening_m == 0.08
    assert (info.camera_width_px, info.camera_height_px) == (0, 0)
    c = info.state_convention
    assert (c.frame_name, c.offset_from_flange_m) == ("franka_hand_tcp", 0.1034)
    assert c.rotation_about_flange_z_rad == pytest.approx(-math.pi / 4)
    assert (c.euler, c.gripper) == ("extrinsic-xyz", "closedness")


def test_get_state_reports_the_start_pose_with_a_wall_clock_time(start_bridge):
    before = time.time_ns()
    s = start_bridge(kinematic()).state()
    assert position(s) == pytest.approx((0.45, 0.0, 0.30))
    assert abs(s.roll_rad) == pytest.approx(math.pi)
    assert (s.pitch_rad, s.yaw_rad, s.gripper_closedness) == (0.0, 0.0, 0.0)
    assert before <= s.read_time_unix_nanos <= time.time_ns()


def test_move_delta_applies_the_delta_in_the_base_frame(start_bridge):
    bridge = start_bridge(kinematic())
    r = bridge.stub.MoveDelta(
        pb.MoveDeltaRequest(delta=delta(dx_m=0.05, dz_m=-0.02, dyaw_rad=0.2, dgripper=0.4), timeout_ms=5000)
    )
    assert position(r.reached) == pytest.approx((0.50, 0.0, 0.28))
    assert r.reached.yaw_rad == pytest.approx(0.2)
    assert r.reached.gripper_closedness == pytest.approx(0.4)
    assert not r.clamped_by_workspace and not r.clamped_by_table
    # 5.4 cm at 0.25 m/s; 0.032 m of finger travel at 0.1 m/s takes longest: ~0.32 s.
    assert 0.25e9 < r.duration_nanos < 2e9
    assert position(bridge.state()) == pytest.approx((0.50, 0.0, 0.28))


def test_targets_are_clamped_into_the_box_and_above_the_table(start_bridge):
    bridge = start_bridge(kinematic(**{"driver.kinematic": {"start_pose": [0.78, 0.0, 0.05, math.pi, 0, 0]}}))
    r = bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.1), timeout_ms=5000))
    assert r.clamped_by_workspace and r.reached.x_m == pytest.approx(0.80)
    # The reported point is the TCP and the guard keeps it at the table (margin 0 in the example);
    # the box's floor (0.01) lies above the table, so the box clamps first.
    r = bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dz_m=-0.1), timeout_ms=5000))
    assert r.clamped_by_workspace and r.reached.z_m == pytest.approx(0.01)


def test_the_table_guard_lifts_a_target_whose_fingertips_would_go_through_the_table(start_bridge):
    cfg = kinematic(safety={"workspace_min_m": [0.25, -0.4, -0.2], "table_margin_m": 0.02})
    bridge = start_bridge(cfg)
    r = bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dz_m=-0.25), timeout_ms=5000))
    r = bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dz_m=-0.1), timeout_ms=5000))
    assert r.clamped_by_table and not r.clamped_by_workspace
    assert r.reached.z_m == pytest.approx(0.02)


@pytest.mark.parametrize(
    ("request_delta", "timeout_ms", "message"),
    [
        (delta(dx_m=0.3), 1000, "delta.dx_m = 0.3 m exceeds the per-call bound of ±0.25 m"),
        (delta(dyaw_rad=-1.0), 1000, "delta.dyaw_rad = -1.0 rad exceeds the per-call bound of ±0.7853981633974483 rad"),
        (delta(dgripper=1.5), 1000, "delta.dgripper = 1.5 exceeds the per-call bound of ±1.0"),
        (delta(dy_m=math.nan), 1000, "delta.dy_m must be a finite number, got NaN"),
        (delta(droll_rad=math.inf), 1000, "delta.droll_rad must be a finite number, got Infinity"),
        (delta(dz_m=1e-9, dx_m=2e9), 1000, "delta.dx_m = 2.0E9 m exceeds the per-call bound of ±0.25 m"),
        (delta(dx_m=0.01), 0, "timeout_ms must be in [1, 60000], got 0"),
        (delta(dx_m=0.01), 60001, "timeout_ms must be in [1, 60000], got 60001"),
        (None, 1000, "delta is required"),
    ],
)
def test_bad_move_requests_name_the_field_and_move_nothing(start_bridge, request_delta, timeout_ms, message):
    bridge = start_bridge(kinematic())
    before = bridge.state()
    request = pb.MoveDeltaRequest(timeout_ms=timeout_ms)
    if request_delta is not None:
        request.delta.CopyFrom(request_delta)
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(request)
    assert (e.value.code(), e.value.details()) == (INVALID, message)
    after = bridge.state()
    assert position(after) == position(before) and after.gripper_closedness == before.gripper_closedness


@pytest.mark.parametrize(
    ("closedness", "timeout_ms", "message"),
    [
        (1.5, 1000, "gripper_closedness must be in [0, 1], got 1.5"),
        (-0.1, 1000, "gripper_closedness must be in [0, 1], got -0.1"),
        (math.nan, 1000, "gripper_closedness must be in [0, 1], got NaN"),
        (0.5, 0, "timeout_ms must be in [1, 60000], got 0"),
    ],
)
def test_bad_gripper_requests_name_the_field(start_bridge, closedness, timeout_ms, message):
    bridge = start_bridge(kinematic())
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.SetGripper(pb.SetGripperRequest(gripper_closedness=closedness, timeout_ms=timeout_ms))
    assert (e.value.code(), e.value.details()) == (INVALID, message)
    assert bridge.state().gripper_closedness == 0.0


def test_set_gripper_moves_to_an_absolute_closedness_and_holds_the_pose(start_bridge):
    bridge = start_bridge(kinematic())
    r = bridge.stub.SetGripper(pb.SetGripperRequest(gripper_closedness=0.75, timeout_ms=5000))
    assert r.reached.gripper_closedness == pytest.approx(0.75)
    assert position(r.reached) == pytest.approx((0.45, 0.0, 0.30))
    assert r.duration_nanos > 0.5e9  # 6 cm of finger travel at 0.1 m/s


class Timed:
    """A bridge whose kinematic arm, motion deadlines and watchdog run on one test clock."""

    def __init__(self, start_bridge, config):
        self.clock = FakeNanos()
        self.driver = KinematicDriver(config.kinematic, config.state, now_ns=self.clock)
        self.bridge = start_bridge(config, driver=self.driver, clock=_ArmClock(self.clock), watchdog_now_ns=self.clock)
        self.stub = self.bridge.stub

    def move(self, timeout_ms: int = 5000, **d):
        """Starts a MoveDelta and returns once the arm is moving (no time passes meanwhile)."""
        future = self.stub.MoveDelta.future(pb.MoveDeltaRequest(delta=delta(**d), timeout_ms=timeout_ms))
        wait_until(lambda: self.driver._arm is not None or future.done())
        return future

    def advance_ms(self, ms: float) -> None:
        self.clock.advance_ms(ms)


class _ArmClock(Clock):
    def __init__(self, nanos):
        self._nanos = nanos

    def monotonic_ns(self) -> int:
        return self._nanos()


def wait_until(condition, timeout_s: float = 5.0) -> None:
    """Waits for another thread to reach a state (not for time to pass: clocks are fake)."""
    end = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < end, "the bridge did not reach the expected state"
        time.sleep(0.002)


def test_a_second_motion_while_one_runs_is_refused(start_bridge):
    t = Timed(start_bridge, slow())
    first = t.move(dx_m=0.05)
    with pytest.raises(grpc.RpcError) as e:
        t.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dy_m=0.01), timeout_ms=5000))
    assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert e.value.details() == "another motion is in progress; wait for it or call Stop"
    with pytest.raises(grpc.RpcError) as e:
        t.stub.SetGripper(pb.SetGripperRequest(gripper_closedness=1.0, timeout_ms=5000))
    assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    t.advance_ms(1000)  # 5 cm at 5 cm/s
    assert first.result().reached.x_m == pytest.approx(0.50)


def test_stop_during_a_move_ends_it_where_the_arm_is(start_bridge):
    t = Timed(start_bridge, slow())
    move = t.move(dx_m=0.05)
    t.advance_ms(300)
    stopped = t.stub.Stop(pb.StopRequest()).state
    assert stopped.x_m == pytest.approx(0.465, abs=1e-9)
    assert move.result().reached.x_m == pytest.approx(0.465, abs=1e-9)
    t.advance_ms(1000)
    assert t.bridge.state().x_m == pytest.approx(0.465, abs=1e-9)


def test_stop_is_accepted_when_nothing_moves(start_bridge):
    bridge = start_bridge(kinematic())
    assert position(bridge.stub.Stop(pb.StopRequest()).state) == pytest.approx((0.45, 0.0, 0.30))


def test_timeout_stops_the_arm_before_deadline_exceeded(start_bridge):
    t = Timed(start_bridge, slow())
    move = t.move(dx_m=0.05, timeout_ms=200)
    t.advance_ms(150)
    t.advance_ms(60)
    with pytest.raises(grpc.RpcError) as e:
        move.result()
    assert e.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert e.value.details() == "the motion did not finish within 200 ms; the arm was stopped"
    assert t.bridge.state().x_m == pytest.approx(0.4605, abs=1e-9)  # stopped at 210 ms
    t.advance_ms(1000)
    assert t.bridge.state().x_m == pytest.approx(0.4605, abs=1e-9)


def test_a_shorter_call_deadline_wins_and_stops_the_arm(start_bridge):
    # gRPC deadlines are wall-clock time, so this one runs in real time.
    bridge = start_bridge(slow())
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=5000), timeout=0.3)
    assert e.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    wait_until(lambda: bridge.server.driver._arm is None)
    x = bridge.state().x_m
    assert x < 0.48
    time.sleep(0.1)
    assert bridge.state().x_m == x


def test_client_cancel_stops_the_arm(start_bridge):
    t = Timed(start_bridge, slow())
    move = t.move(dx_m=0.05)
    t.advance_ms(200)
    move.cancel()
    wait_until(lambda: t.driver._arm is None)
    t.advance_ms(1000)
    assert t.bridge.state().x_m == pytest.approx(0.46, abs=1e-9)
    # The gate is free again.
    r = t.stub.MoveDelta.future(pb.MoveDeltaRequest(delta=delta(dx_m=0.001), timeout_ms=5000))
    wait_until(lambda: t.driver._arm is not None)
    t.advance_ms(100)
    assert r.result().reached.x_m == pytest.approx(0.461, abs=1e-9)


def test_the_watchdog_stops_a_running_move_when_the_controller_goes_silent(start_bridge):
    t = Timed(start_bridge, slow())
    armed = t.stub.Heartbeat(pb.HeartbeatRequest(timeout_ms=500))
    assert (armed.timeout_ms, armed.expirations) == (500, 0)
    t.advance_ms(100)
    move = t.move(dx_m=0.05)  # MoveDelta feeds the watchdog: silence counts from here
    t.advance_ms(500)
    time.sleep(0.05)  # several watchdog checks: silence equal to the timeout is not yet expiry
    assert not move.done()
    t.advance_ms(1)
    reached = move.result(timeout=2).reached
    assert reached.x_m == pytest.approx(0.45 + 0.05 * 0.501, abs=1e-9)
    after = t.stub.Heartbeat(pb.HeartbeatRequest(timeout_ms=0))
    assert (after.timeout_ms, after.expirations) == (0, 1)


def test_heartbeat_checks_its_timeout(start_bridge):
    bridge = start_bridge(kinematic())
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.Heartbeat(pb.HeartbeatRequest(timeout_ms=60001))
    assert (e.value.code(), e.value.details()) == (
        INVALID,
        "timeout_ms must be in [0, 60000] (0 disarms the watchdog), got 60001",
    )


def test_get_frame_without_a_camera_names_the_service_side_option(start_bridge):
    with pytest.raises(grpc.RpcError) as e:
        start_bridge(kinematic()).stub.GetFrame(pb.GetFrameRequest())
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "camera.source: opencv" in e.value.details()


REQUESTS = ["GetInfo", "GetState", "MoveDelta", "SetGripper", "Stop", "GetFrame", "Heartbeat"]


@pytest.mark.parametrize("method", REQUESTS)
@pytest.mark.parametrize("payload", [b"\xff\xff\xff\xff", b"\x0a\x05\x01", b"\x08\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01"])
def test_unparseable_bytes_get_invalid_argument_naming_the_type(start_bridge, caplog, method, payload):
    bridge = start_bridge(kinematic())
    before = bridge.state()
    with caplog.at_level(logging.WARNING, logger="franka_bridge.service"):
        with pytest.raises(grpc.RpcError) as e:
            bridge.raw(method)(payload)
    assert e.value.code() == INVALID
    assert e.value.details().startswith(f"the request is not a valid latentmpc.bridge.v1.{method}Request message")
    lines = [r for r in caplog.records if r.name == "franka_bridge.service"]
    assert len(lines) == 1 and lines[0].exc_info is None
    assert f"latentmpc.bridge.v1.{method}Request" in lines[0].getMessage()
    assert len(lines[0].getMessage()) < 400
    assert position(bridge.state()) == position(before)


@pytest.mark.parametrize("tail", [b"\x54", b"\x00\x0c"])
def test_a_valid_move_followed_by_a_stray_end_tag_is_refused_and_moves_nothing(start_bridge, tail):
    # protobuf's C++ parser stops at such a tag and hands back the move parsed so far.
    bridge = start_bridge(kinematic())
    before = bridge.state()
    move = pb.MoveDeltaRequest(delta=pb.EndEffectorDelta(dx_m=0.01), timeout_ms=1000)
    with pytest.raises(grpc.RpcError) as e:
        bridge.raw("MoveDelta")(move.SerializeToString() + tail)
    assert e.value.code() == INVALID
    assert e.value.details().startswith(
        "the request is not a valid latentmpc.bridge.v1.MoveDeltaRequest message: "
    )
    assert position(bridge.state()) == position(before)


def test_a_flood_of_unparseable_bytes_is_logged_at_a_bounded_rate(start_bridge, caplog):
    bridge = start_bridge(kinematic())
    with caplog.at_level(logging.WARNING, logger="franka_bridge.service"):
        for _ in range(50):
            with pytest.raises(grpc.RpcError):
                bridge.raw("MoveDelta")(b"\xff\xff")
    lines = [r for r in caplog.records if r.name == "franka_bridge.service"]
    assert 10 <= len(lines) <= 20  # 10 a second; the test takes well under two seconds


def test_unknown_fields_are_ignored_like_any_protobuf_reader(start_bridge):
    bridge = start_bridge(kinematic())
    # GetStateRequest with an unknown varint field 5 = 1: valid wire format.
    reply = pb.GetStateResponse.FromString(bridge.raw("GetState")(b"\x28\x01"))
    assert reply.state.x_m == pytest.approx(0.45)


def test_reads_during_a_move_follow_the_arm(start_bridge):
    t = Timed(start_bridge, slow())
    move = t.move(dx_m=0.03)
    xs = []
    for _ in range(4):
        xs.append(t.bridge.state().x_m)
        t.advance_ms(100)
    assert xs == pytest.approx([0.45, 0.455, 0.46, 0.465], abs=1e-9)
    t.advance_ms(300)
    assert move.result().reached.x_m == pytest.approx(0.48)


def test_shutdown_stops_a_running_move(start_bridge):
    t = Timed(start_bridge, slow())
    t.move(dx_m=0.05)
    t.advance_ms(200)
    t.bridge.server.stop(grace_s=2.0)
    t.advance_ms(1000)
    assert t.driver.read().pose.t[0] == pytest.approx(0.46, abs=1e-9)
