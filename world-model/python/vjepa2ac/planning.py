"""The fused energy graph in the form ONNX Runtime's CPU provider runs fast.

`EnergyGraph` (rollout.py) states the planning energy the way the model is defined; this module
computes the same function for export, rearranged for what dominated the profile of one
800-sample call of the default bundle (world-model/PERFORMANCE.md):

* Layer norms are written out (mean, centred square, reciprocal square root): on rows of 64
  features ONNX Runtime's LayerNormalization kernel took 3-4 times as long as the same arithmetic
  as element-wise kernels. Their scale and shift are folded into the product that follows.
* The rotary embedding's pair swap is folded into the qkv weights: the product yields q, k, v and
  the swapped q and k at once, so the rotation is two multiplications and an addition instead of
  gathers, negations and concatenations; the attention scale is folded into the q weights.
* Work that does not depend on the sample is done once per call: the context frame's embedding
  and the state token of the first step, and, in the first block of a one-step prediction, the
  norm, q/k/v and attention among the state and patch tokens; per sample only the action token's
  q/k/v are computed, and each shared query's softmax is its shared sums updated by the one
  action key (`_Block.forward_one_step`). With one time step the block-causal mask is all zeros
  and is left out.

The arithmetic is the same up to float rounding (`tests/test_planning.py` checks ≤ 1e-5 against
`EnergyGraph`); the graph's inputs and outputs are those of the bundle contract.
"""

from __future__ import annotations

from typing import List, Optional

import torch
import torch.nn as nn

from .pose import update_pose
from .predictor import COND_TOKENS, ACPredictor


def _norm(x: torch.Tensor, eps: float) -> torch.Tensor:
    """Layer norm over the last axis without affine, written out as element-wise kernels."""
    centred = x - x.mean(dim=-1, keepdim=True)
    return centred * torch.rsqrt((centred * centred).mean(dim=-1, keepdim=True) + eps)


def _fold_norm(norm: nn.LayerNorm, linear: nn.Linear, rows: Optional[torch.Tensor] = None) -> nn.Linear:
    """linear(norm(x)) as linear'(plain_norm(x)): the norm's scale and shift go into the weights.

    `rows` optionally replaces linear's weight rows and bias first ([out, in] and [out])."""
    weight = linear.weight.detach() if rows is None else rows[0]
    bias = linear.bias.detach() if rows is None else rows[1]
    folded = nn.Linear(weight.shape[1], weight.shape[0])
    with torch.no_grad():
        folded.weight.copy_(weight * norm.weight.detach()[None, :])
        folded.bias.copy_(bias + weight @ norm.bias.detach())
    return folded


def _swap_matrix(dim: int) -> torch.Tensor:
    """P with (x P)[2i] = -x[2i+1], (x P)[2i+1] = x[2i]: rope.rotate's pair swap as a product."""
    p = torch.zeros(dim, dim)
    idx = torch.arange(0, dim, 2)
    p[idx + 1, idx] = -1.0
    p[idx, idx + 1] = 1.0
    return p


class _Block(nn.Module):
    """One predictor block with folded weights: qkv yields [q·s, k, v, (q P)·s, k P] from the
    affine-free norm of x (norm1's scale and shift are in the weights, as norm2's are in fc1)."""

    def __init__(self, block: nn.Module, num_heads: int) -> None:
        super().__init__()
        attn = block.attn
        dim = attn.proj.in_features
        self.heads, self.head_dim, self.dim = num_heads, dim // num_heads, dim
        self.eps1, self.eps2 = block.norm1.eps, block.norm2.eps
        w, b = attn.qkv.weight.detach(), attn.qkv.bias.detach()  # [3C, C], [3C]
        wq, wk, wv = w[:dim] * attn.scale, w[dim:2 * dim], w[2 * dim:]
        bq, bk, bv = b[:dim] * attn.scale, b[dim:2 * dim], b[2 * dim:]
        p_t = _swap_matrix(dim).t()
        rows = (torch.cat([wq, wk, wv, p_t @ wq, p_t @ wk]), torch.cat([bq, bk, bv, p_t @ bq, p_t @ bk]))
        self.qkv = _fold_norm(block.norm1, attn.qkv, rows)
        self.proj, self.fc2 = attn.proj, block.mlp.fc2
        self.fc1 = _fold_norm(block.norm2, block.mlp.fc1)
        self.act = nn.GELU()

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor,
                bias: Optional[torch.Tensor] = None, out_rows: Optional[int] = None) -> torch.Tensor:
        """x: [samples, L, C]; cos/sin: [L, C]; bias: additive [L, L] or None.

        With `out_rows` r, returns only the last r rows [samples, r, C]: every row's key and value
        are still needed, but the queries, attention output, proj and MLP only for those rows."""
        samples, length, c = x.shape
        h, hd = self.heads, self.head_dim
        rows = length if out_rows is None else out_rows
        q, k, v, q_swap, k_swap = self.qkv(_norm(x, self.eps1)).split(c, dim=-1)
        q = q * cos + q_swap * sin
        if out_rows is not None:
            q, x = q[:, -rows:], x[:, -rows:]
            bias = None if bias is None else bias[-rows:]
        q = q.reshape(samples, rows, h, hd).transpose(1, 2)
        k = (k * cos + k_swap * sin).reshape(samples, length, h, hd).permute(0, 2, 3, 1)
        v = v.reshape(samples, length, h, hd).transpose(1, 2)
        scores = torch.matmul(q, k)
        if bias is not None:
            scores = scores + bias
        out = torch.matmul(scores.softmax(dim=-1), v).transpose(1, 2).reshape(samples, rows, c)
        return self._mlp(x + self.proj(out))

    def _mlp(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.fc2(self.act(self.fc1(_norm(x, self.eps2))))

    def _qkv(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor):
        """Rotated q, k and v of x [B, L, C] as [B, L, heads, head_dim] each."""
        b, length, c = x.shape
        q, k, v, q_swap, k_swap = self.qkv(_norm(x, self.eps1)).split(c, dim=-1)
        shape = (b, length, self.heads, self.head_dim)
        return ((q * cos + q_swap * sin).reshape(shape), (k * cos + k_swap * sin).reshape(shape),
                v.reshape(shape))

    def forward_one_step(self, x_a: torch.Tensor, x_shared: torch.Tensor, cos: torch.Tensor,
                         sin: torch.Tensor, out_rows: Optional[int] = None) -> torch.Tensor:
        """The block over one time step whose tokens are [a (per sample), shared...].

        x_a: [S, 1, C], the action token; x_shared: [1, M, C], the state and patch tokens, the same
        for every sample. Only the action token's q, k, v are per sample: a shared query i sees the
        shared keys (scores, softmax sums and value sums computed once) plus the one key of its
        sample's action, so its attention is the shared sums updated by one term. Returns [S, 1 + M, C],
        or with `out_rows` r ≤ M only the last r rows [S, r, C] (then the action query is not needed).
        """
        samples, m = x_a.shape[0], x_shared.shape[1]
        c, h, hd = self.dim, self.heads, self.head_dim
        qa, ka, va = self._qkv(x_a, cos[:1], sin[:1])  # [S, 1, H, hd]
        qs, ks, vs = self._qkv(x_shared, cos[1:], sin[1:])  # [1, M, H, hd]
        qs_h, ks_h, vs_h = qs.transpose(1, 2), ks.transpose(1, 2), vs.transpose(1, 2)  # [1, H, M, hd]
        # Shared queries: softmax over [action key, shared keys], from the shared part's max and sums.
        shared_scores = torch.matmul(qs_h, ks_h.transpose(-2, -1))  # [1, H, M, M]
        top = shared_scores.max(dim=-1, keepdim=True).values
        weights = torch.exp(shared_scores - top)
        total = weights.sum(dim=-1, keepdim=True).transpose(1, 2)  # [1, M, H, 1]
        values = torch.matmul(weights, vs_h).transpose(1, 2)  # [1, M, H, hd]
        top = top.transpose(1, 2)  # [1, M, H, 1]
        if out_rows is not None:
            if out_rows > m:
                raise ValueError(f"out_rows {out_rows} must be at most the {m} shared rows")
            first = m - out_rows
            qs, top, total, values = qs[:, first:], top[:, first:], total[:, first:], values[:, first:]
        own = (qs * ka).sum(dim=-1, keepdim=True)  # [S, M, H, 1]: each shared query · this action key
        new_top = torch.maximum(top, own)
        keep, add = torch.exp(top - new_top), torch.exp(own - new_top)
        out_shared = (values * keep + va * add) / (total * keep + add)  # [S, M, H, hd]
        if out_rows is not None:
            x = x_shared[:, m - out_rows:].expand(samples, out_rows, c)
            return self._mlp(x + self.proj(out_shared.reshape(samples, out_rows, c)))
        # The action query sees every key.
        qa_h = qa.transpose(1, 2)  # [S, H, 1, hd]
        scores_a = torch.cat([(qa * ka).sum(dim=-1, keepdim=True).transpose(1, 2),
                              torch.matmul(qa_h, ks_h.transpose(-2, -1))], dim=-1)  # [S, H, 1, 1 + M]
        probs = scores_a.softmax(dim=-1)
        out_a = probs[..., :1] * va.transpose(1, 2) + torch.matmul(probs[..., 1:], vs_h)  # [S, H, 1, hd]
        out = torch.cat([out_a.transpose(1, 2), out_shared], dim=1).reshape(samples, 1 + m, c)
        x = torch.cat([x_a, x_shared.expand(samples, m, c)], dim=1)
        return self._mlp(x + self.proj(out))


class PlanningEnergyGraph(nn.Module):
    """(context [1,N,D], state [1,7], goal [1,N,D], actions [S,H,7]) → energies [S], fast form."""

    def __init__(self, predictor: ACPredictor, horizon: int) -> None:
        super().__init__()
        cfg = predictor.cfg
        if horizon < 1 or horizon > cfg.max_frames:
            raise ValueError(f"horizon {horizon} must be in [1, max_frames={cfg.max_frames}]")
        self.horizon, self.n, self.residual = horizon, predictor.tokens_per_frame, cfg.residual
        self.dim, self.latent_dim = cfg.embed_dim, predictor.predictor_proj.out_features
        self.embed, self.action_encoder = predictor.predictor_embed, predictor.action_encoder
        self.state_encoder = predictor.state_encoder
        self.blocks = nn.ModuleList(_Block(b, cfg.num_heads) for b in predictor.predictor_blocks)
        self.final_eps = predictor.predictor_norm.eps
        self.final_proj = _fold_norm(predictor.predictor_norm, predictor.predictor_proj)
        heads = cfg.num_heads
        self.register_buffer("cos", predictor.rope_cos.repeat(1, heads), persistent=False)
        self.register_buffer("sin", predictor.rope_sin.repeat(1, heads), persistent=False)
        self.register_buffer("mask", predictor.attn_bias, persistent=False)

    def _predict(self, frames: List[torch.Tensor], actions: torch.Tensor, states: List[torch.Tensor],
                 samples: int) -> torch.Tensor:
        """Planning latent [S, N, D] after len(frames) steps; frames[0] is [1, N, C] (shared)."""
        steps = len(frames)
        per_step = COND_TOKENS + self.n
        length = steps * per_step
        cos, sin = self.cos[:length], self.sin[:length]
        blocks = list(self.blocks)
        # The output is the last frame's n patch rows: the last block computes only those.
        last = len(blocks) - 1
        if steps == 1:
            # One time step: only the action token differs between samples (see forward_one_step).
            a = self.action_encoder(actions[:, 0]).unsqueeze(1)
            shared = torch.cat([self.state_encoder(states[0]).unsqueeze(1), frames[0]], dim=1)
            x = blocks[0].forward_one_step(a, shared, cos, sin, self.n if last == 0 else None)
            blocks = blocks[1:]
        else:
            tokens = []
            for t in range(steps):
                a = self.action_encoder(actions[:, t]).unsqueeze(1)
                s = self.state_encoder(states[t]).unsqueeze(1)
                tokens += [a, s.expand(samples, 1, self.dim), frames[t].expand(samples, self.n, self.dim)]
            x = torch.cat(tokens, dim=1)
        bias = self.mask[:length, :length] if steps > 1 else None
        for i, block in enumerate(blocks):
            x = block(x, cos, sin, bias, self.n if i == len(blocks) - 1 else None)
        return self.final_proj(_norm(x, self.final_eps))

    def forward(self, context: torch.Tensor, state: torch.Tensor, goal: torch.Tensor,
                actions: torch.Tensor) -> torch.Tensor:
        samples = actions.shape[0]
        frames = [self.embed(context)]
        states = [state]
        inputs = [context]
        current = state.expand(samples, state.shape[1])
        for h in range(self.horizon):
            out = self._predict(frames, actions[:, : h + 1], states, samples)
            if self.residual:
                out = out + inputs[-1]
            nxt = _norm(out, 1e-5)  # the planning latent: layers.planning_norm
            if h + 1 < self.horizon:
                frames.append(self.embed(nxt))
                inputs.append(nxt)
                current = update_pose(current, actions[:, h])
                states.append(current)
        return (nxt - goal).abs().mean(dim=(1, 2))
