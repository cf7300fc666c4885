"""The franky driver against the recording franky double: exact library call sequences.

Expected poses are computed here with scipy, independently of the bridge's pose.py.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import grpc
import numpy as np
import pytest
from conftest import DOUBLES, DoubleClock, FakeNanos, delta, double_fixtures, load_example
from scipy.spatial.transform import Rotation

from franka_bridge.drivers.base import RobotError
from franka_bridge.protocol import pb

franky = pytest.importorskip("franky")
from franky import testing  # noqa: E402

assert Path(franky.__file__).is_relative_to(DOUBLES), "tests must run against the double"

TCP = {"frame_name": "franka_hand_tcp", "offset_from_flange_m": 0.1034, "rotation_about_flange_z_rad": -math.pi / 4}
FLANGE = {"frame_name": "panda_link8", "offset_from_flange_m": 0.0, "rotation_about_flange_z_rad": 0.0}
F_T_TCP = np.eye(4)
F_T_TCP[:3, :3] = Rotation.from_euler("z", -math.pi / 4).as_matrix()
F_T_TCP[2, 3] = 0.1034


def config(state=TCP, factor=0.1, **sections):
    if state is FLANGE:  # the flange is ~0.1 m above the TCP: a box for the flange
        sections.setdefault("safety", {"workspace_min_m": [0.3, -0.3, 0.12], "workspace_max_m": [0.7, 0.3, 0.7]})
    return load_example("franky.example.toml", state=state,
                        **{"driver.franky": {"relative_dynamics_factor": factor}}, **sections)


fake, real = double_fixtures(testing)


def moves(kind):
    return [c for c in testing.LOG.calls() if c.name == "Robot.move" and type(c.args[0]).__name__ == kind]


def test_connecting_reads_and_checks_but_never_moves(start_bridge, fake):
    start_bridge(config())
    calls = testing.LOG.calls()
    assert [c.name for c in calls] == ["Robot", "Robot.state", "Gripper", "Gripper.max_width", "Robot.has_errors"]
    assert calls[0].args == ("172.16.0.2",)
    assert calls[0].kwargs == {"relative_dynamics_factor": 0.1, "realtime_config": franky.RealtimeConfig.Enforce}


def test_a_desk_end_effector_other_than_the_configured_one_refuses_to_start(start_bridge, fake):
    testing.world().f_t_ee = np.eye(4)  # Desk set to "no end effector": O_T_EE is the flange
    with pytest.raises(RobotError, match=r"F_T_EE = translation \(0.0000, 0.0000, 0.0000\) m.*Franka Hand in Desk"):
        start_bridge(config())
    assert moves("CartesianMotion") == []


def test_state_is_converted_from_the_desk_tcp_to_the_flange(start_bridge, fake):
    bridge = start_bridge(config(state=FLANGE))
    flange = testing.world().o_t_ee @ np.linalg.inv(F_T_TCP)
    s = bridge.state()
    assert (s.x_m, s.y_m, s.z_m) == pytest.approx(tuple(flange[:3, 3]), abs=1e-9)
    euler = Rotation.from_matrix(flange[:3, :3]).as_euler("xyz")
    assert Rotation.from_euler("xyz", [s.roll_rad, s.pitch_rad, s.yaw_rad]).as_matrix() == pytest.approx(
        Rotation.from_euler("xyz", euler).as_matrix(), abs=1e-9)
    assert s.gripper_closedness == 0.0


def test_move_delta_sends_one_absolute_target_computed_in_the_base_frame(start_bridge, fake):
    bridge = start_bridge(config(state=FLANGE))
    flange = testing.world().o_t_ee @ np.linalg.inv(F_T_TCP)
    d = dict(dx_m=0.02, dy_m=-0.01, dz_m=0.03, droll_rad=0.1, dpitch_rad=-0.05, dyaw_rad=0.2)
    testing.LOG.clear()
    r = bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(**d), timeout_ms=5000))

    target = np.eye(4)
    target[:3, 3] = flange[:3, 3] + [d["dx_m"], d["dy_m"], d["dz_m"]]
    target[:3, :3] = Rotation.from_euler("xyz", [d["droll_rad"], d["dpitch_rad"], d["dyaw_rad"]]).as_matrix() @ flange[:3, :3]
    native = target @ F_T_TCP
    (call,) = moves("CartesianMotion")
    sent = call.args[0]
    assert call.kwargs == {"asynchronous": True}
    assert sent.reference_type == franky.ReferenceType.Absolute
    assert sent.target.pose.end_effector_pose.matrix == pytest.approx(native, abs=1e-9)
    assert testing.LOG.names() == [
        "Robot.current_pose", "Gripper.width",          # read
        "Robot.move", "Robot.join_motion",              # start, then wait in slices
        "Robot.current_pose", "Gripper.width",          # reached state
    ]
    assert (r.reached.x_m, r.reached.y_m, r.reached.z_m) == pytest.approx(tuple(target[:3, 3]), abs=1e-9)


def test_the_timeout_stops_the_arm_before_deadline_exceeded_is_sent(start_bridge, fake):
    bridge = start_bridge(config(factor=0.01), interceptor_log=testing.LOG, clock=DoubleClock(fake))
    testing.LOG.clear()
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=100))
    assert e.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    names = testing.LOG.names()
    assert names == [
        "Robot.current_pose", "Gripper.width",
        "Robot.move", "Robot.join_motion",                      # the motion, waited for 100 ms
        "Robot.move", "Robot.join_motion",                      # CartesianStopMotion, joined
        "reply MoveDelta StatusCode.DEADLINE_EXCEEDED",
    ]
    assert len(moves("CartesianStopMotion")) == 1
    stop_join = [c for c in testing.LOG.calls() if c.name == "Robot.join_motion"][-1]
    assert stop_join.kwargs == {"timeout": 1.0}


def test_a_stop_motion_that_does_not_end_escalates_to_robot_stop(start_bridge, fake, monkeypatch):
    bridge = start_bridge(config(factor=0.01), interceptor_log=testing.LOG, clock=DoubleClock(fake))
    monkeypatch.setattr(franky, "STOP_HOLD_S", 5.0)  # a stop motion that takes longer than 1 s
    testing.LOG.clear()
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=100))
    assert e.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    names = testing.LOG.names()
    assert names[-5:] == ["Robot.move", "Robot.join_motion", "Robot.stop", "Robot.join_motion",
                          "reply MoveDelta StatusCode.DEADLINE_EXCEEDED"]


def test_client_cancel_sends_the_stop_motion(start_bridge, real):
    bridge = start_bridge(config(factor=0.01))
    move = bridge.stub.MoveDelta.future(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=5000))
    _wait_for(lambda: moves("CartesianMotion"))  # the 5 cm move takes 1.7 s at this factor
    assert moves("CartesianStopMotion") == []
    move.cancel()
    _wait_for(lambda: moves("CartesianStopMotion"))
    names = testing.LOG.names()
    assert names.index("Robot.move") < len(names) - 1
    assert [type(c.args[0]).__name__ for c in testing.LOG.calls() if c.name == "Robot.move"] == [
        "CartesianMotion", "CartesianStopMotion"]


def test_watchdog_expiry_sends_the_stop_motion_while_a_move_runs(start_bridge, real):
    watchdog_clock = FakeNanos()
    bridge = start_bridge(config(factor=0.01), interceptor_log=testing.LOG, watchdog_now_ns=watchdog_clock)
    bridge.stub.Heartbeat(pb.HeartbeatRequest(timeout_ms=1000))
    move = bridge.stub.MoveDelta.future(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=5000))
    _wait_for(lambda: moves("CartesianMotion"))  # the 5 cm move takes 1.7 s at this factor
    watchdog_clock.advance_ms(1001)
    move.result(timeout=3)
    names = [c.name if c.name != "Robot.move" else type(c.args[0]).__name__ for c in testing.LOG.calls()]
    assert names.index("CartesianStopMotion") < names.index("reply MoveDelta OK")
    assert bridge.stub.Heartbeat(pb.HeartbeatRequest(timeout_ms=0)).expirations == 1


def test_a_reflex_latches_until_recovery(start_bridge, fake):
    bridge = start_bridge(config(), clock=DoubleClock(fake))
    testing.fail_next_motion_after(0.05, "cartesian_reflex")
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=5000))
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "ControlException" in e.value.details() and "cartesian_reflex" in e.value.details()
    assert "franka-bridge recover" in e.value.details()
    testing.LOG.clear()
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.01), timeout_ms=5000))
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE
    assert e.value.details().startswith("the robot is in error: ControlException")
    assert testing.LOG.names() == []  # refused before touching the robot
    bridge.state()  # reads still work
    assert bridge.server.status().startswith("fault: ControlException")
    assert bridge.server.recover().startswith("ok: recovered from: ControlException")
    assert "Robot.recover_from_errors" in testing.LOG.names()
    r = bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.01), timeout_ms=5000))
    assert r.reached.x_m > 0.3


def test_errors_reported_at_start_up_refuse_motion_until_recovery(start_bridge, fake):
    testing.world().errors = ("joint_reflex",)
    bridge = start_bridge(config())
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.01), timeout_ms=5000))
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE
    assert 'the robot reports an error at start-up: ["joint_reflex"]' in e.value.details()
    assert moves("CartesianMotion") == []
    bridge.server.recover()
    bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.01), timeout_ms=5000))


def test_closing_grasps_whatever_is_between_the_fingers(start_bridge, fake):
    bridge = start_bridge(config(), clock=DoubleClock(fake))
    testing.world().gripper.object_width = 0.03
    testing.LOG.clear()
    r = bridge.stub.SetGripper(pb.SetGripperRequest(gripper_closedness=1.0, timeout_ms=5000))
    (grasp,) = [c for c in testing.LOG.calls() if c.name == "Gripper.grasp_async"]
    assert grasp.args == (0.0, 0.05, 20.0)
    assert grasp.kwargs == {"epsilon_inner": 0.001, "epsilon_outer": 0.08}
    assert r.reached.gripper_closedness == pytest.approx(1 - 0.03 / 0.08)
    assert testing.LOG.names() == [
        "Robot.current_pose", "Gripper.width", "Gripper.grasp_async", "BoolFuture.wait", "BoolFuture.get",
        "Robot.current_pose", "Gripper.width",
    ]
    testing.LOG.clear()
    bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dgripper=-1.0), timeout_ms=5000))
    (opening,) = [c for c in testing.LOG.calls() if c.name == "Gripper.move_async"]
    assert opening.args == (pytest.approx(0.08), 0.05)


def test_a_gripper_timeout_stops_the_fingers(start_bridge, fake):
    bridge = start_bridge(config(), interceptor_log=testing.LOG, clock=DoubleClock(fake))
    testing.LOG.clear()
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.SetGripper(pb.SetGripperRequest(gripper_closedness=1.0, timeout_ms=100))
    assert e.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert testing.LOG.names()[-2:] == ["Gripper.stop", "reply SetGripper StatusCode.DEADLINE_EXCEEDED"]
    assert 0.07 < testing.world().gripper.width < 0.08


def test_an_arm_outside_its_box_is_not_pulled_back_by_clamping(start_bridge, fake):
    testing.world().o_t_ee[0, 3] = 0.90  # someone guided the arm out of the box
    bridge = start_bridge(config())
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=-0.01), timeout_ms=5000))
    assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "outside the workspace box (x = 0.900 m, box [0.3, 0.7] m)" in e.value.details()
    assert moves("CartesianMotion") == []


def test_franky_relative_motions_compose_in_the_end_effector_frame_so_the_bridge_sends_absolute(fake):
    """Why the driver never uses ReferenceType.Relative: with the hand pointing down, the
    end-effector y axis is the base's −y, so a 'relative +y' moves the hand towards base −y."""
    robot = franky.Robot("double")
    y0 = robot.current_pose.end_effector_pose.translation[1]
    robot.move(franky.CartesianMotion(franky.Affine([0.0, 0.05, 0.0]), franky.ReferenceType.Relative))
    assert robot.current_pose.end_effector_pose.translation[1] == pytest.approx(y0 - 0.05)


def _wait_for(condition, timeout_s: float = 2.0) -> None:
    end = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        time.sleep(0.01)
