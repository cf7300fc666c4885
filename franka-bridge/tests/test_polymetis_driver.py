"""The polymetis driver against the recording Polymetis double: exact library call sequences.

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
from franka_bridge.drivers.polymetis_driver import PolymetisDriver
from franka_bridge.protocol import pb

polymetis = pytest.importorskip("polymetis")
from polymetis import testing  # noqa: E402

assert Path(polymetis.__file__).is_relative_to(DOUBLES), "tests must run against the double"


def config(**sections):
    return load_example("polymetis.example.toml", **sections)


fake, real = double_fixtures(testing)


def fake_driver(cfg, clock):
    return PolymetisDriver(cfg.polymetis, now=clock.now, sleep=clock.advance)


def calls(name):
    return [c for c in testing.LOG.calls() if c.name == name]


def test_connecting_checks_the_servers_end_effector_link_and_never_moves(start_bridge, fake):
    start_bridge(config())
    assert testing.LOG.names() == ["RobotInterface", "GripperInterface"]
    assert calls("RobotInterface")[0].kwargs == {"ip_address": "localhost", "port": 50051}
    assert calls("GripperInterface")[0].kwargs == {"ip_address": "localhost", "port": 50052}


def test_a_server_reporting_another_link_refuses_to_start(start_bridge, fake):
    testing.world().ee_link_name = "panda_hand"
    with pytest.raises(RobotError, match="reports poses of 'panda_hand'.*native_frame_name = 'panda_link8'"):
        start_bridge(config())


def test_state_reports_the_flange_and_robotiq_closedness(start_bridge, fake):
    testing.world().gripper.width = 0.0425
    s = start_bridge(config()).state()
    flange = testing.world().flange
    assert (s.x_m, s.y_m, s.z_m) == pytest.approx(tuple(flange[:3, 3]), abs=1e-6)
    assert Rotation.from_euler("xyz", [s.roll_rad, s.pitch_rad, s.yaw_rad]).as_matrix() == pytest.approx(
        flange[:3, :3], abs=1e-6)
    assert s.gripper_closedness == pytest.approx(0.5)


def test_move_delta_sends_one_absolute_flange_target_with_a_time_to_go(start_bridge, fake):
    cfg = config()
    bridge = start_bridge(cfg, driver=fake_driver(cfg, fake), clock=DoubleClock(fake))
    flange = testing.world().flange.copy()
    d = dict(dx_m=0.03, dy_m=0.02, dz_m=-0.04, droll_rad=0.0, dpitch_rad=0.1, dyaw_rad=-0.2)
    testing.LOG.clear()
    r = bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(**d), timeout_ms=5000))

    position = flange[:3, 3] + [d["dx_m"], d["dy_m"], d["dz_m"]]
    rotation = Rotation.from_euler("xyz", [d["droll_rad"], d["dpitch_rad"], d["dyaw_rad"]]) * Rotation.from_matrix(flange[:3, :3])
    (move,) = calls("RobotInterface.move_to_ee_pose")
    assert move.kwargs["position"] == pytest.approx(list(position), abs=1e-6)
    q = move.kwargs["orientation"]
    assert (Rotation.from_quat(q) * rotation.inv()).magnitude() == pytest.approx(0.0, abs=1e-6)
    # 5.4 cm at 0.1 m/s vs 0.224 rad at 0.5 rad/s: the rotation sets the pace.
    assert move.kwargs["time_to_go"] == pytest.approx(max(0.5, math.dist(position, flange[:3, 3]) / 0.1,
                                                         (rotation * Rotation.from_matrix(flange[:3, :3]).inv()).magnitude() / 0.5))
    assert move.kwargs["blocking"] is False and move.kwargs["delta"] is False
    assert testing.LOG.names() == [
        "RobotInterface.get_ee_pose", "GripperInterface.get_state",           # read
        "RobotInterface.get_ee_pose", "GripperInterface.get_state",           # time_to_go from here
        "RobotInterface.move_to_ee_pose", "RobotInterface.is_running_policy",  # polled until done
        "RobotInterface.get_ee_pose", "GripperInterface.get_state",
    ]
    assert (r.reached.x_m, r.reached.y_m, r.reached.z_m) == pytest.approx(tuple(position), abs=1e-6)


def test_the_timeout_terminates_the_policy_before_deadline_exceeded_is_sent(start_bridge, fake):
    cfg = config()
    bridge = start_bridge(cfg, driver=fake_driver(cfg, fake), clock=DoubleClock(fake), interceptor_log=testing.LOG)
    testing.LOG.clear()
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=200))
    assert e.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    names = testing.LOG.names()
    assert names[names.index("RobotInterface.move_to_ee_pose"):] == [
        "RobotInterface.move_to_ee_pose", "RobotInterface.is_running_policy",
        "RobotInterface.terminate_current_policy", "reply MoveDelta StatusCode.DEADLINE_EXCEEDED",
    ]
    assert calls("RobotInterface.terminate_current_policy")[0].kwargs == {"return_log": False, "timeout": None}
    x = testing.world().flange[0, 3]
    assert 0.307 < x < 0.307 + 0.05 * 0.2 / 0.5 + 1e-3  # stopped after ~200 ms of a 0.5 s move


def test_client_cancel_terminates_the_policy(start_bridge, real):
    bridge = start_bridge(config(**{"driver.polymetis": {"max_speed_mps": 0.02}}))
    move = bridge.stub.MoveDelta.future(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=10000))
    _wait_for(lambda: calls("RobotInterface.move_to_ee_pose"))  # a 2.5 s move
    move.cancel()
    _wait_for(lambda: calls("RobotInterface.terminate_current_policy"))
    assert testing.world().flange[0, 3] < 0.307 + 0.05


def test_watchdog_expiry_terminates_the_policy(start_bridge, real):
    watchdog_clock = FakeNanos()
    bridge = start_bridge(config(**{"driver.polymetis": {"max_speed_mps": 0.02}}), watchdog_now_ns=watchdog_clock,
                          interceptor_log=testing.LOG)
    bridge.stub.Heartbeat(pb.HeartbeatRequest(timeout_ms=300))
    move = bridge.stub.MoveDelta.future(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=10000))
    _wait_for(lambda: calls("RobotInterface.move_to_ee_pose"))  # a 2.5 s move
    watchdog_clock.advance_ms(301)
    move.result(timeout=3)
    names = testing.LOG.names()
    assert names.index("RobotInterface.terminate_current_policy") < names.index("reply MoveDelta OK")


def test_failed_inverse_kinematics_moves_nothing_and_does_not_latch(start_bridge, fake):
    cfg = config()
    bridge = start_bridge(cfg, driver=fake_driver(cfg, fake), clock=DoubleClock(fake))
    testing.world().ik_fails = True
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=5000))
    assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "inverse kinematics failed" in e.value.details() and "nothing moved" in e.value.details()
    testing.world().ik_fails = False
    bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.01), timeout_ms=5000))


def test_a_server_error_latches_until_recovery(start_bridge, fake):
    cfg = config()
    bridge = start_bridge(cfg, driver=fake_driver(cfg, fake), clock=DoubleClock(fake))
    testing.world().server_error = "franka_panda_client: cartesian_reflex"
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.05), timeout_ms=5000))
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "RpcError: POLYMETIS SERVER ERROR" in e.value.details()
    with pytest.raises(RobotError):  # recovery checks the server answers
        bridge.server.recover()
    testing.world().server_error = None
    assert bridge.server.recover().startswith("ok: recovered from: RpcError")
    bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=delta(dx_m=0.01), timeout_ms=5000))


def test_gripper_closing_grasps_and_opening_goes_to_a_width(start_bridge, fake):
    cfg = config()
    bridge = start_bridge(cfg, driver=fake_driver(cfg, fake), clock=DoubleClock(fake))
    testing.world().gripper.object_width = 0.05
    r = bridge.stub.SetGripper(pb.SetGripperRequest(gripper_closedness=1.0, timeout_ms=5000))
    (grasp,) = calls("GripperInterface.grasp")
    assert grasp.kwargs == {"speed": 0.05, "force": 20.0, "grasp_width": 0.0, "epsilon_inner": 0.001,
                            "epsilon_outer": 0.085, "blocking": False}
    assert r.reached.gripper_closedness == pytest.approx(1 - 0.05 / 0.085)
    bridge.stub.SetGripper(pb.SetGripperRequest(gripper_closedness=0.0, timeout_ms=5000))
    (goto,) = calls("GripperInterface.goto")
    assert goto.kwargs == {"width": pytest.approx(0.085), "speed": 0.05, "force": 20.0, "blocking": False}


def test_a_gripper_timeout_holds_the_fingers_where_they_are(start_bridge, fake):
    cfg = config()
    bridge = start_bridge(cfg, driver=fake_driver(cfg, fake), clock=DoubleClock(fake), interceptor_log=testing.LOG)
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.SetGripper(pb.SetGripperRequest(gripper_closedness=1.0, timeout_ms=300))
    assert e.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    hold = calls("GripperInterface.goto")[-1]
    assert 0.085 - 0.05 * 0.31 < hold.kwargs["width"] < 0.085 - 0.05 * 0.29
    assert testing.LOG.names()[-1] == "reply SetGripper StatusCode.DEADLINE_EXCEEDED"


def _wait_for(condition, timeout_s: float = 2.0) -> None:
    end = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        time.sleep(0.01)
