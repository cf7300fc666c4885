"""The simulated dataset format (sim-harness/DATASET.md), read with json and numpy alone.

Generates a tiny dataset through the real launcher (`deploy/bin/latent-mpc sim dataset ...`), so
the Java writer and this reader are checked against each other. Skipped with the reason when the
launcher or a JDK >= 21 is not available.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[3]
LAUNCHER = ROOT / "deploy" / "bin" / "latent-mpc"
SIZE = 24
EPISODES = 6


def _launcher_unavailable() -> str | None:
    if not LAUNCHER.is_file():
        return f"no launcher at {LAUNCHER}"
    if shutil.which("bash") is None:
        return "bash is not installed"
    probe = subprocess.run(
        ["bash", "-c", f"source {ROOT / 'deploy' / 'bin' / 'java-env.sh'}"],
        capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return "no JDK >= 21 for the launcher: " + probe.stderr.strip()
    return None


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    reason = _launcher_unavailable()
    if reason:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("sim-dataset") / "data"
    cmd = [str(LAUNCHER), "sim", "dataset", "--out", str(out), "--episodes", str(EPISODES),
           "--random-fraction", "0.5", "--seed", "7", "--image-size", str(SIZE), "--workers", "1",
           "--task", "reach,pick-and-place"]
    # The launcher builds the project first when its classes are missing or stale.
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False,
                          env={**os.environ, "LATENT_MPC_JAVA_OPTS": "-Xmx1g"})
    assert done.returncode == 0, done.stderr[-4000:]
    assert "episodes/s" in done.stdout and "frames/s" in done.stdout
    return out


def _episodes(root: Path):
    for ep in sorted(root.glob("episode-*")):
        meta = json.loads((ep / "meta.json").read_text())
        yield meta, np.load(ep / "frames.npy"), np.load(ep / "states.npy"), np.load(ep / "actions.npy")


def _rot(euler: np.ndarray) -> np.ndarray:
    """R = Rz(yaw) @ Ry(pitch) @ Rx(roll): extrinsic xyz, as scipy's from_euler('xyz')."""
    a, b, c = (float(v) for v in euler)
    rx = np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])
    ry = np.array([[np.cos(b), 0, np.sin(b)], [0, 1, 0], [-np.sin(b), 0, np.cos(b)]])
    rz = np.array([[np.cos(c), -np.sin(c), 0], [np.sin(c), np.cos(c), 0], [0, 0, 1]])
    return rz @ ry @ rx


def test_manifest_describes_the_dataset(dataset):
    info = json.loads((dataset / "dataset.json").read_text())
    assert info["format"] == "latent-mpc-sim-dataset"
    assert info["format_version"] == 1
    assert info["fps"] == 4 and info["step_seconds"] == 0.25
    assert info["seed"] == 7 and info["episodes"] == EPISODES
    assert info["image"] == {"width_px": SIZE, "height_px": SIZE, "channels": 3, "dtype": "uint8"}
    assert info["state"]["fields"] == ["x_m", "y_m", "z_m", "roll_rad", "pitch_rad", "yaw_rad",
                                       "gripper_closedness"]
    assert len(info["action"]["fields"]) == 7
    assert info["generator"]["tasks"] == ["reach", "pick-and-place"]
    assert info["camera"]["width_px"] == SIZE and len(info["camera"]["eye_m"]) == 3
    assert len(list(dataset.glob("episode-*"))) == EPISODES
    assert not list(dataset.glob(".tmp-*"))


def test_arrays_have_the_documented_shapes_and_dtypes(dataset):
    kinds = set()
    for meta, frames, states, actions in _episodes(dataset):
        t = meta["frames"]
        assert meta["steps"] == t - 1 >= 1
        assert frames.dtype == np.uint8 and frames.shape == (t, SIZE, SIZE, 3)
        assert states.dtype == np.float32 and states.shape == (t, 7)
        assert actions.dtype == np.float32 and actions.shape == (t - 1, 7)
        assert frames.flags["C_CONTIGUOUS"]
        assert np.all(np.isfinite(states)) and np.all(np.isfinite(actions))
        assert np.all((states[:, 6] >= 0) & (states[:, 6] <= 1))
        assert frames.std() > 0, "a frame should show a scene, not a flat colour"
        assert meta["task"] in ("reach", "pick-and-place")
        assert len(meta["motion_seconds"]) == t - 1 and min(meta["motion_seconds"]) >= 0
        assert isinstance(meta["success"], bool) and meta["seed"] >= 0
        kinds.add(meta["kind"])
    assert kinds <= {"demo", "random"}


def test_actions_match_state_differences_in_random_episodes(dataset):
    checked = 0
    for meta, _, states, actions in _episodes(dataset):
        if meta["kind"] != "random":
            continue
        assert np.all(actions[:, 3:6] == 0), "random motions command no rotation"
        for t in range(len(actions)):
            if t in meta["clamped_steps"]:
                continue
            np.testing.assert_allclose(states[t + 1, :3], states[t, :3] + actions[t, :3], atol=2e-5)
            assert abs(states[t + 1, 6] - np.clip(states[t, 6] + actions[t, 6], 0, 1)) < 1e-5
            expected = _rot(actions[t, 3:6]) @ _rot(states[t, 3:6])
            np.testing.assert_allclose(_rot(states[t + 1, 3:6]), expected, atol=1e-5)
            checked += 1
    if checked == 0:
        pytest.skip("the tiny dataset drew no unclamped random step")
