"""V-JEPA self-supervised pretraining of the video encoder, scaled down for sim clips.

A context encoder sees only the unmasked patch tokens of a clip; a narrow predictor, given the
context tokens plus learned mask tokens at the masked positions (positions enter through RoPE
only, as in the encoder), predicts the *target* encoder's features there. The target encoder is an
exponential moving average of the context encoder and its output is layer-normalised; the loss is
the L1 distance. Masks are multi-block: the union of a few random rectangles on the patch grid,
repeated over the tubelet (the clip here is one tubelet). After training the EMA target encoder is
the encoder the world model uses, as in V-JEPA.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import EncoderConfig
from .encoder import VideoEncoder
from .layers import Block
from .rope import grid_positions, tables


@dataclass(frozen=True)
class MaskConfig:
    """Multi-block masking on a grid×grid patch lattice."""

    blocks: int = 2               # rectangles per mask (their union is masked)
    min_scale: float = 0.15       # area of one rectangle as a share of the grid
    max_scale: float = 0.45
    min_aspect: float = 0.75
    max_aspect: float = 1.5
    min_context: int = 4          # tokens the context keeps at the least


def sample_masks(grid: int, batch: int, cfg: MaskConfig, g: torch.Generator) -> Tuple[torch.Tensor, torch.Tensor]:
    """(context_idx [B, C], target_idx [B, M]) with one C and M across the batch.

    Each sample's mask is a union of random rectangles. Samples with more masked (or more visible)
    tokens than the batch minimum drop random extras, so that tensors stay rectangular; a dropped
    token is neither context nor target.
    """
    n = grid * grid
    masks = []
    for _ in range(batch):
        m = torch.zeros(grid, grid, dtype=torch.bool)
        for _ in range(cfg.blocks):
            scale = cfg.min_scale + (cfg.max_scale - cfg.min_scale) * torch.rand(1, generator=g).item()
            aspect = math.exp(math.log(cfg.min_aspect)
                              + (math.log(cfg.max_aspect) - math.log(cfg.min_aspect)) * torch.rand(1, generator=g).item())
            area = scale * n
            h = max(1, min(grid, int(round(math.sqrt(area * aspect)))))
            w = max(1, min(grid, int(round(math.sqrt(area / aspect)))))
            top = int(torch.randint(0, grid - h + 1, (1,), generator=g))
            left = int(torch.randint(0, grid - w + 1, (1,), generator=g))
            m[top:top + h, left:left + w] = True
        m = m.flatten()
        if int((~m).sum()) < cfg.min_context:  # keep some context: unmask random tokens
            masked = m.nonzero().flatten()
            keep = masked[torch.randperm(masked.numel(), generator=g)[: cfg.min_context - int((~m).sum())]]
            m[keep] = False
        masks.append(m)
    stacked = torch.stack(masks)
    n_target = int(stacked.sum(1).min())
    n_context = int((~stacked).sum(1).min())
    ctx, tgt = [], []
    for m in stacked:
        t_idx = m.nonzero().flatten()
        c_idx = (~m).nonzero().flatten()
        t_idx = t_idx[torch.randperm(t_idx.numel(), generator=g)[:n_target]].sort().values
        c_idx = c_idx[torch.randperm(c_idx.numel(), generator=g)[:n_context]].sort().values
        ctx.append(c_idx)
        tgt.append(t_idx)
    return torch.stack(ctx), torch.stack(tgt)


def _gather(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    """x [B, N, D], idx [B, K] → [B, K, D]."""
    return torch.gather(x, 1, idx[..., None].expand(-1, -1, x.shape[-1]))


def _rope_for(cos: torch.Tensor, sin: torch.Tensor, idx: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """Per-sample tables [B, 1, K, head_dim] for token indices idx [B, K] (broadcast over heads)."""
    return cos[idx][:, None], sin[idx][:, None]


def encode_tokens(encoder: VideoEncoder, frames: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
    """The encoder run on the tokens `keep` [B, K] only (their RoPE positions kept): [B, K, D]."""
    x = _gather(encoder.patch_embed(frames), keep)
    cos, sin = _rope_for(encoder.rope_cos, encoder.rope_sin, keep)
    for blk in encoder.blocks:
        x = blk(x, cos, sin)
    return encoder.norm(x)


class MaskPredictor(nn.Module):
    """Narrow transformer: context tokens + mask tokens (RoPE at their positions) → target features."""

    def __init__(self, enc: EncoderConfig, dim: int, depth: int, num_heads: int) -> None:
        super().__init__()
        self.embed = nn.Linear(enc.embed_dim, dim)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, dim))
        nn.init.trunc_normal_(self.mask_token, std=0.02)
        self.blocks = nn.ModuleList([Block(dim, num_heads, 4 * dim, 1e-6) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.proj = nn.Linear(dim, enc.embed_dim)
        frame, row, col = grid_positions(1, enc.grid, enc.grid)
        cos, sin = tables(dim // num_heads, frame, row, col)
        self.register_buffer("rope_cos", cos, persistent=False)
        self.register_buffer("rope_sin", sin, persistent=False)

    def forward(self, context: torch.Tensor, ctx_idx: torch.Tensor, tgt_idx: torch.Tensor) -> torch.Tensor:
        b, m = tgt_idx.shape
        x = torch.cat([self.embed(context), self.mask_token.expand(b, m, -1)], dim=1)
        idx = torch.cat([ctx_idx, tgt_idx], dim=1)
        cos, sin = _rope_for(self.rope_cos, self.rope_sin, idx)
        for blk in self.blocks:
            x = blk(x, cos, sin)
        return self.proj(self.norm(x[:, ctx_idx.shape[1]:]))


class Jepa(nn.Module):
    """Context encoder, EMA target encoder and mask predictor, with the L1 JEPA loss."""

    def __init__(self, enc: EncoderConfig, pred_dim: int = 64, pred_depth: int = 2, pred_heads: int = 4) -> None:
        super().__init__()
        self.context_encoder = VideoEncoder(enc)
        init_vit(self.context_encoder)
        self.target_encoder = copy.deepcopy(self.context_encoder)
        for p in self.target_encoder.parameters():
            p.requires_grad_(False)
        self.predictor = MaskPredictor(enc, pred_dim, pred_depth, pred_heads)
        init_vit(self.predictor)

    def trainable(self):
        return list(self.context_encoder.parameters()) + list(self.predictor.parameters())

    def loss(self, clips: torch.Tensor, ctx_idx: torch.Tensor, tgt_idx: torch.Tensor) -> Tuple[torch.Tensor, float]:
        """(L1 loss, std of the target features across the batch: a collapse indicator)."""
        with torch.no_grad():
            h = self.target_encoder(clips)
            h = F.layer_norm(h, (h.shape[-1],))
            target = _gather(h, tgt_idx)
            spread = float(h.mean(1).std(0).mean())
        z = encode_tokens(self.context_encoder, clips, ctx_idx)
        pred = self.predictor(z, ctx_idx, tgt_idx)
        return (pred - target).abs().mean(), spread

    @torch.no_grad()
    def update_target(self, momentum: float) -> None:
        for t, c in zip(self.target_encoder.parameters(), self.context_encoder.parameters()):
            t.mul_(momentum).add_(c.detach(), alpha=1.0 - momentum)


def init_vit(module: nn.Module) -> None:
    """ViT initialisation: truncated-normal linear/conv weights (std 0.02), zero biases, unit norms."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv3d)):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
