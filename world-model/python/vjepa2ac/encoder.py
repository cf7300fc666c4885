"""V-JEPA 2 video encoder: Conv3d tubelet embedding, RoPE transformer blocks, final LayerNorm.

State-dict keys match the public release (``patch_embed.proj.*``, ``blocks.{i}.norm1``,
``blocks.{i}.attn.qkv``, ``blocks.{i}.attn.proj``, ``blocks.{i}.norm2``, ``blocks.{i}.mlp.fc1/fc2``,
``norm``). There is no learned position embedding: positions come only from 3D RoPE.

Not in the release: ``EncoderConfig.stem == "conv"`` replaces the linear patch embedding by a stem
of stride-2 3x3 convolutions (``patch_embed.convs.{i}``, ``patch_embed.norms.{i}``), so that more
input pixels feed the same number of tokens.
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


class ChannelNorm(nn.Module):
    """LayerNorm over the channels of every pixel of a [B, C, H, W] map (affine)."""

    def __init__(self, channels: int, eps: float) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(channels, eps=eps)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class ConvStem(nn.Module):
    """Stride-2 3x3 convolutions from [B, C, tubelet, H, W] to tokens [B, (H/s)(W/s), D].

    The first convolution spans the whole tubelet (a Conv3d with kernel (tubelet, 3, 3)), the
    others are 2D; every convolution but the last is followed by a channel LayerNorm and GELU. The
    last outputs embed_dim and, like the linear patch embedding, is not normalised (the blocks
    normalise first). Tokens come out in (h, w) raster order, as PatchEmbed3D's do.
    """

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        widths = list(cfg.stem_channels) + [cfg.embed_dim]
        convs = [nn.Conv3d(cfg.in_chans, widths[0], kernel_size=(cfg.tubelet_size, 3, 3),
                           stride=(cfg.tubelet_size, 2, 2), padding=(0, 1, 1))]
        convs += [nn.Conv2d(c_in, c_out, kernel_size=3, stride=2, padding=1)
                  for c_in, c_out in zip(widths[:-1], widths[1:])]
        self.convs = nn.ModuleList(convs)
        self.norms = nn.ModuleList([ChannelNorm(c, cfg.norm_eps) for c in widths[:-1]])
        self.act = nn.GELU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.convs[0](x).squeeze(2)  # one tubelet: [B, C1, H/2, W/2]
        for conv, norm in zip(self.convs[1:], self.norms):
            x = conv(self.act(norm(x)))
        return x.flatten(2).transpose(1, 2)


def make_patch_embed(cfg: EncoderConfig) -> nn.Module:
    """The token embedding cfg.stem names."""
    return ConvStem(cfg) if cfg.stem == "conv" else PatchEmbed3D(cfg)


class VideoEncoder(nn.Module):
    """Encodes clips [B, 3, tubelet, H, W] into tokens [B, N, D] for one tubelet at a fixed size."""

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        cfg.validate()
        self.cfg = cfg
        self.patch_embed = make_patch_embed(cfg)
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
