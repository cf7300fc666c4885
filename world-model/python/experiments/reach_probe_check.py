#!/usr/bin/env python3
"""Reach probe check: can a bundle's encoder tell which move brings the hand closer to a goal?

Planning with a T=1 horizon picks the move whose predicted next latent is nearest the goal latent
(mean L1 over tokens). This check replaces the predictor by the truth: for each reach episode,
`latent-mpc sim reach-probes` renders the start scene with the hand moved by each of the 27 moves
STEP·(i, j, k), i, j, k ∈ {−1, 0, 1}, and the goal image. The encoder alone scores them, so the
figures bound what any predictor trained on this encoder can do:

* best move closer: the share of episodes whose move of least true-frame energy ends nearer the
  target than the start (a planner with a perfect predictor takes that move first);
* rank correlation: Spearman's ρ between energy and the hand's distance to the target over the
  27 probes, averaged over episodes (1: energy orders the moves as distance does);
* best-move distance change: how much the least-energy move changes the distance, mean, metres.

With --bench DIR (a `latent-mpc bench` output) the figures are also split by whether the bench's
reach episode of the same seed succeeded.

    deploy/bin/latent-mpc sim reach-probes --episodes 50 --out build/reach-probes
    /usr/bin/python3 world-model/python/experiments/reach_probe_check.py \\
        --bundle world-model/bundles/sim-small96 --probes build/reach-probes
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence

# The model package lives one folder up; sibling checks import from this folder (the script's own).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import torch  # noqa: E402

import check_cli  # noqa: E402
from landscape_check import load_bundle  # noqa: E402
from vjepa2ac.actrain import encode_all  # noqa: E402
from vjepa2ac.simdata import preprocess_batch  # noqa: E402


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = check_cli.probe_parser(__doc__, "reach-probes")
    ap.add_argument("--bench", type=Path, help="a `latent-mpc bench` output directory: split the figures by its reach outcomes")
    ap.add_argument("--csv", type=Path, help="write one row per episode to this file")
    ap.add_argument("--json", type=Path, help="write the summary figures to this file")
    return ap.parse_args(argv)


def read_probes(probes: Path) -> Dict[int, List[dict]]:
    """The rows of probes.csv per episode seed, goal first."""
    table = check_cli.probe_table(probes, "reach-probes")
    episodes: Dict[int, List[dict]] = defaultdict(list)
    with table.open(newline="") as f:
        for row in csv.DictReader(f):
            episodes[int(row["seed"])].append(row)
    for seed, rows in episodes.items():
        rows.sort(key=lambda r: int(r["probe"]))  # the goal has probe -1
        if rows[0]["kind"] != "goal" or not any(r["kind"] == "start" for r in rows):
            raise SystemExit(f"{table}: seed {seed} lacks its goal or start row")
    return episodes


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rank correlation (ties broken by order; the probes' values are continuous)."""
    ra = np.argsort(np.argsort(np.asarray(a)))
    rb = np.argsort(np.argsort(np.asarray(b)))
    return float(np.corrcoef(ra, rb)[0, 1])


def score_episode(energies: Sequence[float], distances: Sequence[float], start: int) -> Dict[str, float]:
    """Figures of one episode from the probes' energies and distances; `start` indexes the zero move."""
    best = int(np.argmin(energies))
    return {
        "start_distance_m": float(distances[start]),
        "best_move_distance_m": float(distances[best]),
        "best_move_closer": float(distances[best] < distances[start]),
        "spearman": spearman(energies, distances),
    }


def summarize(scores: Sequence[Dict[str, float]]) -> Dict[str, float]:
    if not scores:
        return {"episodes": 0}
    return {
        "episodes": len(scores),
        "best_move_closer": float(np.mean([s["best_move_closer"] for s in scores])),
        "mean_spearman": float(np.mean([s["spearman"] for s in scores])),
        "mean_best_move_change_m": float(np.mean([s["best_move_distance_m"] - s["start_distance_m"] for s in scores])),
    }


def read_png(path: Path) -> np.ndarray:
    from PIL import Image  # Debian's python3-pil

    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"))


@torch.no_grad()
def encode_files(encoder, cfg, files: Sequence[Path]) -> torch.Tensor:
    """Planning latents [len(files), N, D] of PNG frames, preprocessed as the service does."""
    frames = np.stack([read_png(f) for f in files])
    return encode_all(encoder, preprocess_batch(frames, cfg.encoder.image_size), cfg.encoder.tubelet_size)


def first_frame_energies(latents: torch.Tensor) -> List[float]:
    """Energy (mean L1 of planning latents) of each frame after the first against the first."""
    return (latents[1:] - latents[:1]).abs().mean(dim=(1, 2)).tolist()


def goal_energies(encoder, cfg, files: Sequence[Path]) -> List[float]:
    """Energy of each frame after the first against the first (the goal)."""
    return first_frame_energies(encode_files(encoder, cfg, files))


def check(args: argparse.Namespace) -> Dict[str, object]:
    _, cfg, encoder, _ = load_bundle(args.bundle)
    episodes = read_probes(args.probes)
    per_episode: Dict[int, Dict[str, float]] = {}
    for seed, rows in sorted(episodes.items()):
        energies = goal_energies(encoder, cfg, [args.probes / r["file"] for r in rows])
        probes = rows[1:]
        distances = [float(r["distance_m"]) for r in probes]
        start = next(i for i, r in enumerate(probes) if r["kind"] == "start")
        per_episode[seed] = score_episode(energies, distances, start)
    figures: Dict[str, object] = {"all": summarize(list(per_episode.values()))}
    if args.bench:
        outcome = bench_outcomes(args.bench)
        for label, wanted in (("bench_succeeded", True), ("bench_failed", False)):
            figures[label] = summarize([s for seed, s in per_episode.items() if outcome.get(seed) is wanted])
    if args.csv:
        with args.csv.open("w", newline="") as f:
            w = csv.writer(f)
            keys = ["start_distance_m", "best_move_distance_m", "best_move_closer", "spearman"]
            w.writerow(["seed", *keys])
            for seed, s in sorted(per_episode.items()):
                w.writerow([seed, *(f"{s[k]:.5f}" for k in keys)])
    return figures


def bench_outcomes(bench: Path) -> Dict[int, bool]:
    table = bench / "episodes.csv"
    if not table.is_file():
        raise SystemExit(f"{table} not found: --bench takes a `latent-mpc bench --out` directory")
    with table.open(newline="") as f:
        return {int(r["seed"]): r["succeeded"] == "true" for r in csv.DictReader(f) if r["task"] == "reach"}


def describe(label: str, s: Dict[str, float]) -> str:
    if not s.get("episodes"):
        return f"{label}: no episodes"
    return (f"{label}: {s['episodes']} episodes, the least-energy move gets closer in "
            f"{100 * s['best_move_closer']:.0f} %, mean rank correlation energy~distance "
            f"{s['mean_spearman']:+.2f}, mean distance change of that move {100 * s['mean_best_move_change_m']:+.1f} cm")


def report(figures: Dict[str, Dict[str, float]]) -> List[str]:
    return [describe(label, s) for label, s in figures.items()]


def main(argv: Optional[List[str]] = None) -> int:
    return check_cli.run(parse_args(argv), check, report)


if __name__ == "__main__":
    sys.exit(main())
