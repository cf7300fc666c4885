"""A tiny synthetic dataset in the simulator's format (dataset.json + episode-NNNNNN/*.npy), for tests
of the trainer and of the checks that run on a trained bundle."""

from __future__ import annotations

import json

import numpy as np

from vjepa2ac import simdata


def write_episode(root, index, frames, seed):
    rng = np.random.default_rng(seed)
    d = root / f"episode-{index:06d}"
    d.mkdir(parents=True)
    rgb = rng.integers(0, 256, size=(frames, 32, 32, 3), dtype=np.uint8)
    states = rng.normal(size=(frames, 7)).astype(np.float32)
    actions = (rng.normal(size=(frames - 1, 7)) * 0.05).astype(np.float32)
    np.save(d / "frames.npy", rgb)
    np.save(d / "states.npy", states)
    np.save(d / "actions.npy", actions)


def synthetic_dataset(root, episodes=4, frames=6):
    root.mkdir(parents=True, exist_ok=True)
    for e in range(episodes):
        write_episode(root, e, frames, e)
    (root / "dataset.json").write_text(json.dumps({
        "format": simdata.FORMAT, "format_version": 1, "seed": 5, "episodes": episodes,
        "image": {"width_px": 32, "height_px": 32, "channels": 3, "dtype": "uint8"},
        "generator": {"random_fraction": 1.0},
        "camera": {"model": "pinhole", "vertical_fov_deg": 44.0, "eye_m": [-0.32, 0.57, 0.6],
                   "target_m": [0.5, 0.0, 0.2]}}))
    return root
