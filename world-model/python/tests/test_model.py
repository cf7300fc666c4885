"""Properties of the PyTorch model that must hold whatever the weights."""

from __future__ import annotations

import dataclasses
import math

import torch

from vjepa2ac import PRESETS, ACPredictor, VideoEncoder
from vjepa2ac.checkpoint import clean_keys, infer_config
from vjepa2ac.pose import atan2, euler_to_matrix, matrix_to_euler, state_change, update_pose
from vjepa2ac.rollout import EnergyGraph
from vjepa2ac.rope import band_width, rotate, tables

CFG = PRESETS["tiny"]


def models():
    return VideoEncoder(CFG.encoder).eval(), ACPredictor(CFG.predictor, CFG.encoder).eval()


def test_vitg_bands_match_release():
    assert band_width(1408 // 22) == 20 and band_width(1024 // 16) == 20


def test_rope_layout_position_zero_identity_and_unrotated_tail():
    # head_dim 14 → three bands of 4 channels, channels 12..13 never rotated.
    x = torch.randn(2, 3, 5, 14)
    pos = torch.arange(5.0)
    cos, sin = tables(14, pos, pos * 2, pos * 3)
    y = rotate(x, cos, sin)
    assert torch.allclose(y[:, :, 0], x[:, :, 0])
    assert torch.equal(y[..., 12:], x[..., 12:])
    # The release's [f, f] frequency layout: channel i and i + width/2 share an angle.
    assert torch.allclose(cos[:, 0], cos[:, 2]) and torch.allclose(cos[:, 1], cos[:, 3])
    assert torch.allclose(sin[:, 4], torch.sin(pos * 2))


def test_predictor_is_block_causal():
    _, pred = models()
    n = pred.tokens_per_frame
    lat, act, st = torch.randn(1, 3 * n, 48), torch.randn(1, 3, 7), torch.randn(1, 3, 7)
    with torch.no_grad():
        full = pred(lat, act, st)
        lat2, act2, st2 = lat.clone(), act.clone(), st.clone()
        lat2[:, 2 * n:] += 1.0
        act2[:, 2] += 1.0
        st2[:, 2] += 1.0
        changed = pred(lat2, act2, st2)
        short = pred(lat[:, : 2 * n], act[:, :2], st[:, :2])
    assert torch.allclose(full[:, : 2 * n], changed[:, : 2 * n], atol=1e-6)
    assert not torch.allclose(full[:, 2 * n:], changed[:, 2 * n:], atol=1e-3)
    assert torch.allclose(full[:, : 2 * n], short, atol=1e-5)


def test_residual_predictor_predicts_the_change():
    cfg = PRESETS["tiny"]
    torch.manual_seed(0)
    plain = ACPredictor(cfg.predictor, cfg.encoder)
    residual = ACPredictor(dataclasses.replace(cfg.predictor, residual=True), cfg.encoder)
    residual.load_state_dict(plain.state_dict())  # same keys: the release's layout either way
    n = plain.tokens_per_frame
    lat, act, st = torch.randn(2, 2 * n, 48), torch.randn(2, 2, 7), torch.randn(2, 2, 7)
    with torch.no_grad():
        assert torch.allclose(residual(lat, act, st), plain(lat, act, st) + lat, atol=1e-6)
        residual.predictor_proj.weight.zero_()
        residual.predictor_proj.bias.zero_()
        assert torch.equal(residual(lat, act, st), lat)  # no change predicted: each frame is kept


def test_planning_latents_are_normalised():
    enc, _ = models()
    with torch.no_grad():
        z = enc.encode_for_planning(torch.randn(2, 3, 2, 64, 64))
    assert torch.allclose(z.mean(-1), torch.zeros(2, 16), atol=1e-5)
    assert torch.allclose(z.var(-1, unbiased=False), torch.ones(2, 16), atol=1e-3)


def test_energy_is_l1_of_rollout():
    enc, pred = models()
    with torch.no_grad():
        z = enc.encode_for_planning(torch.randn(2, 3, 2, 64, 64))
        state, actions = torch.rand(1, 7), torch.randn(5, 2, 7) * 0.05
        graph = EnergyGraph(pred, 2)
        energies = graph(z[:1], state, z[1:], actions)
        first = pred.predict_next(z[:1].expand(5, -1, -1), actions[:, :1], state.expand(5, 7)[:, None])
        s2 = update_pose(state.expand(5, 7), actions[:, 0])
        second = pred.predict_next(torch.cat([z[:1].expand(5, -1, -1), first], 1), actions,
                                   torch.stack([state.expand(5, 7), s2], 1))
    assert torch.allclose(energies, (second - z[1:]).abs().mean(dim=(1, 2)), atol=1e-6)


def test_pose_update_conventions():
    state = torch.tensor([0.4, -0.1, 0.3, 0.2, -0.5, 1.0, 0.9])
    zero_rot = torch.tensor([0.01, 0.02, -0.03, 0.0, 0.0, 0.0, 0.5])
    out = update_pose(state, zero_rot)
    assert torch.allclose(out[:3], state[:3] + zero_rot[:3])
    assert torch.allclose(out[3:6], state[3:6], atol=1e-6)
    assert out[6] == 1.0  # gripper clipped to [0, 1]
    yaw = update_pose(torch.zeros(7), torch.tensor([0, 0, 0, 0, 0, 0.3, -0.2]))
    assert torch.allclose(yaw, torch.tensor([0, 0, 0, 0, 0, 0.3, 0.0]), atol=1e-6)


def test_state_change_inverts_the_pose_update():
    g = torch.Generator().manual_seed(3)
    states = torch.rand(50, 7, generator=g)
    states[:, :3] = states[:, :3] * 0.4 + 0.2
    states[:, 3:6] = (states[:, 3:6] * 2 - 1) * torch.tensor([math.pi, 1.2, math.pi])
    actions = state_change(states)
    assert actions.shape == (49, 7)
    assert torch.allclose(actions[:, :3], states[1:, :3] - states[:-1, :3])
    assert torch.allclose(actions[:, 6], states[1:, 6] - states[:-1, 6])
    nxt = update_pose(states[:-1], actions)
    wrapped = torch.remainder(nxt[:, 3:6] - states[1:, 3:6] + math.pi, 2 * math.pi) - math.pi
    assert torch.allclose(nxt[:, :3], states[1:, :3], atol=1e-6) and wrapped.abs().max() < 1e-4
    assert torch.allclose(nxt[:, 6], states[1:, 6])


def test_euler_round_trip_and_atan2():
    angles = (torch.rand(500, 3) * 2 - 1) * torch.tensor([math.pi, 1.5, math.pi])
    assert torch.allclose(matrix_to_euler(euler_to_matrix(angles)), angles, atol=1e-4)
    y, x = torch.randn(1000), torch.randn(1000)
    x[:10] = 0.0
    assert torch.allclose(atan2(y, x), torch.atan2(y, x), atol=1e-6)


def test_config_inferred_from_prefixed_state_dict():
    enc, pred = models()
    e = clean_keys({f"module.backbone.{k}": v for k, v in enc.state_dict().items()})
    p = clean_keys({f"module.{k}": v for k, v in pred.state_dict().items()})
    cfg = infer_config(e, p, PRESETS["vjepa2-ac-vitg"],
                       {"encoder": {"num_heads": 2, "image_size": 64}, "predictor": {"num_heads": 2}})
    assert cfg.encoder == CFG.encoder
    assert cfg.predictor.embed_dim == 64 and cfg.predictor.depth == 2 and cfg.predictor.mlp_hidden_dim == 128
