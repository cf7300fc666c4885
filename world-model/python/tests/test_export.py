"""Exporter: official-layout checkpoints in, a complete bundle out; precise errors otherwise."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest
import torch

import export
from vjepa2ac import PRESETS, ACPredictor, VideoEncoder
from vjepa2ac.checkpoint import official_layout


@pytest.fixture()
def checkpoint(tmp_path):
    cfg = PRESETS["tiny"]
    enc, pred = VideoEncoder(cfg.encoder), ACPredictor(cfg.predictor, cfg.encoder)
    path = tmp_path / "tiny.pt"
    torch.save(official_layout(enc, pred), path)
    return path


def run(capsys, *argv):
    code = export.main(list(map(str, argv)))
    return code, capsys.readouterr().err


def test_export_writes_complete_bundle(tmp_path, checkpoint, capsys):
    out = tmp_path / "bundle"
    code, err = run(capsys, "--checkpoint", checkpoint, "--out", out, "--preset", "tiny", "--horizons", "1,3")
    assert code == 0, err
    manifest = json.loads((out / "model.json").read_text())
    assert set(manifest["files"]) == {"encoder.onnx", "predictor.onnx", "energy_h1.onnx", "energy_h3.onnx"}
    for name, entry in manifest["files"].items():
        data = (out / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    assert manifest["latent"] == {"tokens_per_frame": 16, "grid_height": 4, "grid_width": 4, "dim": 48,
                                  "normalization": "layer_norm_no_affine"}
    assert manifest["predictor"]["max_frames"] == 4
    assert [e["horizon"] for e in manifest["energy"]] == [1, 3]
    assert manifest["flops"]["predictor_step_per_sample"]["3"] > manifest["flops"]["predictor_step_per_sample"]["1"]
    assert manifest["provenance"]["checkpoint_sha256"] == hashlib.sha256(checkpoint.read_bytes()).hexdigest()


def test_residual_predictor_is_taken_from_the_checkpoint(tmp_path, capsys):
    cfg = PRESETS["tiny"]
    cfg = dataclasses.replace(cfg, predictor=dataclasses.replace(cfg.predictor, residual=True))
    torch.manual_seed(0)
    enc, pred = VideoEncoder(cfg.encoder), ACPredictor(cfg.predictor, cfg.encoder)
    path = tmp_path / "residual.pt"
    torch.save({**official_layout(enc, pred), "architecture": cfg.to_dict()}, path)
    out = tmp_path / "bundle"
    code, err = run(capsys, "--checkpoint", path, "--out", out, "--preset", "tiny")
    assert code == 0, err
    assert json.loads((out / "model.json").read_text())["architecture"]["predictor"]["residual"] is True
    # The release's checkpoints record no architecture: plain unless the flag says otherwise.
    torch.save(official_layout(enc, pred), path)
    for flags, residual in (((), False), (("--predictor-residual",), True)):
        code, err = run(capsys, "--checkpoint", path, "--out", out, "--preset", "tiny", *flags)
        assert code == 0, err
        assert json.loads((out / "model.json").read_text())["architecture"]["predictor"]["residual"] is residual


def test_state_convention_defaults_to_the_checkpoints_origin(tmp_path, checkpoint, capsys):
    def exported(path, *flags):
        out = tmp_path / "conv"
        code, err = run(capsys, "--checkpoint", path, "--out", out, "--preset", "tiny", *flags)
        assert code == 0, err
        return json.loads((out / "model.json").read_text())["state_convention"]

    # The release layout is the official checkpoint's: DROID's flange.
    assert exported(checkpoint) == {"frame_name": "panda_link8", "offset_from_flange_m": 0.0,
                                    "rotation_about_flange_z_rad": 0.0, "euler": "extrinsic-xyz",
                                    "gripper": "closedness"}
    sim = exported(checkpoint, "--state-convention", "sim")
    assert sim["frame_name"] == "franka_hand_tcp" and sim["offset_from_flange_m"] == 0.1034
    assert sim["rotation_about_flange_z_rad"] == pytest.approx(-0.7853981633974483, abs=0)
    # A train.py checkpoint records its convention; one that predates the record is still sim's.
    obj = torch.load(checkpoint)
    trained = tmp_path / "trained.pt"
    torch.save({**obj, "architecture": PRESETS["tiny"].to_dict()}, trained)
    assert exported(trained)["frame_name"] == "franka_hand_tcp"
    assert exported(trained, "--state-convention", "droid")["frame_name"] == "panda_link8"
    torch.save({**obj, "state_convention": "droid"}, trained)
    assert exported(trained)["frame_name"] == "panda_link8"
    torch.save({**obj, "state_convention": "mujoco"}, trained)
    code, err = run(capsys, "--checkpoint", trained, "--out", tmp_path / "bad", "--preset", "tiny")
    assert code == 2 and "records state convention 'mujoco'" in err and "--state-convention" in err


def test_fp16_option(tmp_path, checkpoint, capsys):
    out = tmp_path / "fp16"
    code, err = run(capsys, "--checkpoint", checkpoint, "--out", out, "--preset", "tiny", "--fp16")
    if torch.cuda.is_available():
        assert code == 0, err
        assert json.loads((out / "model.json").read_text())["compute_dtype"] == "float16"
    else:
        assert code == 2 and "--fp16 needs a CUDA device" in err


def test_not_a_checkpoint(tmp_path, capsys):
    bogus = tmp_path / "notes.pt"
    bogus.write_text("hello")
    code, err = run(capsys, "--checkpoint", bogus, "--out", tmp_path / "b", "--preset", "tiny")
    assert code == 2 and "is not a PyTorch checkpoint" in err


def test_wrong_top_level_keys(tmp_path, capsys):
    path = tmp_path / "wrong.pt"
    torch.save({"model": {}}, path)
    code, err = run(capsys, "--checkpoint", path, "--out", tmp_path / "b", "--preset", "tiny")
    assert code == 2 and "no top-level 'encoder' and 'predictor'" in err and "['model']" in err


def _mutated(tmp_path, checkpoint, mutate):
    state = torch.load(checkpoint)
    mutate(state)
    path = tmp_path / "mutated.pt"
    torch.save(state, path)
    return path


def test_missing_key_is_named(tmp_path, checkpoint, capsys):
    path = _mutated(tmp_path, checkpoint, lambda s: s["predictor"].pop("module.backbone.predictor_norm.bias"))
    code, err = run(capsys, "--checkpoint", path, "--out", tmp_path / "b", "--preset", "tiny")
    assert code == 2 and "missing key 'predictor_norm.bias' (expected shape [64])" in err


def test_extra_key_is_named(tmp_path, checkpoint, capsys):
    path = _mutated(tmp_path, checkpoint,
                    lambda s: s["encoder"].__setitem__("module.backbone.blocks.0.gamma", torch.zeros(3)))
    code, err = run(capsys, "--checkpoint", path, "--out", tmp_path / "b", "--preset", "tiny")
    assert code == 2 and "unexpected key 'blocks.0.gamma' (shape [3])" in err


def test_shape_mismatch_names_expected_and_found(tmp_path, checkpoint, capsys):
    def shrink(s):
        s["encoder"]["module.backbone.blocks.1.attn.proj.weight"] = torch.zeros(48, 40)

    path = _mutated(tmp_path, checkpoint, shrink)
    code, err = run(capsys, "--checkpoint", path, "--out", tmp_path / "b", "--preset", "tiny")
    assert code == 2 and "key 'blocks.1.attn.proj.weight': expected shape [48, 48], found [48, 40]" in err


def test_declared_patch_size_must_match(tmp_path, checkpoint, capsys):
    code, err = run(capsys, "--checkpoint", checkpoint, "--out", tmp_path / "b", "--preset", "tiny",
                    "--patch-size", "14")
    assert code == 2 and "--patch-size 14 disagrees with key 'patch_embed.proj.weight'" in err


def test_heads_must_divide_width(tmp_path, checkpoint, capsys):
    code, err = run(capsys, "--checkpoint", checkpoint, "--out", tmp_path / "b", "--preset", "tiny",
                    "--encoder-heads", "5")
    assert code == 2 and "embed_dim 48 is not divisible by num_heads 5" in err


def test_bad_horizons(tmp_path, checkpoint, capsys):
    code, err = run(capsys, "--checkpoint", checkpoint, "--out", tmp_path / "b", "--preset", "tiny",
                    "--horizons", "9")
    assert code == 2 and "max_frames=4" in err
