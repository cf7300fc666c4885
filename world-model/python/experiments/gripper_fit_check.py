#!/usr/bin/env python3
"""Can the bundle's predictor learn what the gripper action does to the latents?

The landscape check finds that the predictor hardly responds to Δgripper, although the encoder's
latents change when the fingers move. This check asks whether more or more focused training would
change that. It fine-tunes a copy of the bundle's predictor on transitions with the hand still
(commanded |Δxyz| < 1 cm) only, with and without a change of gripper closedness, with the
teacher-forcing L1 loss (T = 1). Before and after, on the evaluation episodes' still transitions
whose closedness changes by more than --min-change, it gives:

* the prediction error (mean |ẑ_{t+1} − z_{t+1}|) beside the copy baseline (ẑ_{t+1} = z_t);
* the response to the gripper action: how far the prediction moves when Δgripper is set to 0;
* the true change |z_{t+1} − z_t|.

A predictor that can learn the fingers' effect from these latents ends with an error below the copy
baseline and a response near the true change. The fine-tuned copy is thrown away. As a second
learner, a per-token linear model of the change (ridge regression on the token's latent, Δgripper
times it, Δgripper, and Δgripper times the token's position one-hot) is fitted on the same
transitions and scored the same way.

Last, it asks whether the encoder keeps the gripper's state at all. Readouts of open (closedness
< 0.05) against fully closed (> 0.95), trained on the training frames and scored by balanced
accuracy on the evaluation frames (0.5 is chance): linear (ridge, on a balanced sample) and a
small MLP from a frame's latents, and a small CNN from the preprocessed pixels, which says what the
input shows. A linear readout of the hand's height (above or below the median) from the latents is
the reference for something the encoder is known to keep.

    /usr/bin/python3 world-model/python/experiments/gripper_fit_check.py --bundle world-model/bundles/sim-small96 \\
        --dataset build/train-seed1/dataset
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

# The model package lives one folder up; sibling checks import from this folder (the script's own).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

import check_cli  # noqa: E402
from landscape_check import held_out_episodes, load_bundle  # noqa: E402
from vjepa2ac import simdata  # noqa: E402
from vjepa2ac.actrain import encode_all  # noqa: E402
from vjepa2ac.predictor import ACPredictor  # noqa: E402

STILL_M = 0.01  # a transition is "still" when its commanded move is shorter than this


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, required=True, help="bundle with checkpoint.pt and model.json")
    ap.add_argument("--dataset", type=Path, required=True, help="the sim dataset the bundle was trained from")
    ap.add_argument("--episodes", help="comma-separated evaluation episodes (default: the bundle's held-out episodes)")
    ap.add_argument("--train-limit", type=int, default=1200,
                    help="fine-tune on the dataset's first N episodes that are not evaluated (default: %(default)s)")
    ap.add_argument("--steps", type=int, default=400, help="fine-tuning steps (default: %(default)s)")
    ap.add_argument("--batch", type=int, default=64, help="transitions per step (default: %(default)s)")
    ap.add_argument("--lr", type=float, default=3e-4, help="AdamW learning rate (default: %(default)s)")
    ap.add_argument("--min-change", type=float, default=0.1,
                    help="least closedness change of an evaluated transition (default: %(default)s)")
    ap.add_argument("--ridge", type=float, default=10.0, help="ridge penalty of the linear model (default: %(default)s)")
    ap.add_argument("--readout-per-class", type=int, default=1500,
                    help="training frames per class of the linear readouts (default: %(default)s)")
    ap.add_argument("--readout-ridge", type=float, default=100.0,
                    help="ridge penalty of the linear readouts (default: %(default)s)")
    ap.add_argument("--readout-steps", type=int, default=600,
                    help="training steps of the MLP and CNN readouts (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the batches (default: %(default)s)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    for flag in ("train_limit", "steps", "batch", "readout_per_class", "readout_steps"):
        if getattr(args, flag) < 1:
            ap.error(f"--{flag.replace('_', '-')} must be at least 1")
    return args


def still_transitions(clips: simdata.SimClips, min_change: float) -> Tuple[torch.Tensor, torch.Tensor]:
    """Frame indices f of transitions f → f+1 with the hand still: (gripper changes, the others)."""
    rows = torch.tensor([f for s, n in zip(clips.starts.tolist(), clips.lengths.tolist())
                         for f in range(s, s + n - 1)], dtype=torch.long)
    still = clips.actions[rows, :3].norm(dim=1) < STILL_M
    change = (clips.states[rows + 1, 6] - clips.states[rows, 6]).abs() > min_change
    return rows[still & change], rows[still & ~change]


@torch.no_grad()
def figures(predictor: ACPredictor, latents: torch.Tensor, clips: simdata.SimClips,
            rows: torch.Tensor) -> Dict[str, float]:
    """Error, copy baseline, gripper response and true change over transitions rows → rows+1."""
    actions, states = clips.actions[rows], clips.states[rows]
    without = actions.clone()
    without[:, 6] = 0
    with_action = predictor.predict_next(latents[rows], actions[:, None], states[:, None])
    without_action = predictor.predict_next(latents[rows], without[:, None], states[:, None])
    target = latents[rows + 1]
    change = float((target - latents[rows]).abs().mean())  # what copying z_t errs by
    return {"error": float((with_action - target).abs().mean()), "copy_baseline": change,
            "response": float((with_action - without_action).abs().mean()), "true_change": change}


def finetune(predictor: ACPredictor, latents: torch.Tensor, clips: simdata.SimClips, rows: torch.Tensor,
             steps: int, batch: int, lr: float, seed: int) -> List[float]:
    """Teacher-forcing L1 steps (T = 1) on the given transitions; returns the batch losses."""
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.AdamW(predictor.parameters(), lr=lr, weight_decay=0.04, betas=(0.9, 0.95))
    predictor.train()
    out = []
    for _ in range(steps):
        pick = rows[torch.randint(0, rows.numel(), (batch,), generator=g)]
        pred = predictor(latents[pick], clips.actions[pick][:, None], clips.states[pick][:, None])
        loss = (pred - latents[pick + 1]).abs().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        out.append(float(loss))
    predictor.eval()
    return out


def token_features(latents: torch.Tensor, rows: torch.Tensor, d_gripper: torch.Tensor) -> torch.Tensor:
    """Per-token regressors [len(rows)·N, 2D + N + 2]: z, Δg·z, Δg, Δg·one-hot(position), 1."""
    z = latents[rows]
    b, n, _ = z.shape
    dg = d_gripper[:, None, None].expand(b, n, 1)
    position = torch.eye(n)[None].expand(b, n, n)
    return torch.cat([z, z * dg, dg, position * dg, torch.ones(b, n, 1)], dim=-1).flatten(0, 1)


def ridge_figures(train: Tuple[simdata.SimClips, torch.Tensor, torch.Tensor],
                  evaluated: Tuple[simdata.SimClips, torch.Tensor, torch.Tensor], lam: float) -> Dict[str, float]:
    """Fit the per-token linear model of z_{t+1} − z_t on `train` (clips, latents, rows), score on
    `evaluated`: error and response to Δgripper as in figures()."""
    def parts(clips, latents, rows):
        return latents, rows, clips.actions[rows, 6], (latents[rows + 1] - latents[rows]).flatten(0, 1)
    latents, rows, dg, change = parts(*train)
    x = token_features(latents, rows, dg)
    weights = torch.linalg.solve(x.T @ x + lam * torch.eye(x.shape[1]), x.T @ change)
    latents, rows, dg, change = parts(*evaluated)
    with_action = token_features(latents, rows, dg) @ weights
    without_action = token_features(latents, rows, torch.zeros_like(dg)) @ weights
    return {"error": float((with_action - change).abs().mean()),
            "response": float((with_action - without_action).abs().mean())}


def balanced_accuracy(guess: torch.Tensor, truth: torch.Tensor) -> float:
    """Mean of the hit rates on the true and on the false samples (0.5 for a constant guess)."""
    return float((guess[truth].double().mean() + (~guess[~truth]).double().mean()) / 2)


def balanced_readout(train_x: torch.Tensor, train_y: torch.Tensor, eval_x: torch.Tensor, eval_y: torch.Tensor,
                     per_class: int, lam: float, seed: int) -> float:
    """Balanced accuracy on eval of a linear two-class readout: ridge regression onto ±1, fitted in
    its dual form on at most `per_class` seeded training samples of each class (features
    standardised on that sample)."""
    g = torch.Generator().manual_seed(seed)
    picks = []
    for label in (False, True):
        idx = torch.nonzero(train_y == label).flatten()
        picks.append(idx[torch.randperm(idx.numel(), generator=g)[:per_class]])
    pick = torch.cat(picks)
    if any(p.numel() == 0 for p in picks) or not eval_y.any() or eval_y.all():
        return float("nan")
    x = train_x[pick].to(torch.float64)
    mean, std = x.mean(0), x.std(0) + 1e-6
    x = (x - mean) / std
    target = train_y[pick].to(torch.float64) * 2 - 1
    alpha = torch.linalg.solve(x @ x.T + lam * torch.eye(x.shape[0], dtype=torch.float64), target - target.mean())
    scores = ((eval_x.to(torch.float64) - mean) / std) @ (x.T @ alpha) + target.mean()
    return balanced_accuracy(scores > 0, eval_y)


def trained_readout(make_net: Callable[[], torch.nn.Module], train_x: torch.Tensor, train_y: torch.Tensor,
                    eval_x: torch.Tensor, eval_y: torch.Tensor, steps: int, seed: int) -> float:
    """Balanced accuracy on eval of a network from `make_net` (→ one logit), initialised from
    `seed` and trained with class-balanced batches of 64."""
    if not train_y.any() or train_y.all() or not eval_y.any() or eval_y.all():
        return float("nan")
    torch.manual_seed(seed)
    net = make_net()
    g = torch.Generator().manual_seed(seed)
    classes = [torch.nonzero(train_y == label).flatten() for label in (False, True)]
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0.01)
    net.train()
    for _ in range(steps):
        pick = torch.cat([c[torch.randint(0, c.numel(), (32,), generator=g)] for c in classes])
        logits = net(train_x[pick].to(torch.float32)).squeeze(-1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, train_y[pick].to(torch.float32))
        opt.zero_grad()
        loss.backward()
        opt.step()
    net.eval()
    with torch.no_grad():
        guess = torch.cat([net(eval_x[i:i + 512].to(torch.float32)).squeeze(-1)
                           for i in range(0, eval_x.shape[0], 512)]) > 0
    return balanced_accuracy(guess, eval_y)


def latent_mlp(tokens: int, dim: int) -> torch.nn.Module:
    return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(tokens * dim, 256), torch.nn.GELU(),
                               torch.nn.Linear(256, 1))


def pixel_cnn() -> torch.nn.Module:
    nn = torch.nn
    return nn.Sequential(nn.Conv2d(3, 16, 5, stride=2, padding=2), nn.GELU(),
                         nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.GELU(),
                         nn.Conv2d(32, 32, 3, stride=2, padding=1), nn.GELU(),
                         nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(32, 1))


def readouts(train: Tuple[simdata.SimClips, torch.Tensor], evaluated: Tuple[simdata.SimClips, torch.Tensor],
             per_class: int, lam: float, steps: int, seed: int) -> Dict[str, float]:
    """Balanced accuracies of the linear readouts described in the module docstring."""
    (train_clips, train_latents), (eval_clips, eval_latents) = train, evaluated

    def gripper(clips: simdata.SimClips) -> Tuple[torch.Tensor, torch.Tensor]:
        g = clips.states[:, 6]
        keep = (g < 0.05) | (g > 0.95)
        return keep, g[keep] > 0.5

    (t_keep, t_closed), (e_keep, e_closed) = gripper(train_clips), gripper(eval_clips)
    median = float(train_clips.states[:, 2].median())
    _, tokens, dim = train_latents.shape
    return {
        "gripper_from_latents_linear": balanced_readout(train_latents[t_keep].flatten(1), t_closed,
                                                        eval_latents[e_keep].flatten(1), e_closed,
                                                        per_class, lam, seed),
        "gripper_from_latents_mlp": trained_readout(lambda: latent_mlp(tokens, dim), train_latents[t_keep], t_closed,
                                                    eval_latents[e_keep], e_closed, steps, seed),
        "gripper_from_pixels_cnn": trained_readout(pixel_cnn, train_clips.frames[t_keep], t_closed,
                                                   eval_clips.frames[e_keep], e_closed, steps, seed),
        "height_from_latents": balanced_readout(train_latents.flatten(1), train_clips.states[:, 2] > median,
                                                eval_latents.flatten(1), eval_clips.states[:, 2] > median,
                                                per_class, lam, seed),
        "open_frames": int((~e_closed).sum()), "closed_frames": int(e_closed.sum()),
    }


def check(args: argparse.Namespace) -> Dict[str, float]:
    manifest, cfg, encoder, predictor = load_bundle(args.bundle)
    training = manifest.get("provenance", {}).get("training", {})
    if args.episodes:
        evaluated = [int(e) for e in args.episodes.split(",")]
    else:
        evaluated = held_out_episodes(manifest, args.bundle)
    total = int(simdata.read_manifest(args.dataset)["episodes"])
    skip = set(evaluated)
    train_ids = [e for e in range(total) if e not in skip][:args.train_limit]
    actions_from = training.get("predictor", {}).get("actions", "commanded")
    loaded = []
    for ids in (evaluated, train_ids):
        clips = simdata.load(args.dataset, cfg.encoder.image_size, ids, actions_from)
        loaded.append((clips, encode_all(encoder, clips.frames, cfg.encoder.tubelet_size)))
    (eval_clips, eval_latents), (train_clips, train_latents) = loaded
    eval_rows, _ = still_transitions(eval_clips, args.min_change)
    changes, others = still_transitions(train_clips, args.min_change)
    if eval_rows.numel() == 0 or changes.numel() == 0:
        raise SystemExit(f"no still transitions with a closedness change above {args.min_change} in the "
                         f"{'evaluation' if eval_rows.numel() == 0 else 'training'} episodes: use more episodes")
    before = figures(predictor, eval_latents, eval_clips, eval_rows)
    tuned = copy.deepcopy(predictor)
    losses = finetune(tuned, train_latents, train_clips, torch.cat([changes, others]),
                      args.steps, args.batch, args.lr, args.seed)
    after = figures(tuned, eval_latents, eval_clips, eval_rows)
    tail = losses[-max(1, len(losses) // 10):]
    ridge = ridge_figures((train_clips, train_latents, torch.cat([changes, others])),
                          (eval_clips, eval_latents, eval_rows), args.ridge)
    read = readouts((train_clips, train_latents), (eval_clips, eval_latents), args.readout_per_class,
                    args.readout_ridge, args.readout_steps, args.seed)
    return {"evaluated_transitions": int(eval_rows.numel()), "train_changes": int(changes.numel()),
            "train_still_others": int(others.numel()), "steps": args.steps,
            **{f"readout_{k}": v for k, v in read.items()},
            **{f"ridge_{k}": v for k, v in ridge.items()}, "ridge_lambda": args.ridge,
            "first_loss": losses[0], "final_loss": sum(tail) / len(tail),
            **{f"before_{k}": v for k, v in before.items()}, **{f"after_{k}": v for k, v in after.items()}}


def report(f: Dict[str, float]) -> List[str]:
    return [
        f"{f['evaluated_transitions']} evaluated still transitions with a gripper change; the true latents "
        f"change by {f['before_true_change']:.4f} (mean |Δ| per value), so copying z_t errs by "
        f"{f['before_copy_baseline']:.4f}",
        f"bundle's predictor: error {f['before_error']:.4f}, gripper response {f['before_response']:.4f}",
        f"after {f['steps']} steps on {f['train_changes']} still changes + {f['train_still_others']} still "
        f"others (train loss {f['first_loss']:.4f} → {f['final_loss']:.4f}): error {f['after_error']:.4f}, "
        f"gripper response {f['after_response']:.4f}",
        f"per-token linear model (ridge {f['ridge_lambda']:g}, same transitions): error {f['ridge_error']:.4f}, "
        f"gripper response {f['ridge_response']:.4f}",
        f"readouts, balanced accuracy on {f['readout_open_frames']} open and {f['readout_closed_frames']} "
        f"fully closed frames (0.5 = chance): gripper from the latents {f['readout_gripper_from_latents_linear']:.3f} "
        f"(linear), {f['readout_gripper_from_latents_mlp']:.3f} (MLP); from the pixels "
        f"{f['readout_gripper_from_pixels_cnn']:.3f} (small CNN); hand height from the latents "
        f"{f['readout_height_from_latents']:.3f} (linear)",
    ]


def main(argv: Optional[List[str]] = None) -> int:
    return check_cli.run(parse_args(argv), check, report)


if __name__ == "__main__":
    sys.exit(main())
