"""Training pieces: masks, schedules, the JEPA and action-conditioned losses, and a smoke run."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch

from vjepa2ac import PRESETS, simdata
from vjepa2ac.actrain import encode_all, gather_windows, losses
from vjepa2ac.jepa import Jepa, MaskConfig, encode_tokens, sample_masks
from vjepa2ac.pose import state_change
from vjepa2ac.predictor import ACPredictor
from vjepa2ac.schedule import ema_momentum, warmup_constant_decay

import landscape_check
import reach_probe_check
import grasp_probe_check
import gripper_fit_check
import train


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


def write_episode(root, index, frames, seed):
    rng = np.random.default_rng(seed)
    d = root / f"episode-{index:06d}"
    d.mkdir(parents=True)
    rgb = rng.integers(0, 256, size=(frames, 32, 32, 3), dtype=np.uint8)
    states = rng.normal(size=(frames, 7)).astype(np.float32)
    actions = (rng.normal(size=(frames - 1, 7)) * 0.05).astype(np.float32)
    np.save(d / "frames.npy", rgb)
    np.save(d / "states.npy", states)
    np.save(d / "actions.npy", actions)


def synthetic_dataset(root, episodes=4, frames=6):
    root.mkdir(parents=True, exist_ok=True)
    for e in range(episodes):
        write_episode(root, e, frames, e)
    (root / "dataset.json").write_text(json.dumps({
        "format": simdata.FORMAT, "format_version": 1, "seed": 5, "episodes": episodes,
        "image": {"width_px": 32, "height_px": 32, "channels": 3, "dtype": "uint8"},
        "generator": {"random_fraction": 1.0},
        "camera": {"model": "pinhole", "vertical_fov_deg": 44.0, "eye_m": [-0.32, 0.57, 0.6],
                   "target_m": [0.5, 0.0, 0.2]}}))
    return root


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
    root = synthetic_dataset(tmp_path / "ds", episodes=6, frames=8)
    out, work = tmp_path / "bundle", tmp_path / "work"
    code = train.main(["--dataset", str(root), "--out", str(out), "--work", str(work), "--preset", "tiny",
                       "--encoder-steps", "40", "--predictor-steps", "40", "--encoder-batch", "16",
                       "--predictor-batch", "16", "--log-every", "1", "--threads", "1", "--held-out", "0.2",
                       "--gripper-window-share", "0.25"])
    assert code == 0
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
    # The grasp probe check on the same weights: with the goal image as the "closed" probe, closing
    # lowers the energy to zero in the one episode.
    grasp = grasp_probe_check.check(grasp_probe_check.parse_args(
        ["--bundle", str(out), "--probes", str(write_grasp_probes(tmp_path / "grasp", np.load(root / "episode-000001" / "frames.npy")))]))
    assert grasp["episodes"] == 1 and grasp["closing_at_start_lowers_energy"] == 1.0
    assert grasp["mean_energy_closed"] == 0.0 < grasp["mean_energy_start"]
    # The planner's view: the sign of the mean predicted change and the share agree (one episode).
    for view in ("start", "grasp_point"):
        lowers, change = grasp[f"predicted_closing_at_{view}_lowers_energy"], grasp[f"predicted_closing_at_{view}_mean_change"]
        assert lowers == float(change < 0)
    old_table = tmp_path / "grasp" / "probes.csv"
    old_table.write_text("seed,probe,x_m,y_m,z_m,gripper,file\n3,goal,0,0,0,0,goal.png\n")
    with pytest.raises(SystemExit, match="made by an older version"):
        grasp_probe_check.check(grasp_probe_check.parse_args(["--bundle", str(out), "--probes", str(tmp_path / "grasp")]))
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
    # The landscape check runs on the exported bundle's weights and reports every figure.
    figures = landscape_check.check(landscape_check.parse_args(
        ["--bundle", str(out), "--dataset", str(root), "--episodes", "0,1", "--min-move", "0.0"]))
    assert 1 <= figures["transitions"] <= 14  # two episodes of 8 frames; moves off the grid are skipped
    half_diagonal_cm = figures["grid_half_width_cm"] * 2 ** 0.5
    assert 0 <= figures["median_error_cm"] <= figures["p90_error_cm"]
    assert figures["mean_error_cm"] <= half_diagonal_cm + figures["mean_true_move_cm"]
    assert {"gripper_close_still_transitions", "gripper_open_moving_prefers_opening"} <= set(figures)
    # Episode 1 made to close the open gripper with the hand still at frame 2: one still close, and
    # the response figures are measured on it.
    toggle = root / "episode-000001"
    states, actions = np.load(toggle / "states.npy"), np.load(toggle / "actions.npy")
    states[2, 6], actions[2] = 0.0, [0, 0, 0, 0, 0, 0, 1]
    np.save(toggle / "states.npy", states)
    np.save(toggle / "actions.npy", actions)
    figures = landscape_check.check(landscape_check.parse_args(
        ["--bundle", str(out), "--dataset", str(root), "--episodes", "1", "--min-move", "0.0"]))
    assert figures["gripper_close_still_transitions"] == 1
    assert figures["gripper_still_response"] >= 0 and figures["gripper_still_true_change"] > 0
    # The gripper fit check: evaluated on that still close, fine-tuned on episode 0 made to hold the
    # hand still twice (a closedness change at frame 1, none at frame 3); seeded, so it repeats.
    states[3, 6] = 1.0
    np.save(toggle / "states.npy", states)
    still = root / "episode-000000"
    states, actions = np.load(still / "states.npy"), np.load(still / "actions.npy")
    actions[[1, 3], :3] = 0.0
    states[2, 6], states[4, 6] = states[1, 6] + 0.5, states[3, 6]
    np.save(still / "states.npy", states)
    np.save(still / "actions.npy", actions)
    fit_args = ["--bundle", str(out), "--dataset", str(root), "--episodes", "1", "--steps", "3", "--batch", "4",
                "--readout-steps", "2"]
    fit = gripper_fit_check.check(gripper_fit_check.parse_args(fit_args))
    assert (fit["evaluated_transitions"], fit["train_changes"], fit["train_still_others"]) == (1, 1, 1)
    assert fit["before_copy_baseline"] == fit["before_true_change"] > 0
    assert fit["after_error"] != fit["before_error"]  # the copy was tuned
    assert fit["ridge_error"] >= 0 and fit["ridge_lambda"] == 10.0
    readouts = [v for k, v in fit.items() if k.startswith("readout_") and not k.endswith("_frames")]
    assert len(readouts) == 4 and all(math.isnan(v) or 0 <= v <= 1 for v in readouts)
    assert gripper_fit_check.check(gripper_fit_check.parse_args(fit_args)) == fit
    with pytest.raises(SystemExit, match="no still transitions"):
        gripper_fit_check.check(gripper_fit_check.parse_args(fit_args[:4] + ["--episodes", "2", "--steps", "1"]))
    # The reach probe check on the same weights: the probe showing the goal image itself has zero
    # energy, so it is the least-energy move, and it is the one that gets closer.
    probes = write_probes(tmp_path / "probes", np.load(root / "episode-000000" / "frames.npy"))
    summary = reach_probe_check.check(reach_probe_check.parse_args(
        ["--bundle", str(out), "--probes", str(probes), "--csv", str(tmp_path / "probes.csv")]))["all"]
    assert summary["episodes"] == 1 and summary["best_move_closer"] == 1.0
    assert summary["mean_best_move_change_m"] == pytest.approx(0.1 - 0.3)
    assert (tmp_path / "probes.csv").read_text().splitlines()[1].startswith("7,0.30000,0.10000,1.00000,")


def write_probes(root, frames):
    """A probes directory of one episode (seed 7): goal = frame 0, start = frame 1 at 0.3 m, the goal
    image again as a move to 0.1 m, and frames 2.. as moves to 0.4 m."""
    from PIL import Image
    root.mkdir()
    rows = [("goal", -1, 0, 0.0), ("start", 13, 1, 0.3), ("move", 0, 0, 0.1)]
    rows += [("move", i, i, 0.4) for i in range(2, len(frames))]
    with (root / "probes.csv").open("w") as f:
        f.write("seed,probe,kind,x_m,y_m,z_m,distance_m,file\n")
        for kind, probe, frame, distance in rows:
            name = f"p{probe}.png"
            Image.fromarray(frames[frame]).save(root / name)
            f.write(f"7,{probe},{kind},0,0,0,{distance},{name}\n")
    return root


def write_grasp_probes(root, frames):
    """A grasp probes directory of one episode (seed 3): the goal is frame 0, "closed" shows it too."""
    from PIL import Image
    root.mkdir()
    names = {"goal": 0, "start": 1, "closed": 0, "lower": 2, "lower-closed": 3, "open-at-grasp-point": 4}
    with (root / "probes.csv").open("w") as f:
        f.write("seed,probe,x_m,y_m,z_m,roll_rad,pitch_rad,yaw_rad,gripper,file\n")
        for name, frame in names.items():
            Image.fromarray(frames[frame]).save(root / f"{name}.png")
            f.write(f"3,{name},0.5,0,0.2,3.14159,0,0.1,{1 if 'closed' in name else 0},{name}.png\n")
    return root


def test_gripper_ridge_recovers_a_linear_finger_effect():
    """A change that is Δgripper times a fixed pattern on token 2 is fitted exactly and scored
    on other transitions: no error, and the response equals the true change."""
    from types import SimpleNamespace
    g = torch.Generator().manual_seed(0)
    frames, n, d = 41, 4, 6
    pattern = torch.randn(d, generator=g)
    actions = torch.zeros(frames, 7)
    actions[:, 6] = torch.randn(frames, generator=g)
    latents = torch.randn(frames, n, d, generator=g)
    for f in range(frames - 1):
        latents[f + 1] = latents[f]
        latents[f + 1, 2] += actions[f, 6] * pattern
    clips = SimpleNamespace(actions=actions)
    fit = gripper_fit_check.ridge_figures((clips, latents, torch.arange(0, 30)),
                                          (clips, latents, torch.arange(30, 40)), lam=1e-6)
    true_change = (latents[31:41] - latents[30:40]).abs().mean()
    assert fit["error"] < 1e-4
    assert fit["response"] == pytest.approx(float(true_change), rel=1e-3)


def test_gripper_readouts_separate_separable_classes():
    """Two classes that differ by a fixed pattern (plus noise): the linear readout and a trained
    MLP tell them apart on fresh samples; a readout without both classes is NaN."""
    g = torch.Generator().manual_seed(1)
    pattern = torch.randn(4, 6, generator=g)

    def sample(n):
        y = torch.arange(n) % 3 == 0
        return torch.randn(n, 4, 6, generator=g) * 0.5 + y[:, None, None] * pattern, y

    (x, y), (xe, ye) = sample(300), sample(90)
    assert gripper_fit_check.balanced_readout(x.flatten(1), y, xe.flatten(1), ye, 50, 1.0, 0) > 0.95
    assert gripper_fit_check.trained_readout(lambda: gripper_fit_check.latent_mlp(4, 6), x, y, xe, ye, 60, 0) > 0.95
    assert math.isnan(gripper_fit_check.balanced_readout(x.flatten(1), y, xe.flatten(1), ye & False, 50, 1.0, 0))


def test_checks_ask_for_episodes_when_the_bundle_records_none(tmp_path):
    assert landscape_check.held_out_episodes({"provenance": {"training": {"dataset": {"held_out_episodes": [3, 1]}}}},
                                             tmp_path) == [3, 1]
    for manifest in ({}, {"provenance": {"source": "vjepa2-ac-vitg.pt"}}):
        with pytest.raises(SystemExit, match="with --episodes"):
            landscape_check.held_out_episodes(manifest, tmp_path)


def test_grasp_probe_summary():
    energies = np.array([[0.5, 0.4, 0.3, 0.3, 0.01],   # start, closed, lower, lower-closed, open at grasp
                         [0.6, 0.7, 0.2, 0.2, 0.02]])
    f = grasp_probe_check.summarize(energies)
    assert f["episodes"] == 2 and f["closing_at_start_lowers_energy"] == 0.5
    assert f["closing_at_start_mean_abs_change"] == pytest.approx(0.1)
    assert f["descent_mean_abs_change"] == pytest.approx(0.3)
    assert f["mean_energy_open-at-grasp-point"] == pytest.approx(0.015)


def test_grasp_probe_check_names_the_missing_command(tmp_path):
    with pytest.raises(SystemExit, match="sim grasp-probes"):
        grasp_probe_check.read_probes(tmp_path)


def test_reach_probe_scores():
    assert reach_probe_check.spearman([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert reach_probe_check.spearman([3, 2, 1], [10, 20, 30]) == pytest.approx(-1.0)
    s = reach_probe_check.score_episode([0.5, 0.2, 0.9], [0.30, 0.35, 0.25], start=0)
    assert s["best_move_closer"] == 0.0 and s["best_move_distance_m"] == 0.35
    total = reach_probe_check.summarize([s, reach_probe_check.score_episode([0.5, 0.9, 0.2], [0.3, 0.35, 0.25], 0)])
    assert total["best_move_closer"] == 0.5
    assert total["mean_best_move_change_m"] == pytest.approx((0.05 - 0.05) / 2)


def test_reach_probe_check_names_the_missing_command(tmp_path):
    with pytest.raises(SystemExit, match="sim reach-probes"):
        reach_probe_check.read_probes(tmp_path)


def test_latents_of_all_frames_are_layer_normalised():
    torch.manual_seed(0)
    jepa = Jepa(PRESETS["tiny"].encoder)
    z = encode_all(jepa.target_encoder, torch.randn(5, 3, 64, 64).half(), 2, batch=2)
    assert z.shape == (5, 16, 48)
    assert torch.allclose(z.mean(-1), torch.zeros(5, 16), atol=1e-4)
