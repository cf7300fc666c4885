#!/usr/bin/env python3
"""Grasp probe check: does a bundle's encoder see the gripper where a grasp is decided?

`latent-mpc sim grasp-probes` renders, per grasp episode, the goal image (hand closed around the
object) and the start scene with the hand open at its start, closed there, 5 cm lower open, 5 cm
lower closed, and open at the grasp point. The encoder alone scores each frame's energy (mean L1 of
planning latents) against the goal, so the figures hold for any predictor on that encoder:

* mean energy per probe;
* closing at the start: how much closing the gripper in place changes the energy (mean |Δ|) and
  how often it lowers it (a greedy T = 1 planner then closes at once, before descending);
* a 5 cm descent: the mean |Δ| energy, for scale;
* open at the grasp point: its energy against the goal's (the grasp is visible to the energy only
  as far as this stays above zero).

Then the planner's view, with the bundle's predictor (T = 1, the hand still): from the open hand at
the start and at the grasp point, the predicted energy of closing (Δgripper = +0.75, the planner's
largest sample) against keeping the gripper as it is. At the start, closing should not win (the
fingers then stop on the object's top); at the grasp point it should (the goal is the closed hand
there). The probes' states (position, Euler angles, closedness) come from probes.csv.

    deploy/bin/latent-mpc sim grasp-probes --episodes 50 --out build/grasp-probes
    /usr/bin/python3 world-model/python/experiments/grasp_probe_check.py \\
        --bundle world-model/bundles/sim-small96 --probes build/grasp-probes
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Optional

# The model package lives one folder up; sibling checks import from this folder (the script's own).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import torch  # noqa: E402

import check_cli  # noqa: E402
from landscape_check import load_bundle  # noqa: E402
from reach_probe_check import encode_files, first_frame_energies  # noqa: E402
from vjepa2ac.rollout import EnergyGraph  # noqa: E402

PROBES = ("start", "closed", "lower", "lower-closed", "open-at-grasp-point")
STATE_COLUMNS = ("x_m", "y_m", "z_m", "roll_rad", "pitch_rad", "yaw_rad", "gripper")
CLOSING = 0.75  # the planner's largest gripper sample
PLANNER_VIEWS = (("start", "start"), ("grasp_point", "open-at-grasp-point"))


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = check_cli.probe_parser(__doc__, "grasp-probes")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    return ap.parse_args(argv)


def read_probes(probes: Path) -> check_cli.ProbeRows:
    """Per episode seed: probe name → its probes.csv row (file, hand state), goal included."""
    return check_cli.read_named_probes(probes, "grasp-probes", STATE_COLUMNS, ("goal", *PROBES))


def summarize(energies: np.ndarray) -> Dict[str, float]:
    """Figures from energies [episodes, len(PROBES)] against each episode's goal."""
    e = {name: energies[:, i] for i, name in enumerate(PROBES)}
    figures = {f"mean_energy_{name}": float(v.mean()) for name, v in e.items()}
    figures.update({
        "episodes": int(energies.shape[0]),
        "closing_at_start_mean_abs_change": float(np.abs(e["closed"] - e["start"]).mean()),
        "closing_at_start_lowers_energy": float((e["closed"] < e["start"]).mean()),
        "descent_mean_abs_change": float(np.abs(e["lower"] - e["start"]).mean()),
    })
    return figures


@torch.no_grad()
def predicted_closing(graph: EnergyGraph, latents: Dict[str, torch.Tensor], rows: Dict[str, Dict[str, str]]) -> List[float]:
    """Per planner view: predicted energy of closing minus that of keeping the gripper, hand still.

    `latents` maps probe names (goal included) to planning latents [1, N, D]."""
    actions = torch.zeros(2, 1, 7)
    actions[1, 0, 6] = CLOSING
    out = []
    for _, probe in PLANNER_VIEWS:
        state = torch.tensor([[float(rows[probe][c]) for c in STATE_COLUMNS]])
        keep, close = graph(latents[probe], state, latents["goal"], actions).tolist()
        out.append(close - keep)
    return out


def summarize_predicted(changes: np.ndarray) -> Dict[str, float]:
    """Figures from predicted closing changes [episodes, len(PLANNER_VIEWS)]."""
    out: Dict[str, float] = {}
    for i, (view, _) in enumerate(PLANNER_VIEWS):
        out[f"predicted_closing_at_{view}_lowers_energy"] = float((changes[:, i] < 0).mean())
        out[f"predicted_closing_at_{view}_mean_change"] = float(changes[:, i].mean())
    return out


def check(args: argparse.Namespace) -> Dict[str, float]:
    _, cfg, encoder, predictor = load_bundle(args.bundle)
    graph = EnergyGraph(predictor, 1).eval()
    energies, predicted = [], []
    for _, rows in sorted(read_probes(args.probes).items()):
        names = ("goal", *PROBES)
        latents = encode_files(encoder, cfg, [args.probes / rows[name]["file"] for name in names])
        energies.append(first_frame_energies(latents))
        predicted.append(predicted_closing(graph, {n: latents[i:i + 1] for i, n in enumerate(names)}, rows))
    return {**summarize(np.array(energies)), **summarize_predicted(np.array(predicted))}


def report(f: Dict[str, float]) -> List[str]:
    lines = [
        f"{f['episodes']} grasp episodes, mean energy to the goal: "
        + ", ".join(f"{name} {f[f'mean_energy_{name}']:.3f}" for name in PROBES),
        f"closing at the start changes the energy by {f['closing_at_start_mean_abs_change']:.4f} on average "
        f"and lowers it in {100 * f['closing_at_start_lowers_energy']:.0f} %; a 5 cm descent changes it by "
        f"{f['descent_mean_abs_change']:.4f}",
    ]
    for view, where in (("start", "at the start"), ("grasp_point", "at the grasp point")):
        lines.append(f"planner's view {where} (hand still): closing lowers the predicted energy in "
                     f"{100 * f[f'predicted_closing_at_{view}_lowers_energy']:.0f} %, by "
                     f"{-f[f'predicted_closing_at_{view}_mean_change']:+.4f} on average")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    return check_cli.run(parse_args(argv), check, report)


if __name__ == "__main__":
    sys.exit(main())
