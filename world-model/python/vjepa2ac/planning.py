"""The fused energy graph in the form ONNX Runtime's CPU provider runs fast.

`EnergyGraph` (rollout.py) states the planning energy the way the model is defined; this module
computes the same function for export, rearranged for what dominated the profile of one
800-sample call of the default bundle (world-model/PERFORMANCE.md):

* Layer norms are written out (mean, centred square, reciprocal square root): on rows of 64
  features ONNX Runtime's LayerNormalization kernel took 3-4 times as long as the same arithmetic
  as element-wise kernels. Their scale and shift are folded into the product that follows.
* Tokens are laid out [rows, samples, features]. The rotary embedding turns row r's q and k by a
  fixed linear map, so it is folded into weights of their own per token position (the pair swap
  and the attention scale with it): q and k are batched products over the rows, v a plain one,
  with no qkv split and no rotary arithmetic at run time.
* Work that does not depend on the sample is done once per call: the context frame's embedding
  and the state token of the first step, and, in the first block of a one-step prediction, the
  norm, q/k/v and attention among the state and patch tokens; per sample only the action token's
  q/k/v are computed, and each shared query's softmax is its shared sums updated by the one
  action key (`_Block.forward_one_step`). With one time step the block-causal mask is all zeros
  and is left out.
* Only the rows the output uses are computed to the end: the last block's keys and values cover
  every row, its queries, attention output, proj and MLP only the last frame's patch rows.

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


class _RowProduct(nn.Module):
    """A product with its own weights per token position: row r of x [R, B, K] (position first + r)
    times weight[first + r] [K, N] plus bias[first + r] [1, N].

    The slice's end comes from x's traced shape: where that shape follows the batch, the exported
    graph slices the one stored table at run time (a few microseconds) instead of storing a folded
    copy for every slice it takes."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor) -> None:
        super().__init__()
        self.register_buffer("weight", weight.contiguous(), persistent=False)  # [P, K, N]
        self.register_buffer("bias", bias.contiguous(), persistent=False)  # [P, 1, N]

    def forward(self, x: torch.Tensor, first: int) -> torch.Tensor:
        end = first + x.shape[0]
        return torch.matmul(x, self.weight[first:end]) + self.bias[first:end]


class _Block(nn.Module):
    """One predictor block with folded weights, on tokens laid out [L, samples, C] (row first).

    norm1's scale and shift are in the q/k/v weights, norm2's in fc1's. The rotary embedding
    turns q and k by each row's angles, a fixed linear map per row, so it is folded into per-row
    weights too: row r's q is norm(x_r) · Wq_r + bq_r with Wq_r = Wq·diag(cos_r) + (Wq P)·diag(sin_r)
    (P the pair swap; the attention scale folded in as well). With rows first these are one
    batched product [L, S, C] · [L, C, C] (`_RowProduct`)."""

    def __init__(self, block: nn.Module, num_heads: int, cos: torch.Tensor, sin: torch.Tensor) -> None:
        super().__init__()
        attn = block.attn
        dim = attn.proj.in_features
        self.heads, self.head_dim, self.dim = num_heads, dim // num_heads, dim
        self.eps1, self.eps2 = block.norm1.eps, block.norm2.eps
        w, b = attn.qkv.weight.detach(), attn.qkv.bias.detach()  # [3C, C], [3C]
        p_t = _swap_matrix(dim).t()
        for name, part, scale in (("q", slice(0, dim), attn.scale), ("k", slice(dim, 2 * dim), 1.0)):
            plain = _fold_norm(block.norm1, attn.qkv, (w[part] * scale, b[part] * scale))
            swapped = _fold_norm(block.norm1, attn.qkv, (p_t @ w[part] * scale, p_t @ b[part] * scale))
            with torch.no_grad():
                weight = plain.weight.t()[None] * cos[:, None, :] + swapped.weight.t()[None] * sin[:, None, :]
                bias = plain.bias[None] * cos + swapped.bias[None] * sin
            setattr(self, name, _RowProduct(weight, bias[:, None, :]))
        self.v = _fold_norm(block.norm1, attn.qkv, (w[2 * dim:], b[2 * dim:]))
        self.proj, self.fc2 = attn.proj, block.mlp.fc2
        self.fc1 = _fold_norm(block.norm2, block.mlp.fc1)
        self.act = nn.GELU()

    def forward(self, x: torch.Tensor, length: int, bias: Optional[torch.Tensor] = None,
                out_rows: Optional[int] = None) -> torch.Tensor:
        """x: [L, samples, C] with L = length (a Python int, so the weight rows are constants);
        bias: additive [L, L] or None.

        With `out_rows` r, returns only the last r rows [r, samples, C]: every row's key and value
        are still needed, but the queries, attention output, proj and MLP only for those rows."""
        c, h, hd = self.dim, self.heads, self.head_dim
        rows = length if out_rows is None else out_rows
        xn = _norm(x, self.eps1)
        k = self.k(xn, 0).reshape(length, -1, h, hd).permute(1, 2, 3, 0)  # [S, H, hd, L]
        v = self.v(xn).reshape(length, -1, h, hd).permute(1, 2, 0, 3)  # [S, H, L, hd]
        if out_rows is not None:
            xn, x = xn[length - rows:], x[length - rows:]
            bias = None if bias is None else bias[length - rows:]
        q = self.q(xn, length - rows).reshape(rows, -1, h, hd).permute(1, 2, 0, 3)  # [S, H, r, hd]
        scores = torch.matmul(q, k)
        if bias is not None:
            scores = scores + bias
        out = torch.matmul(scores.softmax(dim=-1), v).permute(2, 0, 1, 3).reshape(rows, -1, c)
        return self._mlp(x + self.proj(out))

    def _mlp(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.fc2(self.act(self.fc1(_norm(x, self.eps2))))

    def forward_one_step(self, x_a: torch.Tensor, x_shared: torch.Tensor, m: int,
                         out_rows: Optional[int] = None) -> torch.Tensor:
        """The block over one time step whose tokens are [a (per sample), shared...].

        x_a: [1, S, C], the action token; x_shared: [M, 1, C] (m = M), the state and patch tokens, the same
        for every sample. Only the action token's q, k, v are per sample: a shared query i sees the
        shared keys (scores, softmax sums and value sums computed once) plus the one key of its
        sample's action, so its attention is the shared sums updated by one term. Returns [1 + M, S, C],
        or with `out_rows` r ≤ M only the last r rows [r, S, C] (then the action query is not needed).
        """
        c, h, hd = self.dim, self.heads, self.head_dim
        xn_a, xn_s = _norm(x_a, self.eps1), _norm(x_shared, self.eps1)
        ka = self.k(xn_a, 0).reshape(1, -1, h, hd)  # [1, S, H, hd]
        va = self.v(xn_a).reshape(1, -1, h, hd)
        qs_h = self.q(xn_s, 1).reshape(m, h, hd).transpose(0, 1)  # [H, M, hd]
        ks_h = self.k(xn_s, 1).reshape(m, h, hd).transpose(0, 1)  # [H, M, hd]
        vs_h = self.v(xn_s).reshape(m, h, hd).transpose(0, 1)
        # Shared queries: softmax over [action key, shared keys], from the shared part's max and sums.
        shared_scores = torch.matmul(qs_h, ks_h.transpose(-2, -1))  # [H, M, M]
        top = shared_scores.max(dim=-1, keepdim=True).values
        weights = torch.exp(shared_scores - top)
        total = weights.sum(dim=-1, keepdim=True).transpose(0, 1).unsqueeze(1)  # [M, 1, H, 1]
        values = torch.matmul(weights, vs_h).transpose(0, 1).unsqueeze(1)  # [M, 1, H, hd]
        top = top.transpose(0, 1).unsqueeze(1)  # [M, 1, H, 1]
        first = 0
        if out_rows is not None:
            if out_rows > m:
                raise ValueError(f"out_rows {out_rows} must be at most the {m} shared rows")
            first = m - out_rows
            qs_h, top, total, values = qs_h[:, first:], top[first:], total[first:], values[first:]
        # Each shared query · this sample's action key, as one product per head: [M', S, H, 1].
        own = torch.matmul(ka.reshape(-1, h, hd).transpose(0, 1), qs_h.transpose(-2, -1)).permute(2, 1, 0)
        own = own.unsqueeze(-1)
        new_top = torch.maximum(top, own)
        keep, add = torch.exp(top - new_top), torch.exp(own - new_top)
        # (values·keep + va·add) / (total·keep + add), dividing the narrow [M', S, H, 1] factors.
        den = total * keep + add
        out_shared = (values * (keep / den) + va * (add / den)).reshape(m - first, -1, c)  # [M', S, C]
        if out_rows is not None:
            return self._mlp(x_shared[first:] + self.proj(out_shared))
        # The action query sees every key.
        qa = self.q(xn_a, 0).reshape(-1, h, 1, hd)  # [S, H, 1, hd]
        ka4, va4 = ka.reshape(-1, h, 1, hd), va.reshape(-1, h, 1, hd)
        scores_a = torch.cat([(qa * ka4).sum(dim=-1, keepdim=True),
                              torch.matmul(qa, ks_h.transpose(-2, -1))], dim=-1)  # [S, H, 1, 1 + M]
        probs = scores_a.softmax(dim=-1)
        out_a = (probs[..., :1] * va4 + torch.matmul(probs[..., 1:], vs_h)).reshape(1, -1, c)  # [1, S, C]
        # Residuals per part: the shared rows broadcast over the samples, no expanded copy.
        x = torch.cat([x_a + self.proj(out_a), x_shared + self.proj(out_shared)], dim=0)
        return self._mlp(x)


class PlanningEnergyGraph(nn.Module):
    """(context [1,N,D], state [1,7], goal [1,N,D], actions [S,H,7]) → energies [S], fast form.

    Inside, tokens are laid out [rows, samples, features] (see _Block)."""

    def __init__(self, predictor: ACPredictor, horizon: int) -> None:
        super().__init__()
        cfg = predictor.cfg
        if horizon < 1 or horizon > cfg.max_frames:
            raise ValueError(f"horizon {horizon} must be in [1, max_frames={cfg.max_frames}]")
        self.horizon, self.n, self.residual = horizon, predictor.tokens_per_frame, cfg.residual
        self.dim, self.latent_dim = cfg.embed_dim, predictor.predictor_proj.out_features
        self.embed, self.action_encoder = predictor.predictor_embed, predictor.action_encoder
        self.state_encoder = predictor.state_encoder
        # Only the rows this horizon uses: the per-row weights are exported as constants.
        length = horizon * (COND_TOKENS + self.n)
        cos = predictor.rope_cos.repeat(1, cfg.num_heads)[:length]
        sin = predictor.rope_sin.repeat(1, cfg.num_heads)[:length]
        self.blocks = nn.ModuleList(_Block(b, cfg.num_heads, cos, sin) for b in predictor.predictor_blocks)
        self.final_eps = predictor.predictor_norm.eps
        self.final_proj = _fold_norm(predictor.predictor_norm, predictor.predictor_proj)
        self.register_buffer("mask", predictor.attn_bias, persistent=False)

    def _predict(self, frames: List[torch.Tensor], actions: torch.Tensor, states: List[torch.Tensor],
                 samples: int) -> torch.Tensor:
        """Planning latent [N, S, D] after len(frames) steps; frames[0] is [N, 1, C] (shared)."""
        steps = len(frames)
        length = steps * (COND_TOKENS + self.n)
        blocks = list(self.blocks)
        # The output is the last frame's n patch rows: the last block computes only those.
        last = len(blocks) - 1
        if steps == 1:
            # One time step: only the action token differs between samples (see forward_one_step).
            a = self.action_encoder(actions[:, 0]).unsqueeze(0)
            shared = torch.cat([self.state_encoder(states[0]).unsqueeze(0), frames[0]], dim=0)
            x = blocks[0].forward_one_step(a, shared, 1 + self.n, self.n if last == 0 else None)
            blocks = blocks[1:]
        else:
            tokens = []
            for t in range(steps):
                a = self.action_encoder(actions[:, t]).unsqueeze(0)
                s = self.state_encoder(states[t]).unsqueeze(0)
                tokens += [a, s.expand(1, samples, self.dim), frames[t].expand(self.n, samples, self.dim)]
            x = torch.cat(tokens, dim=0)
        bias = self.mask[:length, :length] if steps > 1 else None
        for i, block in enumerate(blocks):
            x = block(x, length, bias, self.n if i == len(blocks) - 1 else None)
        return self.final_proj(_norm(x, self.final_eps))

    def forward(self, context: torch.Tensor, state: torch.Tensor, goal: torch.Tensor,
                actions: torch.Tensor) -> torch.Tensor:
        samples = actions.shape[0]
        context = context.transpose(0, 1)  # [N, 1, D]
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
        return (nxt - goal.transpose(0, 1)).abs().mean(dim=(0, 2))
