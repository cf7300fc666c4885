#!/usr/bin/env python3
"""Energy-landscape check of a trained bundle on held-out sim frames.

For each held-out transition (frame t → frame t+1 under a commanded action with a planar move of
at least --min-move), the energy of every (Δx, Δy) on a grid is computed with the bundle's own
weights — context z_t, state s_t, goal z_{t+1}, the other action components as commanded — and the
grid point of least energy is compared with the true displacement. Prints the mean and median
error in centimetres (the paper's Figure 7 shows such landscapes for the real robot).

It also checks the gripper: for held-out transitions that close an open gripper (commanded
Δgripper ≥ 0.5) or open a closed one (≤ −0.5), the energy of every Δgripper on the planner's range
(±0.75, xyz as commanded) is computed against the next frame; the share whose least energy moves
the gripper the same way (≥ 0.5, or ≤ −0.5) says whether the model sees the fingers at all (a
model blind to them scores about one half), split into changes with the hand still (as when
grasping) and changes during a move. Opening a closed gripper includes letting go of a held object.
For the changes with the hand still it gives the predictor's response to the gripper action: how
far the prediction moves when Δgripper is set to 0 (mean |Δ| per latent value), beside how far the
true frames' latents move; a predictor that uses the action well responds about as much.

    /usr/bin/python3 world-model/python/experiments/landscape_check.py --bundle world-model/bundles/sim-small96 \
        --dataset build/train-seed1/dataset
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional

# The model package lives one folder up; sibling checks import from this folder (the script's own).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

import check_cli  # noqa: E402
from vjepa2ac import simdata  # noqa: E402
from vjepa2ac.actrain import encode_all  # noqa: E402
from vjepa2ac.checkpoint import build_models, load_checkpoint  # noqa: E402
from vjepa2ac.config import ModelConfig  # noqa: E402
from vjepa2ac.rollout import EnergyGraph  # noqa: E402


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, required=True, help="bundle with checkpoint.pt and model.json")
    ap.add_argument("--dataset", type=Path, required=True, help="the sim dataset the bundle was trained from")
    ap.add_argument("--episodes", help="comma-separated episode indices (default: the bundle's held-out episodes)")
    ap.add_argument("--transitions", type=int, default=200, help="at most this many transitions (default: %(default)s)")
    ap.add_argument("--radius", type=float, default=0.075, help="grid half-width in metres (default: %(default)s)")
    ap.add_argument("--resolution", type=float, default=0.005, help="grid step in metres (default: %(default)s)")
    ap.add_argument("--min-move", type=float, default=0.02, help="least planar move of a transition, metres (default: %(default)s)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    return ap.parse_args(argv)


def held_out_episodes(manifest: dict, bundle: Path) -> List[int]:
    """The held-out episodes that train.py recorded in the bundle's provenance, or a SystemExit
    that says to name the episodes (a bundle exported from another checkpoint has none)."""
    dataset = manifest.get("provenance", {}).get("training", {}).get("dataset", {})
    if "held_out_episodes" not in dataset:
        raise SystemExit(f"{bundle}/model.json records no held-out episodes (not trained by train.py?): "
                         "name the dataset episodes to use with --episodes")
    return [int(e) for e in dataset["held_out_episodes"]]


def load_bundle(bundle: Path):
    manifest = json.loads((bundle / "model.json").read_text())
    ckpt = bundle / "checkpoint.pt"
    if not ckpt.is_file():
        raise SystemExit(f"{ckpt} not found: the check needs the PyTorch weights the bundle was exported from")
    enc, pred = load_checkpoint(ckpt)
    cfg = ModelConfig.from_dict(manifest["architecture"])
    encoder, predictor = build_models(enc, pred, cfg)
    return manifest, cfg, encoder, predictor


@torch.no_grad()
def check(args: argparse.Namespace) -> Dict[str, float]:
    manifest, cfg, encoder, predictor = load_bundle(args.bundle)
    if args.episodes:
        episodes = [int(e) for e in args.episodes.split(",")]
    else:
        episodes = held_out_episodes(manifest, args.bundle)
    # The actions the predictor was trained on (bundles from before the choice used the commanded ones).
    predictor_training = manifest.get("provenance", {}).get("training", {}).get("predictor", {})
    actions_from = predictor_training.get("actions", "commanded")
    clips = simdata.load(args.dataset, cfg.encoder.image_size, episodes, actions_from)
    latents = encode_all(encoder, clips.frames, cfg.encoder.tubelet_size)
    steps = int(round(args.radius / args.resolution))
    axis = torch.arange(-steps, steps + 1, dtype=torch.float32) * args.resolution
    gx, gy = torch.meshgrid(axis, axis, indexing="ij")
    graph = EnergyGraph(predictor, 1).eval()
    errors: List[float] = []
    true_moves_cm: List[float] = []
    for start, length in zip(clips.starts.tolist(), clips.lengths.tolist()):
        for f in range(start, start + length - 1):
            a = clips.actions[f]
            move = clips.states[f + 1, :2] - clips.states[f, :2]
            if float(move.norm()) < args.min_move or float(a[:2].abs().max()) > args.radius:
                continue
            actions = a.repeat(gx.numel(), 1)
            actions[:, 0], actions[:, 1] = gx.flatten(), gy.flatten()
            energies = graph(latents[f:f + 1], clips.states[f:f + 1], latents[f + 1:f + 2], actions[:, None])
            best = int(energies.argmin())
            found = torch.stack([gx.flatten()[best], gy.flatten()[best]])
            errors.append(float((found - move).norm()) * 100)
            true_moves_cm.append(float(move.norm()) * 100)
            if len(errors) >= args.transitions:
                break
        if len(errors) >= args.transitions:
            break
    if not errors:
        raise SystemExit("no held-out transition with a planar move: use more episodes or lower --min-move")
    e = torch.tensor(errors)
    return {**gripper_figures(graph, clips, latents), "transitions": len(errors), "mean_error_cm": float(e.mean()), "median_error_cm": float(e.median()),
            "p90_error_cm": float(e.quantile(0.9)), "mean_true_move_cm": float(torch.tensor(true_moves_cm).mean()),
            "grid_step_cm": args.resolution * 100, "grid_half_width_cm": args.radius * 100}


@torch.no_grad()
def gripper_figures(graph, clips, latents) -> Dict[str, float]:
    grid = torch.linspace(-0.75, 0.75, 7)
    counts = {(way, kind): [0, 0] for way in ("close", "open") for kind in ("still", "moving")}
    response: List[float] = []  # |prediction(a) − prediction(a with Δgripper 0)|, still changes
    true_change: List[float] = []  # |z_{t+1} − z_t| over the same changes
    for start, length in zip(clips.starts.tolist(), clips.lengths.tolist()):
        for f in range(start, start + length - 1):
            a = clips.actions[f]
            closed = float(clips.states[f, 6]) >= 0.5
            if float(a[6]) >= 0.5 and not closed:
                way = "close"
            elif float(a[6]) <= -0.5 and closed:
                way = "open"
            else:
                continue
            actions = a.repeat(grid.numel(), 1)
            actions[:, 6] = grid
            energies = graph(latents[f:f + 1], clips.states[f:f + 1], latents[f + 1:f + 2], actions[:, None])
            best = float(grid[int(energies.argmin())])
            kind = "still" if float(a[:3].norm()) < 0.01 else "moving"
            if kind == "still":
                without = a.clone()
                without[6] = 0
                both = graph.rollout(latents[f:f + 1], clips.states[f:f + 1], torch.stack([a, without])[:, None])
                response.append(float((both[0, -1] - both[1, -1]).abs().mean()))
                true_change.append(float((latents[f + 1] - latents[f]).abs().mean()))
            counts[(way, kind)][0] += 1
            counts[(way, kind)][1] += int(best >= 0.5 if way == "close" else best <= -0.5)
    out: Dict[str, float] = {}
    for (way, kind), (n, right) in counts.items():
        verb = "closing" if way == "close" else "opening"
        out[f"gripper_{way}_{kind}_transitions"] = n
        out[f"gripper_{way}_{kind}_prefers_{verb}"] = right / n if n else float("nan")
    out["gripper_still_response"] = sum(response) / len(response) if response else float("nan")
    out["gripper_still_true_change"] = sum(true_change) / len(true_change) if true_change else float("nan")
    return out


def report(figures: Dict[str, float]) -> Iterator[str]:
    yield (f"energy landscape on {figures['transitions']} held-out transitions: argmin error mean "
           f"{figures['mean_error_cm']:.2f} cm, median {figures['median_error_cm']:.2f} cm, p90 "
           f"{figures['p90_error_cm']:.2f} cm (true planar moves average {figures['mean_true_move_cm']:.2f} cm; "
           f"grid {figures['grid_step_cm']:.1f} cm steps over ±{figures['grid_half_width_cm']:.1f} cm)")
    for way, verb in (("close", "closing"), ("open", "opening")):
        for kind, what in (("still", "with the hand still"), ("moving", "during a move")):
            n = figures[f"gripper_{way}_{kind}_transitions"]
            if n:
                yield (f"gripper: {n} held-out {way}s {what}: the energy prefers {verb} in "
                       f"{100 * figures[f'gripper_{way}_{kind}_prefers_{verb}']:.0f} % (blind: about 50 %)")
    if not math.isnan(figures["gripper_still_response"]):
        yield (f"gripper response: with the hand still, setting Δgripper to 0 moves the prediction by "
               f"{figures['gripper_still_response']:.4f} (mean |Δ| per latent value); the true frames change by "
               f"{figures['gripper_still_true_change']:.4f}")


def main(argv: Optional[List[str]] = None) -> int:
    return check_cli.run(parse_args(argv), check, report)


if __name__ == "__main__":
    sys.exit(main())
