"""V-JEPA 2 video encoder: Conv3d tubelet embedding, RoPE transformer blocks, final LayerNorm.

State-dict keys match the public release (``patch_embed.proj.*``, ``blocks.{i}.norm1``,
``blocks.{i}.attn.qkv``, ``blocks.{i}.attn.proj``, ``blocks.{i}.norm2``, ``blocks.{i}.mlp.fc1/fc2``,
``norm``). There is no learned position embedding: positions come only from 3D RoPE.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from .config import EncoderConfig
from .layers import Block, planning_norm
from .rope import grid_positions, tables


class PatchEmbed3D(nn.Module):
    """Non-overlapping (tubelet × patch × patch) Conv3d; tokens in (t, h, w) raster order."""

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        kernel = (cfg.tubelet_size, cfg.patch_size, cfg.patch_size)
        self.proj = nn.Conv3d(cfg.in_chans, cfg.embed_dim, kernel_size=kernel, stride=kernel)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x).flatten(2).transpose(1, 2)


class VideoEncoder(nn.Module):
    """Encodes clips [B, 3, tubelet, H, W] into tokens [B, N, D] for one tubelet at a fixed size."""

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        cfg.validate()
        self.cfg = cfg
        self.patch_embed = PatchEmbed3D(cfg)
        self.blocks = nn.ModuleList(
            [Block(cfg.embed_dim, cfg.num_heads, cfg.mlp_hidden_dim, cfg.norm_eps) for _ in range(cfg.depth)]
        )
        self.norm = nn.LayerNorm(cfg.embed_dim, eps=cfg.norm_eps)
        frame, row, col = grid_positions(1, cfg.grid, cfg.grid)
        cos, sin = tables(cfg.head_dim, frame, row, col)
        self.register_buffer("rope_cos", cos, persistent=False)
        self.register_buffer("rope_sin", sin, persistent=False)

    def forward(self, frames: torch.Tensor) -> torch.Tensor:
        """Raw encoder output (after the final affine LayerNorm), as the reference returns it."""
        x = self.patch_embed(frames)
        for blk in self.blocks:
            x = blk(x, self.rope_cos, self.rope_sin)
        return self.norm(x)

    def encode_for_planning(self, frames: torch.Tensor) -> torch.Tensor:
        """Planning latents: encoder output layer-normalised over D without affine."""
        return planning_norm(self.forward(frames), self.cfg.embed_dim)
