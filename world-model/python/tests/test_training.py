"""Training pieces: masks, schedules, the JEPA and action-conditioned losses, and a smoke run."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from vjepa2ac import PRESETS, simdata
from vjepa2ac.actrain import encode_all, gather_windows, losses
from vjepa2ac.jepa import Jepa, MaskConfig, encode_tokens, sample_masks
from vjepa2ac.pose import state_change
from vjepa2ac.predictor import ACPredictor
from vjepa2ac.schedule import ema_momentum, warmup_constant_decay

import train
from synthetic import synthetic_dataset, train_tiny_bundle


def test_masks_are_disjoint_rectangular_batches():
    g = torch.Generator().manual_seed(3)
    for _ in range(50):
        ctx, tgt = sample_masks(4, 16, MaskConfig(), g)
        assert ctx.shape[0] == tgt.shape[0] == 16
        assert ctx.shape[1] >= MaskConfig().min_context and tgt.shape[1] >= 1
        for c, t in zip(ctx, tgt):
            assert not set(c.tolist()) & set(t.tolist())
            assert 0 <= int(c.min()) and int(max(c.max(), t.max())) < 16


def test_masks_are_seeded():
    a = sample_masks(4, 8, MaskConfig(), torch.Generator().manual_seed(1))
    b = sample_masks(4, 8, MaskConfig(), torch.Generator().manual_seed(1))
    assert all(torch.equal(x, y) for x, y in zip(a, b))


def test_warmup_constant_decay_shape():
    lr = [warmup_constant_decay(s, 100, 1.0, 10, 20, start=0.1) for s in range(100)]
    assert lr[0] == pytest.approx(0.19)
    assert lr[9] == pytest.approx(1.0)
    assert all(v == 1.0 for v in lr[10:80])
    assert lr[99] == pytest.approx(0.0)
    assert all(a >= b for a, b in zip(lr[80:], lr[81:]))
    with pytest.raises(ValueError):
        warmup_constant_decay(0, 10, 1.0, 8, 8)
    assert ema_momentum(0, 10, 0.99) == pytest.approx(0.99) and ema_momentum(10, 10, 0.99) == 1.0


def test_encoding_all_tokens_equals_the_full_encoder():
    torch.manual_seed(0)
    jepa = Jepa(PRESETS["tiny"].encoder).eval()
    frames = torch.randn(2, 3, 2, 64, 64)
    keep = torch.arange(16).repeat(2, 1)
    with torch.no_grad():
        full = jepa.context_encoder(frames)
        subset = encode_tokens(jepa.context_encoder, frames, keep)
    assert torch.allclose(full, subset, atol=1e-5)


def test_ema_moves_the_target_towards_the_context_encoder():
    torch.manual_seed(0)
    jepa = Jepa(PRESETS["tiny"].encoder)
    with torch.no_grad():
        for p in jepa.context_encoder.parameters():
            p.add_(1.0)
    before = next(jepa.target_encoder.parameters()).clone()
    jepa.update_target(0.9)
    after = next(jepa.target_encoder.parameters())
    assert torch.allclose(after, before + 0.1, atol=1e-6)


def test_rollout_loss_feeds_back_normalised_predictions():
    torch.manual_seed(0)
    cfg = PRESETS["tiny"]
    predictor = ACPredictor(cfg.predictor, cfg.encoder)
    z = torch.randn(3, 4, 16, cfg.encoder.embed_dim)
    s, a = torch.randn(3, 4, 7), torch.randn(3, 4, 7) * 0.05
    parts = losses(predictor, z, s, a)
    assert set(parts) == {"teacher_forcing", "rollout", "total"}
    assert torch.isclose(parts["total"], parts["teacher_forcing"] + parts["rollout"])
    # The rollout's first prediction equals the teacher-forced first step (same inputs).
    with torch.no_grad():
        tf_first = predictor(z[:, :3].flatten(1, 2), a[:, :3], s[:, :3])[:, :16]
        alone = predictor(z[:, 0], a[:, :1], s[:, :1])
    assert torch.allclose(tf_first, alone, atol=1e-5)


def test_loader_concatenates_episodes_and_windows_stay_inside(tmp_path):
    root = synthetic_dataset(tmp_path / "ds", episodes=3, frames=5)
    clips = simdata.load(root, 64, [0, 2])
    assert clips.frames.shape == (10, 3, 64, 64) and clips.frames.dtype == torch.float16
    assert clips.starts.tolist() == [0, 5]
    assert torch.equal(clips.actions[4], torch.zeros(7))  # no action after an episode's last frame
    starts = clips.window_starts(4)
    assert starts.tolist() == [0, 1, 5, 6]
    lat = torch.arange(10.0)[:, None, None].expand(10, 2, 3)
    z, s, a = gather_windows(lat, clips.states, clips.actions, starts, 4)
    assert z.shape == (4, 4, 2, 3) and z[3, :, 0, 0].tolist() == [6.0, 7.0, 8.0, 9.0]


def test_loader_measured_actions_are_the_state_changes(tmp_path):
    root = synthetic_dataset(tmp_path / "ds", episodes=2, frames=5)
    commanded = simdata.load(root, 32, [0, 1])
    measured = simdata.load(root, 32, [0, 1], "measured")
    assert torch.equal(commanded.states, measured.states) and torch.equal(commanded.frames, measured.frames)
    st = torch.from_numpy(np.load(root / "episode-000001" / "states.npy"))
    assert torch.allclose(measured.actions[5:9], state_change(st))
    assert torch.equal(commanded.actions[5:9], torch.from_numpy(np.load(root / "episode-000001" / "actions.npy")))
    assert torch.equal(measured.actions[[4, 9]], torch.zeros(2, 7))  # none after an episode's last frame
    with pytest.raises(ValueError, match="actions_from"):
        simdata.load(root, 32, [0], "planned")


def test_loader_rejects_other_formats(tmp_path):
    (tmp_path / "dataset.json").write_text(json.dumps({"format": "other", "format_version": 1}))
    with pytest.raises(simdata.DatasetError, match="format"):
        simdata.read_manifest(tmp_path)
    with pytest.raises(simdata.DatasetError, match="not found"):
        simdata.read_manifest(tmp_path / "missing")


def test_gripper_windows_mark_windows_whose_gripper_changes(tmp_path):
    root = synthetic_dataset(tmp_path / "ds", episodes=2, frames=5)
    clips = simdata.load(root, 32, [0, 1])
    clips.states[:, 6] = 0.0
    clips.states[2, 6] = 1.0   # episode 0 closes between frames 1 and 2, opens between 2 and 3
    clips.states[9, 6] = 0.2   # episode 1: a change below the threshold
    starts = clips.window_starts(3)  # [0, 1, 2, 5, 6, 7]
    assert train.gripper_windows(clips, starts, 3).tolist() == [True, True, True, False, False, False]


def test_camera_azimuth_is_checked_and_only_for_generated_datasets(tmp_path):
    with pytest.raises(SystemExit):
        train.parse_args(["--out", str(tmp_path), "--camera-azimuth", "20"])
    with pytest.raises(SystemExit):
        train.parse_args(["--out", str(tmp_path), "--camera-azimuth", "35", "--dataset", str(tmp_path)])
    assert train.parse_args(["--out", str(tmp_path), "--camera-azimuth", "35"]).camera_azimuth == 35.0


def test_split_is_seeded_and_disjoint():
    train_ids, held = simdata.split(40, 0.1, 3)
    assert len(held) == 4 and not set(train_ids) & set(held)
    assert simdata.split(40, 0.1, 3) == (train_ids, held)


def test_smoke_training_losses_fall_and_export(tmp_path, capsys):
    """A few steps on tiny data: both stages' losses fall and a loadable bundle comes out."""
    root, out, work = train_tiny_bundle(tmp_path)
    log = [json.loads(line) for line in (work / "train-log.jsonl").read_text().splitlines()]
    enc = [r["loss"] for r in log if r["stage"] == "encoder"]
    pred = [r["total"] for r in log if r["stage"] == "predictor"]
    assert len(enc) == 40 and len(pred) == 40
    assert np.mean(enc[-5:]) < np.mean(enc[:5])
    assert np.mean(pred[-5:]) < np.mean(pred[:5])
    manifest = json.loads((out / "model.json").read_text())
    training = manifest["provenance"]["training"]
    assert training["dataset"]["seed"] == 5 and training["encoder"]["steps"] == 40
    # The simulator renders through the dataset's camera when it runs the bundle.
    assert training["dataset"]["camera"]["eye_m"] == [-0.32, 0.57, 0.6]
    assert training["predictor"]["gripper_windows_per_batch"] == 4
    assert {"checkpoint.pt", "encoder.onnx", "predictor.onnx", "energy_h1.onnx", "energy_h2.onnx"} <= set(manifest["files"])
    # The simulator's states describe the Franka Hand's TCP; the checkpoint records it for export.py.
    assert manifest["state_convention"]["frame_name"] == "franka_hand_tcp"
    assert torch.load(out / "checkpoint.pt")["state_convention"] == "sim"
    assert "[encoder]" in capsys.readouterr().out
    # A rerun with other predictor settings reuses the pretrained encoder; other encoder settings do not.
    args = ["--dataset", str(root), "--out", str(tmp_path / "bundle2"), "--work", str(work), "--preset", "tiny",
            "--encoder-steps", "40", "--predictor-steps", "5", "--encoder-batch", "16", "--predictor-batch", "16",
            "--log-every", "1", "--threads", "1", "--held-out", "0.2", "--actions", "measured"]
    assert train.main(args) == 0
    assert "[encoder] reusing" in capsys.readouterr().out  # the encoder never sees actions
    rerun = json.loads((tmp_path / "bundle2" / "model.json").read_text())["provenance"]["training"]
    reused = rerun["encoder"]
    assert reused["reused"] is True and reused["final_loss"] == training["encoder"]["final_loss"]
    assert training["predictor"]["actions"] == "commanded" and rerun["predictor"]["actions"] == "measured"
    assert train.main([a if a != "40" else "41" for a in args]) == 0
    assert "made with other settings or data: retraining" in capsys.readouterr().out


def test_latents_of_all_frames_are_layer_normalised():
    torch.manual_seed(0)
    jepa = Jepa(PRESETS["tiny"].encoder)
    z = encode_all(jepa.target_encoder, torch.randn(5, 3, 64, 64).half(), 2, batch=2)
    assert z.shape == (5, 16, 48)
    assert torch.allclose(z.mean(-1), torch.zeros(5, 16), atol=1e-4)
