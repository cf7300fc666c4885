"""V-JEPA 2-AC action-conditioned predictor.

Per time step t the token sequence is [action_t, state_t, patch tokens of frame t]; attention is
block-causal over time steps (a token sees every token of its own and earlier steps). Patch
tokens get 3D RoPE (t, row, column); action and state tokens get only the temporal band. The
predictor's output for frame t is its prediction of frame t+1. State-dict keys match the public
release, including the unused ``extrinsics_encoder`` that its checkpoints carry. With
``residual`` (not in the release) the output is added to the input latents, so the network predicts
each frame's change.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from .config import EncoderConfig, PredictorConfig
from .layers import Block, planning_norm
from .rope import grid_positions, tables

COND_TOKENS = 2  # action and state tokens per time step


class ACPredictor(nn.Module):
    """Maps T frames of latents plus T actions and T states to T predicted next-frame latents."""

    def __init__(self, cfg: PredictorConfig, enc: EncoderConfig) -> None:
        super().__init__()
        cfg.validate()
        self.cfg = cfg
        self.grid_h = self.grid_w = enc.grid
        self.tokens_per_frame = enc.tokens_per_frame
        dim = cfg.embed_dim
        self.predictor_embed = nn.Linear(enc.embed_dim, dim)
        self.action_encoder = nn.Linear(cfg.action_dim, dim)
        self.state_encoder = nn.Linear(cfg.action_dim, dim)
        self.extrinsics_encoder = nn.Linear(cfg.action_dim - 1, dim)
        self.predictor_blocks = nn.ModuleList(
            [Block(dim, cfg.num_heads, cfg.mlp_hidden_dim, cfg.norm_eps) for _ in range(cfg.depth)]
        )
        self.predictor_norm = nn.LayerNorm(dim, eps=cfg.norm_eps)
        self.predictor_proj = nn.Linear(dim, enc.embed_dim)
        cos, sin, bias = self._static_tables(cfg.max_frames)
        self.register_buffer("rope_cos", cos, persistent=False)
        self.register_buffer("rope_sin", sin, persistent=False)
        self.register_buffer("attn_bias", bias, persistent=False)

    def _static_tables(self, frames: int):
        """RoPE tables and the block-causal additive mask for `frames` time steps."""
        per_step = COND_TOKENS + self.tokens_per_frame
        t, row, col = grid_positions(frames, self.grid_h, self.grid_w)
        # The reference rescales patch positions to a square grid of grid_h (a no-op when square).
        col = col.to(torch.float32) * (self.grid_h / self.grid_w)
        row = row.to(torch.float32)
        steps = torch.arange(frames, dtype=torch.float32)
        cond_cos, cond_sin = tables(self.cfg.head_dim, steps, None, None)
        patch_cos, patch_sin = tables(self.cfg.head_dim, t, row, col)
        cos = self._interleave(cond_cos, patch_cos, frames)
        sin = self._interleave(cond_sin, patch_sin, frames)
        step_of_token = torch.arange(frames * per_step) // per_step
        allowed = step_of_token[None, :] <= step_of_token[:, None]
        bias = torch.zeros(allowed.shape, dtype=torch.float32).masked_fill(~allowed, float("-inf"))
        return cos, sin, bias

    def _interleave(self, cond: torch.Tensor, patch: torch.Tensor, frames: int) -> torch.Tensor:
        head_dim = cond.shape[-1]
        cond = cond[:, None, :].expand(frames, COND_TOKENS, head_dim)
        patch = patch.reshape(frames, self.tokens_per_frame, head_dim)
        return torch.cat([cond, patch], dim=1).reshape(-1, head_dim)

    def forward(self, latents: torch.Tensor, actions: torch.Tensor, states: torch.Tensor) -> torch.Tensor:
        """latents [B, T·N, D_enc], actions/states [B, T, 7] → predictions [B, T·N, D_enc]."""
        n = self.tokens_per_frame
        x = self.predictor_embed(latents)
        dim = x.shape[-1]
        x = x.reshape(x.shape[0], -1, n, dim)
        a = self.action_encoder(actions).unsqueeze(2)
        s = self.state_encoder(states).unsqueeze(2)
        x = torch.cat([a, s, x], dim=2)
        steps = x.shape[1]
        x = x.flatten(1, 2)
        length = x.shape[1]
        cos, sin = self.rope_cos[:length], self.rope_sin[:length]
        bias = self.attn_bias[:length, :length]
        for blk in self.predictor_blocks:
            x = blk(x, cos, sin, bias)
        x = x.reshape(x.shape[0], steps, COND_TOKENS + n, dim)[:, :, COND_TOKENS:, :].flatten(1, 2)
        out = self.predictor_proj(self.predictor_norm(x))
        return out + latents if self.cfg.residual else out

    def predict_next(self, latents: torch.Tensor, actions: torch.Tensor, states: torch.Tensor) -> torch.Tensor:
        """The planning latent of the frame after the last action: [B, N, D_enc], layer-normalised."""
        out = self.forward(latents, actions, states)
        return planning_norm(out[:, -self.tokens_per_frame:], self.predictor_proj.out_features)
