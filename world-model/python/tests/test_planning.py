"""The planning form of the energy graph computes rollout.EnergyGraph's function (planning.py)."""

from __future__ import annotations

import dataclasses
import json

import pytest
import torch

import export
from vjepa2ac import PRESETS, ACPredictor, VideoEncoder
from vjepa2ac.checkpoint import official_layout
from vjepa2ac.planning import PlanningEnergyGraph
from vjepa2ac.rollout import EnergyGraph


def _lively(module: torch.nn.Module) -> torch.nn.Module:
    """Training-init weights leave norms at 1/0; perturb everything so differences would show."""
    with torch.no_grad():
        for p in module.parameters():
            p.add_(torch.randn_like(p) * 0.1)
    return module.eval()


@pytest.mark.parametrize("horizon", [1, 2, 3])
@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_planning_form_matches_the_reference_rollout(horizon, residual, depth):
    # depth 1: the one-step block is also the last block, trimmed to the output rows at horizon 1.
    cfg = PRESETS["tiny"]
    pred = _lively(ACPredictor(dataclasses.replace(cfg.predictor, residual=residual, depth=depth), cfg.encoder))
    n, d = cfg.encoder.tokens_per_frame, cfg.encoder.embed_dim
    context = torch.nn.functional.layer_norm(torch.randn(1, n, d), (d,))
    goal = torch.nn.functional.layer_norm(torch.randn(1, n, d), (d,))
    state = torch.tensor([[0.45, 0.0, 0.3, 3.1, 0.1, -0.2, 0.2]])
    actions = torch.randn(37, horizon, 7) * 0.05
    with torch.no_grad():
        expected = EnergyGraph(pred, horizon)(context, state, goal, actions)
        got = PlanningEnergyGraph(pred, horizon)(context, state, goal, actions)
    assert (got - expected).abs().max() < 1e-5


def test_horizon_outside_the_predictor_is_refused():
    cfg = PRESETS["tiny"]
    with pytest.raises(ValueError, match="horizon 9 must be in"):
        PlanningEnergyGraph(ACPredictor(cfg.predictor, cfg.encoder), 9)


def test_refresh_energy_rewrites_only_the_energy_graphs(tmp_path, capsys):
    cfg = PRESETS["tiny"]
    torch.manual_seed(1)
    path = tmp_path / "tiny.pt"
    torch.save(official_layout(VideoEncoder(cfg.encoder), ACPredictor(cfg.predictor, cfg.encoder)), path)
    out = tmp_path / "bundle"
    assert export.main(["--checkpoint", str(path), "--out", str(out), "--preset", "tiny",
                        "--horizons", "1,2"]) == 0
    before = json.loads((out / "model.json").read_text())
    before["provenance"]["training"] = {"seed": 5}
    (out / "model.json").write_text(json.dumps(before))
    (out / "energy_h2.onnx").write_bytes(b"stale")
    assert export.main(["--checkpoint", str(path), "--out", str(out), "--preset", "tiny",
                        "--refresh-energy"]) == 0
    after = json.loads((out / "model.json").read_text())
    assert after["provenance"]["training"] == {"seed": 5}
    assert "energy_export" in after["provenance"]
    assert after["files"]["encoder.onnx"] == before["files"]["encoder.onnx"]
    assert after["files"]["energy_h2.onnx"]["bytes"] == (out / "energy_h2.onnx").stat().st_size > 5
    capsys.readouterr()
    assert export.main(["--checkpoint", str(path), "--out", str(tmp_path / "none"), "--preset", "tiny",
                        "--refresh-energy"]) == 2
    assert "needs --checkpoint and an existing bundle" in capsys.readouterr().err


def test_int8_arithmetic_is_dynamic_quantize_linear():
    from vjepa2ac.quantize import _quantize_activations

    x = torch.tensor([-1.0, 0.0, 0.5, 3.0])
    q, scale, zero = _quantize_activations(x)
    # ONNX DynamicQuantizeLinear: scale = (max(0, 3) - min(0, -1)) / 255, zero = round(1 / scale)
    assert float(scale) == pytest.approx(4.0 / 255)
    assert float(zero) == 64.0
    assert q.tolist() == [0.0, 64.0, 96.0, 255.0]


def test_int8_graph_stays_near_float32_and_exports(tmp_path):
    from vjepa2ac.quantize import quantize_products

    cfg = PRESETS["tiny"]
    pred = _lively(ACPredictor(cfg.predictor, cfg.encoder))
    n, d = cfg.encoder.tokens_per_frame, cfg.encoder.embed_dim
    context = torch.nn.functional.layer_norm(torch.randn(1, n, d), (d,))
    goal = torch.nn.functional.layer_norm(torch.randn(1, n, d), (d,))
    state, actions = torch.rand(1, 7), torch.randn(200, 1, 7) * 0.05
    with torch.no_grad():
        fp32 = PlanningEnergyGraph(pred, 1)(context, state, goal, actions)
        int8 = quantize_products(PlanningEnergyGraph(pred, 1))(context, state, goal, actions)
    # Near, not equal: planning fidelity is judged on the trained model (Int8FidelityBenchmark).
    assert 0 < (int8 - fp32).abs().max() < 0.05 * fp32.abs().mean()

    path = tmp_path / "tiny.pt"
    torch.save(official_layout(VideoEncoder(cfg.encoder), pred), path)
    out = tmp_path / "bundle"
    assert export.main(["--checkpoint", str(path), "--out", str(out), "--preset", "tiny", "--int8"]) == 0
    assert "int8" in json.loads((out / "model.json").read_text())["energy_quantization"]
    assert b"MatMulInteger" in (out / "energy_h1.onnx").read_bytes()
    assert export.main(["--checkpoint", str(path), "--out", str(out), "--preset", "tiny", "--refresh-energy"]) == 0
    assert "energy_quantization" not in json.loads((out / "model.json").read_text())
