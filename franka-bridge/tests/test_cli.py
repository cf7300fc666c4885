"""The launcher as a process: help, config errors (exit 2), serve with a ready file, SIGTERM
(arm stopped, exit 0), each library driver over its double via PYTHONPATH, and `recover`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from conftest import LAUNCHER, MODULE, REPO

from franka_bridge.protocol import pb
from latentmpc.bridge.v1 import bridge_pb2_grpc


def run(*args, **kw):
    return subprocess.run([str(LAUNCHER), *args], cwd=REPO, capture_output=True, text=True, timeout=60, **kw)


class Served:
    """A `franka-bridge serve` process, waited for through its ready file."""

    def __init__(self, tmp_path: Path, config: Path, *extra: str, env: dict | None = None):
        self.ready = tmp_path / "ready"
        self.log = open(tmp_path / "bridge.log", "w+")
        self.proc = subprocess.Popen(
            [str(LAUNCHER), "serve", "--config", str(config), "--listen", "127.0.0.1:0",
             "--ready-file", str(self.ready), *extra],
            cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        )
        end = time.monotonic() + 30
        while not self.ready.exists():
            assert self.proc.poll() is None, self.output()
            assert time.monotonic() < end, "bridge did not become ready"
            time.sleep(0.05)
        self.address = self.ready.read_text().strip()
        self.channel = grpc.insecure_channel(self.address)
        self.stub = bridge_pb2_grpc.RobotBridgeStub(self.channel)

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def terminate(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        status = self.proc.wait(timeout=20)
        self.channel.close()
        return status

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


@pytest.fixture
def serve(tmp_path):
    started: list[Served] = []

    def start(config, *extra, env=None) -> Served:
        folder = tmp_path / f"bridge{len(started)}"
        folder.mkdir()
        s = Served(folder, config, *extra, env=env)
        started.append(s)
        return s

    yield start
    for s in started:
        s.kill()


def test_help_lists_the_commands():
    out = run("--help")
    assert out.returncode == 0
    for word in ("serve", "check", "recover", "robot.source: bridge"):
        assert word in out.stdout


def test_a_bad_config_exits_2_listing_every_problem_before_anything_starts(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('[robot]\ndriver = "kinematic"\n[safety]\nmax_translation_delta_m = 0.0\nmax_rotation_delta_rad = 9.0\n')
    out = run("serve", "--config", str(f))
    assert out.returncode == 2
    assert "2 problem(s)" in out.stderr
    assert "safety.max_translation_delta_m = 0.0: must be in [0.0001, 0.25]" in out.stderr
    assert "safety.max_rotation_delta_rad = 9.0: must be in [0.0001, 0.7853981633974483]" in out.stderr
    assert run("serve", "--config", str(tmp_path / "missing.toml")).returncode == 2
    assert run("serve").returncode == 2  # --config is required


def test_check_prints_the_effective_configuration():
    out = run("check", "--config", "franka-bridge/config/kinematic.example.toml", "--listen", "0.0.0.0:7")
    assert out.returncode == 0
    assert 'listen = "0.0.0.0:7"' in out.stdout and "[driver.polymetis]" in out.stdout
    assert run("serve", "--check", "--config", "franka-bridge/config/kinematic.example.toml").returncode == 0


def test_serve_writes_the_bound_address_and_sigterm_stops_the_arm_and_exits_0(serve):
    s = serve(MODULE / "config" / "kinematic.example.toml", "--driver", "kinematic")
    host, port = s.address.rsplit(":", 1)
    assert host == "127.0.0.1" and int(port) > 0
    assert s.stub.GetInfo(pb.GetInfoRequest()).simulated
    move = s.stub.MoveDelta.future(pb.MoveDeltaRequest(delta=pb.EndEffectorDelta(dx_m=0.25), timeout_ms=5000))
    while s.stub.GetState(pb.GetStateRequest()).state.x_m == 0.45:  # a 1 s move has started
        time.sleep(0.01)
    assert s.terminate() == 0
    assert move.result().reached.x_m < 0.69  # stopped part-way; the call ended before the exit
    out = s.output()
    assert "received SIGTERM: stopping the arm and shutting down" in out
    assert "franka-bridge stopped" in out


def test_a_port_in_use_exits_1(serve, tmp_path):
    s = serve(MODULE / "config" / "kinematic.example.toml")
    out = run("serve", "--config", "franka-bridge/config/kinematic.example.toml", "--listen", s.address)
    assert out.returncode == 1
    assert f"cannot start: cannot listen on {s.address}" in out.stderr


@pytest.mark.parametrize(
    ("driver", "config"), [("franky", "franky.example.toml"), ("polymetis", "polymetis.example.toml")]
)
def test_library_drivers_run_unmodified_over_their_doubles(serve, tmp_path, driver, config):
    text = (MODULE / "config" / config).read_text().replace(
        'socket = "/run/franka-bridge/admin.sock"', f'socket = "{tmp_path / "admin.sock"}"')
    cfg = tmp_path / config
    cfg.write_text(text)
    s = serve(cfg, "--driver", driver, env={"PYTHONPATH": "franka-bridge/tests/doubles"})
    info = s.stub.GetInfo(pb.GetInfoRequest())
    assert info.simulated is False and info.description == {
        "franky": "Franka Panda with Franka Hand, franky driver",
        "polymetis": "DROID rig, Polymetis, Robotiq 2F-85"}[driver]
    before = s.stub.GetState(pb.GetStateRequest()).state
    r = s.stub.MoveDelta(pb.MoveDeltaRequest(delta=pb.EndEffectorDelta(dz_m=-0.01), timeout_ms=5000))
    assert r.reached.z_m == pytest.approx(before.z_m - 0.01, abs=1e-4)
    status = run("status", "--config", str(cfg))
    assert (status.returncode, status.stdout.strip()) == (0, "ok: no robot error latched")
    recover = run("recover", "--config", str(cfg))
    assert (recover.returncode, recover.stdout.strip()) == (0, "ok: recovered (no error was latched)")
    assert s.terminate() == 0


def test_recover_without_an_admin_socket_says_how_to_enable_it():
    out = run("recover", "--config", "franka-bridge/config/kinematic.example.toml")
    assert out.returncode == 2 and "sets no admin.socket" in out.stderr


def test_without_the_double_the_library_driver_explains_what_to_install(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cfg = tmp_path / "f.toml"
    cfg.write_text((MODULE / "config" / "franky.example.toml").read_text().replace(
        'socket = "/run/franka-bridge/admin.sock"', 'socket = ""'))
    out = subprocess.run([str(LAUNCHER), "serve", "--config", str(cfg), "--listen", "127.0.0.1:0"],
                         cwd=REPO, capture_output=True, text=True, timeout=60, env=env)
    if "cannot start" not in out.stderr:
        pytest.skip("a real franky library is installed on this machine")
    assert out.returncode == 1
    assert "the franky driver needs the franky library" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("name", ["franky-double.toml", "polymetis-double.toml"])
def test_the_double_configs_for_process_tests_serve_side_by_side(serve, name):
    env = {"PYTHONPATH": "franka-bridge/tests/doubles"}
    first = serve(MODULE / "tests" / "configs" / name, env=env)
    second = serve(MODULE / "tests" / "configs" / name, env=env)
    assert second.address != first.address
    assert second.stub.GetState(pb.GetStateRequest()).state.z_m > 0.4
    r = first.stub.MoveDelta(pb.MoveDeltaRequest(delta=pb.EndEffectorDelta(dx_m=0.05, dgripper=0.5), timeout_ms=5000))
    assert r.reached.gripper_closedness == pytest.approx(0.5, abs=1e-3)
    assert first.stub.GetInfo(pb.GetInfoRequest()).max_translation_delta_m == 0.25
    assert first.terminate() == 0 and second.terminate() == 0
