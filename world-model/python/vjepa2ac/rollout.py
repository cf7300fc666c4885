"""Fused planning graph: batched rollout of the predictor and L1 energy to a goal latent.

Mirrors the public V-JEPA 2-AC MPC loop: at rollout step h the predictor sees all latents so far
(context + predictions), actions a_1..a_h and states s_1..s_h; its last-frame output, layer-normalised,
is appended, and the state advances by the pose update. The energy of a sample is the mean
absolute difference between the final predicted latent and the goal latent.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from .pose import update_pose
from .predictor import ACPredictor


class EnergyGraph(nn.Module):
    """(context [1,N,D], state [1,7], goal [1,N,D], actions [S,H,7]) → energies [S]."""

    def __init__(self, predictor: ACPredictor, horizon: int) -> None:
        super().__init__()
        if horizon < 1 or horizon > predictor.cfg.max_frames:
            raise ValueError(f"horizon {horizon} must be in [1, max_frames={predictor.cfg.max_frames}]")
        self.predictor = predictor
        self.horizon = horizon

    def rollout(self, context: torch.Tensor, state: torch.Tensor, actions: torch.Tensor) -> torch.Tensor:
        """Predicted planning latents [S, H, N, D] for each sample's action sequence."""
        samples = actions.shape[0]
        latents = context.expand(samples, context.shape[1], context.shape[2])
        states = state.expand(samples, state.shape[1]).unsqueeze(1)
        predicted = []
        for h in range(self.horizon):
            nxt = self.predictor.predict_next(latents, actions[:, : h + 1], states)
            predicted.append(nxt)
            if h + 1 < self.horizon:
                latents = torch.cat([latents, nxt], dim=1)
                step_state = update_pose(states[:, -1], actions[:, h]).unsqueeze(1)
                states = torch.cat([states, step_state], dim=1)
        return torch.stack(predicted, dim=1)

    def forward(self, context: torch.Tensor, state: torch.Tensor, goal: torch.Tensor,
                actions: torch.Tensor) -> torch.Tensor:
        final = self.rollout(context, state, actions)[:, -1]
        return (final - goal).abs().mean(dim=(1, 2))
