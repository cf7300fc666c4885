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

    deploy/bin/latent-mpc sim grasp-probes --episodes 50 --out build/grasp-probes
    /usr/bin/python3 world-model/python/grasp_probe_check.py \\
        --bundle world-model/bundles/sim-small96 --probes build/grasp-probes
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from landscape_check import load_bundle  # noqa: E402
from reach_probe_check import goal_energies  # noqa: E402

PROBES = ("start", "closed", "lower", "lower-closed", "open-at-grasp-point")


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, required=True, help="bundle directory with checkpoint.pt and model.json")
    ap.add_argument("--probes", type=Path, required=True, help="output directory of `latent-mpc sim grasp-probes`")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    return ap.parse_args(argv)


def read_probes(probes: Path) -> Dict[int, Dict[str, str]]:
    """Per episode seed: probe name → PNG file name, goal included."""
    table = probes / "probes.csv"
    if not table.is_file():
        raise SystemExit(f"{table} not found: run `latent-mpc sim grasp-probes --out {probes}` first")
    episodes: Dict[int, Dict[str, str]] = defaultdict(dict)
    with table.open(newline="") as f:
        for row in csv.DictReader(f):
            episodes[int(row["seed"])][row["probe"]] = row["file"]
    for seed, files in episodes.items():
        missing = {"goal", *PROBES} - set(files)
        if missing:
            raise SystemExit(f"{table}: seed {seed} lacks {sorted(missing)}")
    return episodes


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


def check(args: argparse.Namespace) -> Dict[str, float]:
    _, cfg, encoder, _ = load_bundle(args.bundle)
    rows = [goal_energies(encoder, cfg, [args.probes / files[name] for name in ("goal", *PROBES)])
            for _, files in sorted(read_probes(args.probes).items())]
    return summarize(np.array(rows))


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(2)
    f = check(args)
    print(f"{f['episodes']} grasp episodes, mean energy to the goal: " + ", ".join(
        f"{name} {f[f'mean_energy_{name}']:.3f}" for name in PROBES))
    print(f"closing at the start changes the energy by {f['closing_at_start_mean_abs_change']:.4f} on average "
          f"and lowers it in {100 * f['closing_at_start_lowers_energy']:.0f} %; a 5 cm descent changes it by "
          f"{f['descent_mean_abs_change']:.4f}")
    if args.json:
        args.json.write_text(json.dumps(f, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
