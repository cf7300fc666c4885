"""Rotary position embeddings in the V-JEPA 2 layout.

Each attention head's channels are split into three equal even-sized bands (depth/time, height,
width), each ``2 * ((head_dim // 3) // 2)`` wide; leftover channels are not rotated. Within a
band of width D the angle of channel i is ``pos * 10000 ** (-(i mod D/2) / (D/2))`` — the public
release repeats the D/2 frequencies as [f, f] rather than interleaving them, and its weights were
trained that way, so this layout is reproduced exactly. Rotation pairs adjacent channels:
(x0, x1) → (x0·cos − x1·sin, x1·cos + x0·sin).

Instead of rotating each band separately, one table of cos/sin per token covers the whole head
(cos = 1, sin = 0 on unrotated channels), which is numerically the same and exports to a handful
of elementwise ONNX ops.
"""

from __future__ import annotations

from typing import Optional, Tuple

import torch


def band_width(head_dim: int) -> int:
    """Width of each of the depth, height and width bands."""
    return 2 * ((head_dim // 3) // 2)


def _band_angles(pos: torch.Tensor, width: int) -> torch.Tensor:
    """Angles [L, width] for positions [L] in one band, in float32 like the reference."""
    omega = torch.arange(width // 2, dtype=torch.float32)
    omega = omega / (width / 2.0)
    omega = 1.0 / 10000 ** omega
    freq = pos.to(torch.float32)[:, None] * omega[None, :]
    return torch.cat([freq, freq], dim=-1)


def tables(head_dim: int, depth_pos: torch.Tensor, height_pos: Optional[torch.Tensor],
           width_pos: Optional[torch.Tensor]) -> Tuple[torch.Tensor, torch.Tensor]:
    """cos/sin tables [L, head_dim]; a None height/width position leaves that band unrotated."""
    width = band_width(head_dim)
    n = depth_pos.shape[0]
    cos = torch.ones(n, head_dim, dtype=torch.float32)
    sin = torch.zeros(n, head_dim, dtype=torch.float32)
    for band, pos in enumerate((depth_pos, height_pos, width_pos)):
        if pos is None:
            continue
        angles = _band_angles(pos, width)
        cos[:, band * width:(band + 1) * width] = angles.cos()
        sin[:, band * width:(band + 1) * width] = angles.sin()
    return cos, sin


def rotate(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotate adjacent channel pairs of x [..., L, head_dim] by the per-token tables."""
    pairs = x.reshape(x.shape[:-1] + (x.shape[-1] // 2, 2))
    swapped = torch.stack((-pairs[..., 1], pairs[..., 0]), dim=-1).reshape(x.shape)
    return x * cos + swapped * sin


def grid_positions(frames: int, grid_h: int, grid_w: int) -> Tuple[torch.Tensor, ...]:
    """(frame, row, column) of each patch token in raster order (frame-major)."""
    ids = torch.arange(frames * grid_h * grid_w)
    per_frame = grid_h * grid_w
    frame = ids // per_frame
    row = (ids - frame * per_frame) // grid_w
    col = ids - frame * per_frame - row * grid_w
    return frame, row, col
