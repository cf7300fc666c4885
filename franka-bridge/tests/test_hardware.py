"""Read-only checks against a real robot; skipped (never counted as passed) without one.

Set FRANKA_BRIDGE_ROBOT_HOST (the FCI address) on a control PC with the real franky library to
run them: the bridge starts with the franky driver, answers GetInfo and GetState, and stops on
SIGTERM. Nothing moves.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import grpc
import pytest
from conftest import LAUNCHER, MODULE, REPO

from franka_bridge.protocol import pb
from latentmpc.bridge.v1 import bridge_pb2_grpc

HOST = os.environ.get("FRANKA_BRIDGE_ROBOT_HOST")

pytestmark = pytest.mark.skipif(
    not HOST,
    reason="needs a Franka robot and the real franky library: set FRANKA_BRIDGE_ROBOT_HOST to its FCI address",
)


def test_the_franky_driver_reads_a_real_robot_without_moving_it(tmp_path):
    cfg = tmp_path / "robot.toml"
    cfg.write_text((MODULE / "config" / "franky.example.toml").read_text()
                   .replace('host = "172.16.0.2"', f'host = "{HOST}"')
                   .replace('socket = "/run/franka-bridge/admin.sock"', 'socket = ""'))
    ready = tmp_path / "ready"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.Popen([str(LAUNCHER), "serve", "--config", str(cfg), "--listen", "127.0.0.1:0",
                             "--ready-file", str(ready)], cwd=REPO, env=env)
    try:
        end = time.monotonic() + 30
        while not ready.exists():
            assert proc.poll() is None and time.monotonic() < end
            time.sleep(0.1)
        with grpc.insecure_channel(ready.read_text().strip()) as channel:
            stub = bridge_pb2_grpc.RobotBridgeStub(channel)
            assert stub.GetInfo(pb.GetInfoRequest()).simulated is False
            state = stub.GetState(pb.GetStateRequest()).state
            assert 0.0 <= state.gripper_closedness <= 1.0
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
