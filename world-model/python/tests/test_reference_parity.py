"""Numerical parity with the public V-JEPA 2 code, when a checkout of it is available.

Set VJEPA2_REFERENCE_SRC to the root of a facebookresearch/vjepa2 checkout (the directory that
contains ``src/``) to run these tests; they are skipped otherwise (CI has no copy of it). The
reference needs timm, einops, tqdm (scipy for the pose test) and torch >= 2.0's
scaled_dot_product_attention; `vjepa2ac.reference` installs minimal stand-ins for those so that it
runs on Debian's PyTorch 1.13.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from vjepa2ac import PRESETS
from vjepa2ac.checkpoint import build_models, clean_keys, infer_config
from vjepa2ac.reference import import_reference

SRC = os.environ.get("VJEPA2_REFERENCE_SRC")
pytestmark = pytest.mark.skipif(not SRC, reason="VJEPA2_REFERENCE_SRC is not set")


@pytest.fixture(scope="module")
def reference():
    vit = import_reference(Path(SRC), "src.models.vision_transformer")
    ac = import_reference(Path(SRC), "src.models.ac_predictor")
    return vit, ac


def _reference_pair(vit, ac, image: int, frames: int):
    torch.manual_seed(3)
    enc = vit.VisionTransformer(img_size=image, patch_size=16, num_frames=frames, tubelet_size=2,
                                embed_dim=96, depth=2, num_heads=4, mlp_ratio=2.0, use_rope=True,
                                norm_layer=lambda d: torch.nn.LayerNorm(d, eps=1e-6)).eval()
    pred = ac.vit_ac_predictor(img_size=image, patch_size=16, num_frames=frames, tubelet_size=2,
                               embed_dim=96, predictor_embed_dim=80, depth=2, num_heads=4,
                               use_rope=True, action_embed_dim=7).eval()
    with torch.no_grad():  # livelier than the training init so differences would show
        for p in list(enc.parameters()) + list(pred.parameters()):
            p.add_(torch.randn_like(p) * 0.1)
    return enc, pred


def test_matches_reference_encoder_and_predictor(reference):
    vit, ac = reference
    ref_enc, ref_pred = _reference_pair(vit, ac, image=64, frames=8)
    enc_sd = {f"module.backbone.{k}": v for k, v in ref_enc.state_dict().items()}
    pred_sd = {f"module.backbone.{k}": v for k, v in ref_pred.state_dict().items()}
    enc_sd, pred_sd = clean_keys(enc_sd), clean_keys(pred_sd)
    cfg = infer_config(enc_sd, pred_sd, PRESETS["tiny"],
                       {"encoder": {"num_heads": 4, "image_size": 64}, "predictor": {"num_heads": 4}})
    enc, pred = build_models(enc_sd, pred_sd, cfg)
    frames = torch.randn(3, 3, 2, 64, 64)
    with torch.no_grad():
        expected = F.layer_norm(ref_enc(frames), (96,))
        assert (enc.encode_for_planning(frames) - expected).abs().max() < 1e-5
        for t in (1, 2, 3):
            latents = torch.randn(2, t * 16, 96)
            acts, states = torch.randn(2, t, 7) * 0.05, torch.rand(2, t, 7)
            ref = F.layer_norm(ref_pred(latents, acts, states)[:, -16:], (96,))
            assert (pred.predict_next(latents, acts, states) - ref).abs().max() < 1e-5, f"T={t}"


def test_pose_update_matches_reference(reference):
    pytest.importorskip("scipy")
    mpc = import_reference(Path(SRC) / "notebooks", "utils.mpc_utils")
    from vjepa2ac.pose import update_pose

    state = torch.rand(64, 1, 7) * 2 - 1
    action = (torch.rand(64, 1, 7) * 2 - 1) * 0.3
    expected = mpc.compute_new_pose(state.double(), action.double()).float()
    assert (update_pose(state, action) - expected).abs().max() < 1e-5


def test_reference_cem_times_the_public_planner_on_a_bundle(capsys):
    import json

    import reference_cem

    bundle = Path(__file__).resolve().parents[2] / "bundles" / "sim-small96"
    assert reference_cem.main(["--bundle", str(bundle), "--reference-src", SRC, "--samples", "16",
                               "--iterations", "2", "--runs", "2", "--threads", "1"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert len(result["seconds_per_action"]) == 2 and result["median_seconds"] > 0
    assert result["median_thread_cpu_seconds"] > 0
    assert result["max_abs_energy_difference_vs_project"] < 1e-5
