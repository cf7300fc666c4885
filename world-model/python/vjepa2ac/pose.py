"""End-effector pose update used by the V-JEPA 2-AC rollout, in exportable torch ops.

State: x, y, z (m), extrinsic xyz Euler angles (rad), gripper closedness in [0, 1].
Update:  xyz' = xyz + Δxyz;  R' = R(Δθ) · R(θ);  θ' = euler(R');  g' = clip(g + Δg, 0, 1).
"Extrinsic xyz" means R = Rz(γ) · Ry(β) · Rx(α) for angles (α, β, γ), as scipy's
``Rotation.from_euler("xyz", ...)`` defines it. Away from gimbal lock (|β| = π/2) the inverse
below returns the same angles as scipy's ``as_euler("xyz")``.
"""

from __future__ import annotations

import math

import torch


def euler_to_matrix(angles: torch.Tensor) -> torch.Tensor:
    """[..., 3] extrinsic xyz angles → [..., 3, 3] rotation matrices."""
    ca, cb, cc = angles[..., 0].cos(), angles[..., 1].cos(), angles[..., 2].cos()
    sa, sb, sc = angles[..., 0].sin(), angles[..., 1].sin(), angles[..., 2].sin()
    rows = [
        torch.stack([cc * cb, cc * sb * sa - sc * ca, cc * sb * ca + sc * sa], dim=-1),
        torch.stack([sc * cb, sc * sb * sa + cc * ca, sc * sb * ca - cc * sa], dim=-1),
        torch.stack([-sb, cb * sa, cb * ca], dim=-1),
    ]
    return torch.stack(rows, dim=-2)


def atan2(y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Quadrant-aware arctangent from Atan and Where (PyTorch 1.13 cannot export aten::atan2)."""
    zero = torch.zeros_like(x)
    safe_x = torch.where(x == 0, torch.ones_like(x), x)
    base = torch.atan(y / safe_x)
    pi = torch.full_like(x, math.pi)
    base = torch.where(x < 0, torch.where(y >= 0, base + pi, base - pi), base)
    on_axis = torch.where(y > 0, pi / 2, torch.where(y < 0, -pi / 2, zero))
    return torch.where(x == 0, on_axis, base)


def matrix_to_euler(m: torch.Tensor) -> torch.Tensor:
    """[..., 3, 3] rotation matrices → [..., 3] extrinsic xyz angles (β in [−π/2, π/2])."""
    beta = torch.asin(torch.clamp(-m[..., 2, 0], -1.0, 1.0))
    alpha = atan2(m[..., 2, 1], m[..., 2, 2])
    gamma = atan2(m[..., 1, 0], m[..., 0, 0])
    return torch.stack([alpha, beta, gamma], dim=-1)


def update_pose(state: torch.Tensor, action: torch.Tensor) -> torch.Tensor:
    """Apply action [..., 7] to state [..., 7]; returns the next state [..., 7]."""
    xyz = state[..., :3] + action[..., :3]
    rot = torch.matmul(euler_to_matrix(action[..., 3:6]), euler_to_matrix(state[..., 3:6]))
    gripper = torch.clamp(state[..., 6:7] + action[..., 6:7], 0.0, 1.0)
    return torch.cat([xyz, matrix_to_euler(rot), gripper], dim=-1)


def state_change(states: torch.Tensor) -> torch.Tensor:
    """[T, 7] consecutive states → [T−1, 7] actions that lead from each state to the next.

    The inverse of ``update_pose`` away from its clip: Δxyz = xyz_{t+1} − xyz_t,
    Δθ = euler(R_{t+1} · R_tᵀ), Δg = g_{t+1} − g_t. This is how V-JEPA 2-AC makes its training
    actions from the robot's recorded poses: the change that happened, not the change commanded.
    """
    xyz = states[1:, :3] - states[:-1, :3]
    rot = torch.matmul(euler_to_matrix(states[1:, 3:6]), euler_to_matrix(states[:-1, 3:6]).transpose(-1, -2))
    gripper = states[1:, 6:7] - states[:-1, 6:7]
    return torch.cat([xyz, matrix_to_euler(rot), gripper], dim=-1)
