"""Transformer building blocks shared by the encoder and the predictor.

Attention is written out (q·kᵀ·scale + bias → softmax → ·v) instead of calling
scaled_dot_product_attention, which PyTorch 1.13 lacks and which exports poorly to ONNX.
Rotary position embeddings are applied from precomputed per-token cos/sin tables (see rope.py),
so the exported graph contains only elementwise products.
"""

from __future__ import annotations

from typing import Optional

import torch
import torch.nn as nn

from .rope import rotate


class Mlp(nn.Module):
    """Two-layer GELU MLP; keys `fc1`, `fc2` as in the public checkpoints."""

    def __init__(self, dim: int, hidden_dim: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden_dim)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden_dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(x)))


class RopeAttention(nn.Module):
    """Multi-head self-attention with one fused qkv projection and rotary q/k."""

    def __init__(self, dim: int, num_heads: int) -> None:
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = dim // num_heads
        self.scale = self.head_dim ** -0.5
        self.qkv = nn.Linear(dim, 3 * dim, bias=True)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor,
                bias: Optional[torch.Tensor] = None) -> torch.Tensor:
        """x: [B, L, C]; cos/sin: [L, head_dim]; bias: additive [L, L] (0 or -inf) or None."""
        b, n, c = x.shape
        # qkv output is laid out as (3, heads, head_dim) along the last axis.
        qkv = self.qkv(x).reshape(b, n, 3, self.num_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # [B, heads, L, head_dim]
        q = rotate(q, cos, sin)
        k = rotate(k, cos, sin)
        scores = torch.matmul(q, k.transpose(-2, -1)) * self.scale
        if bias is not None:
            scores = scores + bias
        attn = scores.softmax(dim=-1)
        out = torch.matmul(attn, v).transpose(1, 2).reshape(b, n, c)
        return self.proj(out)


class Block(nn.Module):
    """Pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x))."""

    def __init__(self, dim: int, num_heads: int, mlp_hidden_dim: int, eps: float) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=eps)
        self.attn = RopeAttention(dim, num_heads)
        self.norm2 = nn.LayerNorm(dim, eps=eps)
        self.mlp = Mlp(dim, mlp_hidden_dim)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor,
                bias: Optional[torch.Tensor] = None) -> torch.Tensor:
        x = x + self.attn(self.norm1(x), cos, sin, bias)
        return x + self.mlp(self.norm2(x))


def planning_norm(x: torch.Tensor, dim: int) -> torch.Tensor:
    """Layer norm over the feature axis without affine parameters (the planning latent).

    Same as ``F.layer_norm(x, (dim,))`` (eps 1e-5, biased variance), written out because
    PyTorch 1.13 exports an affine-free LayerNormalization with an empty scale input, which ONNX
    rejects. `dim` documents the normalised axis size and is checked in eager mode.
    """
    if not torch.jit.is_tracing() and x.shape[-1] != dim:
        raise ValueError(f"expected feature size {dim}, got {x.shape[-1]}")
    mean = x.mean(dim=-1, keepdim=True)
    centred = x - mean
    var = (centred * centred).mean(dim=-1, keepdim=True)
    return centred / torch.sqrt(var + 1e-5)
