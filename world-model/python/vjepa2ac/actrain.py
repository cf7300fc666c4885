"""Training of the action-conditioned predictor on a frozen encoder (V-JEPA 2-AC, section 3).

Targets are the frozen encoder's layer-normalised latents of every frame. Two L1 losses:

* teacher forcing: from the true latents z_1..z_T, actions a_1..a_T and states s_1..s_T the
  predictor's output for step t must match z_{t+1}, for every t at once (block-causal attention);
* rollout: from z_1 alone, predict z_2, feed the (layer-normalised) prediction back and predict
  z_3 from it; the second prediction must match z_3 (the paper's T = 2 rollout loss).

The rollout step feeds predictions back exactly as the exported planning graph does (rollout.py).
"""

from __future__ import annotations

from typing import Dict, Tuple

import torch

from .encoder import VideoEncoder
from .layers import planning_norm
from .predictor import ACPredictor


@torch.no_grad()
def encode_all(encoder: VideoEncoder, frames: torch.Tensor, tubelet: int, batch: int = 256) -> torch.Tensor:
    """Planning latents [F, N, D] of preprocessed single frames [F, 3, S, S] (float16 or float32)."""
    encoder.eval()
    out = []
    for i in range(0, frames.shape[0], batch):
        x = frames[i:i + batch].to(torch.float32)[:, :, None].repeat(1, 1, tubelet, 1, 1)
        out.append(encoder.encode_for_planning(x))
    return torch.cat(out)


def gather_windows(latents: torch.Tensor, states: torch.Tensor, actions: torch.Tensor,
                   starts: torch.Tensor, length: int) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Windows of `length` frames from start indices [B]: z [B, L, N, D], states/actions [B, L, 7]."""
    idx = starts[:, None] + torch.arange(length)[None, :]
    return latents[idx], states[idx], actions[idx]


def losses(predictor: ACPredictor, z: torch.Tensor, s: torch.Tensor, a: torch.Tensor) -> Dict[str, torch.Tensor]:
    """Teacher-forcing and 2-step rollout L1 losses for windows z [B, T+1, N, D], s/a [B, T+1, 7]."""
    b, length, n, d = z.shape
    t = length - 1
    pred = predictor(z[:, :t].flatten(1, 2), a[:, :t], s[:, :t])
    teacher = (pred - z[:, 1:].flatten(1, 2)).abs().mean()
    first = planning_norm(predictor(z[:, 0], a[:, :1], s[:, :1]), d)
    second = predictor(torch.cat([z[:, 0], first], dim=1), a[:, :2], s[:, :2])[:, -n:]
    rollout = (second - z[:, 2]).abs().mean()
    return {"teacher_forcing": teacher, "rollout": rollout, "total": teacher + rollout}
