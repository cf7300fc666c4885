"""Reader for the simulated-harness dataset (sim-harness/DATASET.md) as training tensors.

Every frame is preprocessed exactly as the service preprocesses camera frames (preprocess.py,
mirrored by the Java FramePreprocessor), so the model trains on the inputs it will see at run time.
Frames are kept as float16 to halve memory; training casts batches back to float32.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from .pose import state_change
from .preprocess import IMAGENET_MEAN, IMAGENET_STD, resized_size

FORMAT = "latent-mpc-sim-dataset"
SUPPORTED_VERSIONS = (1,)

# Where training actions come from: "commanded", the deltas the generator sent (actions.npy), or
# "measured", the change between consecutive recorded states (as V-JEPA 2-AC derives its actions
# from Droid's poses). They differ where the sim did not do what was asked: a move clamped by the
# table or the workspace, fingers stopped by an object, closing an already closed gripper.
ACTION_SOURCES = ("commanded", "measured")


class DatasetError(Exception):
    """The directory is not a readable sim dataset; the message names the file and the problem."""


@dataclass
class SimClips:
    """All episodes of a dataset, concatenated.

    frames  float16 [F, 3, S, S]  preprocessed single frames (the tubelet repeat happens later)
    states  float32 [F, 7]
    actions float32 [F, 7]        action taken after frame f (zeros on each episode's last frame)
    starts  int64   [E]           index of each episode's first frame; episode e ends at starts[e+1]
    """

    frames: torch.Tensor
    states: torch.Tensor
    actions: torch.Tensor
    starts: torch.Tensor
    lengths: torch.Tensor
    episode_ids: List[int]

    @property
    def num_frames(self) -> int:
        return int(self.frames.shape[0])

    def window_starts(self, length: int) -> torch.Tensor:
        """Frame indices f such that frames f .. f+length-1 lie inside one episode."""
        out = [torch.arange(int(s), int(s) + int(n) - length + 1)
               for s, n in zip(self.starts, self.lengths) if int(n) >= length]
        return torch.cat(out) if out else torch.zeros(0, dtype=torch.long)


def read_manifest(root: Path) -> dict:
    path = root / "dataset.json"
    if not path.is_file():
        raise DatasetError(f"{path} not found: generate a dataset with `latent-mpc sim dataset --out {root} ...`")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise DatasetError(f"{path}: format is {manifest.get('format')!r}, expected {FORMAT!r}")
    if manifest.get("format_version") not in SUPPORTED_VERSIONS:
        raise DatasetError(f"{path}: format_version {manifest.get('format_version')} is not one of "
                           f"{SUPPORTED_VERSIONS}")
    return manifest


def preprocess_batch(rgb: np.ndarray, size: int) -> torch.Tensor:
    """uint8 [B, h, w, 3] → normalised float32 [B, 3, size, size] (preprocess.py, batched)."""
    b, h, w, _ = rgb.shape
    nh, nw = resized_size(h, w, size)
    x = torch.from_numpy(np.array(rgb, dtype=np.uint8, copy=True)).permute(0, 3, 1, 2).to(torch.float32)
    x = F.interpolate(x, size=(nh, nw), mode="bilinear", align_corners=False)
    top, left = (nh - size) // 2, (nw - size) // 2
    x = x[:, :, top:top + size, left:left + size] / 255.0
    mean = torch.tensor(IMAGENET_MEAN)[None, :, None, None]
    std = torch.tensor(IMAGENET_STD)[None, :, None, None]
    return (x - mean) / std


def load(root: Path, image_size: int, episodes: Sequence[int], actions_from: str = "commanded") -> SimClips:
    """Load and preprocess the given episode indices of the dataset at `root`, with actions from
    `actions_from` (one of ACTION_SOURCES)."""
    if actions_from not in ACTION_SOURCES:
        raise ValueError(f"actions_from must be one of {ACTION_SOURCES}, got {actions_from!r}")
    manifest = read_manifest(root)
    total = int(manifest["episodes"])
    frames, states, actions, lengths = [], [], [], []
    for e in episodes:
        if not 0 <= e < total:
            raise DatasetError(f"{root}: episode {e} out of range 0..{total - 1}")
        d = root / f"episode-{e:06d}"
        try:
            rgb = np.load(d / "frames.npy", mmap_mode="r")
            st = np.load(d / "states.npy")
            ac = np.load(d / "actions.npy")
        except (OSError, ValueError) as err:
            raise DatasetError(f"{d}: {err} (an interrupted generation? rerun the same command to resume)") from err
        t = rgb.shape[0]
        if st.shape != (t, 7) or ac.shape != (t - 1, 7):
            raise DatasetError(f"{d}: shapes frames {rgb.shape}, states {st.shape}, actions {ac.shape} "
                               f"do not agree (expected [T,..], [T,7], [T-1,7])")
        frames.append(preprocess_batch(np.asarray(rgb), image_size).to(torch.float16))
        st_t = torch.from_numpy(st.astype(np.float32))
        ac_t = state_change(st_t) if actions_from == "measured" else torch.from_numpy(ac.astype(np.float32))
        states.append(st_t)
        actions.append(torch.cat([ac_t, torch.zeros(1, 7)]))
        lengths.append(t)
    lengths_t = torch.tensor(lengths, dtype=torch.long)
    starts = torch.cumsum(lengths_t, 0) - lengths_t
    return SimClips(torch.cat(frames), torch.cat(states), torch.cat(actions), starts, lengths_t, list(episodes))


def split(total: int, held_out_fraction: float, seed: int) -> tuple:
    """Seeded split of episode indices into (train, held_out); at least one held-out episode."""
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(total, generator=g).tolist()
    n_held = max(1, int(round(total * held_out_fraction))) if total > 1 else 0
    return sorted(order[n_held:]), sorted(order[:n_held])
