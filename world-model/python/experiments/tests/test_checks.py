"""The research checks (experiments/*.py) on a bundle trained for a few steps on tiny synthetic data,
and their scoring functions on hand-made figures."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import carry_probe_check
import grasp_probe_check
import gripper_fit_check
import landscape_check
import reach_probe_check
from synthetic import synthetic_dataset, train_tiny_bundle


def test_checks_run_on_a_trained_bundle(tmp_path):
    root, out, _ = train_tiny_bundle(tmp_path)
    # The grasp probe check on the same weights: with the goal image as the "closed" probe, closing
    # lowers the energy to zero in the one episode.
    grasp = grasp_probe_check.check(grasp_probe_check.parse_args(
        ["--bundle", str(out), "--probes", str(write_grasp_probes(tmp_path / "grasp", np.load(root / "episode-000001" / "frames.npy")))]))
    assert grasp["episodes"] == 1 and grasp["closing_at_start_lowers_energy"] == 1.0
    # Zero up to float rounding: the same image at two places of one encoder batch.
    assert grasp["mean_energy_closed"] == pytest.approx(0.0, abs=1e-6)
    assert grasp["mean_energy_closed"] < grasp["mean_energy_start"]
    # The planner's view: the sign of the mean predicted change and the share agree (one episode).
    for view in ("start", "grasp_point"):
        lowers, change = grasp[f"predicted_closing_at_{view}_lowers_energy"], grasp[f"predicted_closing_at_{view}_mean_change"]
        assert lowers == float(change < 0)
    # The carry probe check on the same weights: with the held frame shown again as the dropped one,
    # the prediction is as near one as the other, never nearer the held one; every figure is there.
    frames = np.load(root / "episode-000001" / "frames.npy")
    carry = carry_probe_check.check(carry_probe_check.parse_args(
        ["--bundle", str(out), "--probes", str(write_carry_probes(tmp_path / "carry", frames))]))
    assert carry["episodes"] == 1 and carry["carry_nearer_held"] == 0.0
    assert carry["mean_carry_to_held"] == pytest.approx(carry["mean_carry_to_dropped"], abs=1e-6)
    assert carry["mean_true_release_change"] > 0 and carry["mean_open_response"] >= 0
    assert carry["opening_lowers_energy_still"] == float(carry["mean_opening_energy_change_still"] < 0)
    old_table = tmp_path / "grasp" / "probes.csv"
    old_table.write_text("seed,probe,x_m,y_m,z_m,gripper,file\n3,goal,0,0,0,0,goal.png\n")
    with pytest.raises(SystemExit, match="made by an older version"):
        grasp_probe_check.check(grasp_probe_check.parse_args(["--bundle", str(out), "--probes", str(tmp_path / "grasp")]))
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


POSE_COLUMNS = "x_m,y_m,z_m,roll_rad,pitch_rad,yaw_rad"
POSE = "0.5,0,0.2,3.14159,0,0.1"


def write_named_probes(root, frames, seed, columns, names, values):
    """A probes directory of one episode: per probe name (→ frame index) the frame as NAME.png and a
    probes.csv row `seed,NAME,values(NAME),NAME.png` under the header `seed,probe,COLUMNS,file`."""
    from PIL import Image
    root.mkdir()
    with (root / "probes.csv").open("w") as f:
        f.write(f"seed,probe,{columns},file\n")
        for name, frame in names.items():
            Image.fromarray(frames[frame]).save(root / f"{name}.png")
            f.write(f"{seed},{name},{values(name)},{name}.png\n")
    return root


def write_carry_probes(root, frames):
    """A carry probes directory of one episode (seed 5); "moved-dropped" shows the held frame again."""
    names = {"goal": 0, "start": 1, "moved-held": 2, "released": 3, "moved-dropped": 2}
    return write_named_probes(root, frames, 5, POSE_COLUMNS + ",gripper,move_dx_m,move_dy_m,move_dz_m", names,
                              lambda _: POSE + ",0.5,0.05,0,0")


def write_grasp_probes(root, frames):
    """A grasp probes directory of one episode (seed 3): the goal is frame 0, "closed" shows it too."""
    names = {"goal": 0, "start": 1, "closed": 0, "lower": 2, "lower-closed": 3, "open-at-grasp-point": 4}
    return write_named_probes(root, frames, 3, POSE_COLUMNS + ",gripper", names,
                              lambda name: f"{POSE},{1 if 'closed' in name else 0}")


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
