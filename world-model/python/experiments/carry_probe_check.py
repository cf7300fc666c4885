#!/usr/bin/env python3
"""Carry probe check: does a bundle's predictor know what the gripper does to a held object?

`latent-mpc sim carry-probes` renders, per reach-with-object episode (the object held and lifted at
the start): the goal image, the start, the hand moved 5 cm towards the target with the object held
("moved-held"), the same move after the fingers opened so the object dropped ("moved-dropped"),
and the fingers opened in place ("released"). With the bundle's predictor (T = 1) from the start
frame and state:

* carrying: the move with Δgripper = 0. Is the predicted latent nearer the frame of the object
  moving with the hand than the frame of it left behind? (The copy baseline, the start frame
  itself, for scale.)
* releasing: Δgripper = -0.75 with the hand still. Is the prediction nearer the released frame than
  the start? How far does it move from the prediction with Δgripper = 0, against how far the true
  frames differ?
* the planner's view against the goal: does opening (Δgripper = -0.75, hand still or moving) lower
  the predicted energy below keeping the gripper (0)? A greedy planner then opens, and drops the
  object, whenever it does.

    deploy/bin/latent-mpc sim carry-probes --episodes 50 --seed 100 --out build/carry-probes
    /usr/bin/python3 world-model/python/experiments/carry_probe_check.py \\
        --bundle world-model/bundles/sim-small96 --probes build/carry-probes
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
from reach_probe_check import encode_files  # noqa: E402
from vjepa2ac.rollout import EnergyGraph  # noqa: E402

PROBES = ("goal", "start", "moved-held", "released", "moved-dropped")
STATE_COLUMNS = ("x_m", "y_m", "z_m", "roll_rad", "pitch_rad", "yaw_rad", "gripper")
MOVE_COLUMNS = ("move_dx_m", "move_dy_m", "move_dz_m")
OPENING = -0.75  # the planner's largest opening sample


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = check_cli.probe_parser(__doc__, "carry-probes")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    return ap.parse_args(argv)


def read_probes(probes: Path) -> check_cli.ProbeRows:
    """Per episode seed: probe name → its probes.csv row."""
    return check_cli.read_named_probes(probes, "carry-probes", STATE_COLUMNS + MOVE_COLUMNS, PROBES)


def l1(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a - b).abs().mean())


@torch.no_grad()
def episode_figures(graph: EnergyGraph, lat: Dict[str, torch.Tensor], rows: Dict[str, Dict[str, str]]) -> Dict[str, float]:
    """One episode's distances; `lat` maps probe names to planning latents [1, N, D]."""
    state = torch.tensor([[float(rows["start"][c]) for c in STATE_COLUMNS]])
    move = [float(rows["start"][c]) for c in MOVE_COLUMNS]
    actions = torch.zeros(4, 1, 7)  # keep still, open still, move keeping, move opening
    actions[1, 0, 6] = OPENING
    actions[2, 0, :3] = torch.tensor(move)
    actions[3, 0, :3] = torch.tensor(move)
    actions[3, 0, 6] = OPENING
    predicted = graph.rollout(lat["start"], state, actions)[:, -1]  # [4, N, D]
    keep, opened, carried, carried_open = (predicted[i:i + 1] for i in range(4))
    energies = (predicted - lat["goal"]).abs().mean(dim=(1, 2)).tolist()
    return {
        "carry_to_held": l1(carried, lat["moved-held"]),
        "carry_to_dropped": l1(carried, lat["moved-dropped"]),
        "copy_to_held": l1(lat["start"], lat["moved-held"]),
        "copy_to_dropped": l1(lat["start"], lat["moved-dropped"]),
        "open_to_released": l1(opened, lat["released"]),
        "open_to_start": l1(opened, lat["start"]),
        "open_response": l1(opened, keep),
        "true_release_change": l1(lat["released"], lat["start"]),
        "true_carry_held_vs_dropped": l1(lat["moved-held"], lat["moved-dropped"]),
        "energy_keep": energies[0],
        "energy_open": energies[1],
        "energy_move_keep": energies[2],
        "energy_move_open": energies[3],
    }


def summarize(rows: List[Dict[str, float]]) -> Dict[str, float]:
    """Shares and means over episodes."""
    a = {k: np.array([r[k] for r in rows]) for k in rows[0]}
    out = {f"mean_{k}": float(v.mean()) for k, v in a.items()}
    out.update({
        "episodes": len(rows),
        "carry_nearer_held": float((a["carry_to_held"] < a["carry_to_dropped"]).mean()),
        "copy_nearer_held": float((a["copy_to_held"] < a["copy_to_dropped"]).mean()),
        "open_nearer_released": float((a["open_to_released"] < a["open_to_start"]).mean()),
        "opening_lowers_energy_still": float((a["energy_open"] < a["energy_keep"]).mean()),
        "opening_lowers_energy_moving": float((a["energy_move_open"] < a["energy_move_keep"]).mean()),
        "mean_opening_energy_change_still": float((a["energy_open"] - a["energy_keep"]).mean()),
        "mean_opening_energy_change_moving": float((a["energy_move_open"] - a["energy_move_keep"]).mean()),
        "mean_move_energy_change": float((a["energy_move_keep"] - a["energy_keep"]).mean()),
    })
    return out


def check(args: argparse.Namespace) -> Dict[str, float]:
    _, cfg, encoder, predictor = load_bundle(args.bundle)
    graph = EnergyGraph(predictor, 1).eval()
    figures = []
    for _, rows in sorted(read_probes(args.probes).items()):
        latents = encode_files(encoder, cfg, [args.probes / rows[name]["file"] for name in PROBES])
        figures.append(episode_figures(graph, {n: latents[i:i + 1] for i, n in enumerate(PROBES)}, rows))
    return summarize(figures)


def report(f: Dict[str, float]) -> List[str]:
    return [
        f"{f['episodes']} reach-with-object episodes",
        f"carrying 5 cm: the prediction is nearer the object moved with the hand than left behind in "
        f"{100 * f['carry_nearer_held']:.0f} % (the start frame itself: {100 * f['copy_nearer_held']:.0f} %); "
        f"mean L1 {f['mean_carry_to_held']:.4f} vs {f['mean_carry_to_dropped']:.4f}, the two true frames "
        f"differ by {f['mean_true_carry_held_vs_dropped']:.4f}",
        f"opening in place: the prediction is nearer the released frame than the start in "
        f"{100 * f['open_nearer_released']:.0f} %; it moves by {f['mean_open_response']:.4f} against a true "
        f"change of {f['mean_true_release_change']:.4f}",
        f"planner's view against the goal: opening lowers the predicted energy in "
        f"{100 * f['opening_lowers_energy_still']:.0f} % with the hand still "
        f"(mean change {f['mean_opening_energy_change_still']:+.4f}) and in "
        f"{100 * f['opening_lowers_energy_moving']:.0f} % during the 5 cm move "
        f"({f['mean_opening_energy_change_moving']:+.4f}; the move itself changes it by "
        f"{f['mean_move_energy_change']:+.4f})",
    ]


def main(argv: Optional[List[str]] = None) -> int:
    return check_cli.run(parse_args(argv), check, report)


if __name__ == "__main__":
    sys.exit(main())
