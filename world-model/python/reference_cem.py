#!/usr/bin/env python3
"""Time the public V-JEPA 2-AC planning code on a bundle's own weights: the PyTorch side of
`latent-mpc model bench --pytorch-reference`.

Loads the bundle's checkpoint.pt into the public predictor (src/models/ac_predictor.py of a
facebookresearch/vjepa2 checkout, never copied here), wraps it in the public notebook's
WorldModel (notebooks/utils/world_model_wrapper.py, whose step runs the predictor, the layer norm
and the pose update of mpc_utils.compute_new_pose), and times mpc_utils.cem through
`infer_next_action`, one call per action, at the given samples × iterations and horizon. Before
timing, it checks that the public predictor and this project's EnergyGraph give the same energies
on the same weights. Prints one JSON object on the last line of stdout.

With --serve it loads and checks once, plans one untimed warm-up action, prints a ready line
({"ready": true, "torch": ..., "threads": ..., "max_abs_energy_difference_vs_project": ...}), then
reads commands from stdin until EOF: for each line "action" it plans one action and answers one
JSON line {"seconds": wall, "thread_cpu_seconds": calling thread's CPU, "pose_update_seconds":
time in the public pose update}. At EOF it prints the same summary object as the one-shot mode
over the actions it planned. Protocol lines alone go to stdout (anything the public code prints
goes to stderr), so a caller can alternate its own timed work with this script's, action by action.

Example:
    /usr/bin/python3 world-model/python/reference_cem.py --bundle world-model/bundles/sim-small96 \
        --reference-src ~/src/vjepa2 --threads 2
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from vjepa2ac.checkpoint import build_models, infer_config, load_checkpoint_with_architecture  # noqa: E402
from vjepa2ac.config import PRESETS  # noqa: E402
from vjepa2ac.pose import update_pose  # noqa: E402
from vjepa2ac.reference import import_reference  # noqa: E402
from vjepa2ac.rollout import EnergyGraph  # noqa: E402


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, required=True, help="bundle directory with checkpoint.pt")
    ap.add_argument("--reference-src", type=Path, required=True,
                    help="root of a facebookresearch/vjepa2 checkout (holds src/ and notebooks/)")
    ap.add_argument("--samples", type=int, default=800, help="CEM samples (default: %(default)s)")
    ap.add_argument("--iterations", type=int, default=10, help="CEM iterations (default: %(default)s)")
    ap.add_argument("--horizon", type=int, default=1, help="rollout horizon T (default: %(default)s)")
    ap.add_argument("--runs", type=int, default=5, help="timed actions after one warm-up (default: %(default)s)")
    ap.add_argument("--threads", type=int, default=2, help="torch intra-op threads (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--serve", action="store_true",
                    help="after loading, plan one action per 'action' line on stdin and answer one "
                         "JSON line each, until EOF (--runs is then unused)")
    return ap.parse_args(argv)


def load_models(bundle: Path, src: Path):
    """(public predictor, this project's predictor, config), both from the bundle's checkpoint."""
    manifest = json.loads((bundle / "model.json").read_text())
    enc_sd, pred_sd, declared, _ = load_checkpoint_with_architecture(bundle / "checkpoint.pt")
    preset = PRESETS[manifest["provenance"].get("training", {}).get("preset", "small-96")]
    cfg = infer_config(enc_sd, pred_sd, preset, {"encoder": {}, "predictor": dict(
        (declared or {}).get("predictor") or {}, num_heads=manifest["predictor"]["num_heads"])})
    if cfg.predictor.residual:
        raise SystemExit("reference_cem.py: the public predictor has no residual output; "
                         "pick a bundle without architecture.predictor.residual")
    _, ours = build_models(enc_sd, pred_sd, cfg)
    ac = import_reference(src, "src.models.ac_predictor")
    e, p = cfg.encoder, cfg.predictor
    public = ac.vit_ac_predictor(img_size=e.image_size, patch_size=e.patch_size,
                                 num_frames=p.max_frames * e.tubelet_size, tubelet_size=e.tubelet_size,
                                 embed_dim=e.embed_dim, predictor_embed_dim=p.embed_dim, depth=p.depth,
                                 num_heads=p.num_heads, use_rope=True, action_embed_dim=p.action_dim)
    public.load_state_dict(pred_sd)
    return public.eval(), ours.eval(), cfg


def same_energies(public, ours, cfg, horizon: int) -> float:
    """Max |energy difference| between a rollout of the public predictor and EnergyGraph.

    The rollout feeds back the layer-normalised last-frame prediction as the public notebook does;
    states advance by this project's pose update, which test_reference_parity.py checks against
    mpc_utils.compute_new_pose.
    """
    n, d = cfg.encoder.tokens_per_frame, cfg.encoder.embed_dim
    context = F.layer_norm(torch.randn(1, n, d), (d,))
    goal = F.layer_norm(torch.randn(1, n, d), (d,))
    state = torch.tensor([[0.45, 0.0, 0.3, 3.1, 0.0, 0.0, 0.2]])
    actions = torch.zeros(64, horizon, 7)
    actions[..., :3].uniform_(-0.05, 0.05)
    actions[..., 6].uniform_(-0.75, 0.75)
    latents, states = context.expand(64, n, d), state.expand(64, 7)[:, None]
    with torch.no_grad():
        for h in range(horizon):
            nxt = F.layer_norm(public(latents, actions[:, : h + 1], states)[:, -n:], (d,))
            latents = torch.cat([latents, nxt], 1)
            states = torch.cat([states, update_pose(states[:, -1], actions[:, h])[:, None]], 1)
        expected = (nxt - goal).abs().mean(dim=(1, 2))
        got = EnergyGraph(ours, horizon)(context, state, goal, actions)
    return float((expected - got).abs().max())


Timing = Dict[str, float]


def build_planner(args: argparse.Namespace) -> tuple[Callable[[], Timing], float]:
    """(plan one action and time it, max |energy difference| against this project's rollout).

    Loads the public predictor and planning code once; each call of the returned function runs
    mpc_utils.cem through infer_next_action on the same inputs, under torch.no_grad.
    """
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    public, ours, cfg = load_models(args.bundle, args.reference_src)
    wrapper = import_reference(args.reference_src / "notebooks", "utils.world_model_wrapper")
    mpc = import_reference(args.reference_src / "notebooks", "utils.mpc_utils")
    mpc.logger.setLevel("WARNING")
    diff = same_energies(public, ours, cfg, args.horizon)
    n, d = cfg.encoder.tokens_per_frame, cfg.encoder.embed_dim
    wm = wrapper.WorldModel(encoder=None, predictor=public, tokens_per_frame=n, transform=None,
                            device="cpu", mpc_args={"rollout": args.horizon, "samples": args.samples,
                                                    "topk": 10, "cem_steps": args.iterations,
                                                    "momentum_mean": 0.15, "momentum_std": 0.15,
                                                    "maxnorm": 0.075, "verbose": False})
    rep = F.layer_norm(torch.randn(1, 1, n, d), (d,))
    goal = F.layer_norm(torch.randn(1, 1, n, d), (d,))
    pose = torch.tensor([[[0.45, 0.0, 0.3, 3.1, 0.0, 0.0, 0.2]]])
    pose_seconds = [0.0]
    compute_new_pose = wrapper.compute_new_pose

    def timed_pose(*a):
        start = time.perf_counter()
        try:
            return compute_new_pose(*a)
        finally:
            pose_seconds[0] += time.perf_counter() - start

    wrapper.compute_new_pose = timed_pose

    def plan_one() -> Timing:
        pose_seconds[0] = 0.0
        with torch.no_grad():
            cpu_start, start = time.thread_time(), time.perf_counter()
            wm.infer_next_action(rep, pose, goal)
            took, cpu_took = time.perf_counter() - start, time.thread_time() - cpu_start
        return {"seconds": took, "thread_cpu_seconds": cpu_took, "pose_update_seconds": pose_seconds[0]}

    return plan_one, diff


def summary(args: argparse.Namespace, timings: List[Timing], diff: float) -> dict:
    """The one JSON object of the one-shot mode (and of --serve at EOF) over the timed actions."""
    seconds = [t["seconds"] for t in timings]
    cpu = [t["thread_cpu_seconds"] for t in timings]
    pose_share = [t["pose_update_seconds"] / t["seconds"] for t in timings]

    def median(xs: List[float]) -> float:
        return statistics.median(xs) if xs else 0.0

    return {"implementation": "facebookresearch/vjepa2 notebooks/utils mpc_utils.cem + ac_predictor",
            "torch": torch.__version__, "threads": args.threads, "samples": args.samples,
            "iterations": args.iterations, "horizon": args.horizon,
            "seconds_per_action": seconds, "median_seconds": median(seconds),
            "thread_cpu_seconds_per_action": cpu, "median_thread_cpu_seconds": median(cpu),
            "pose_update_share": median(pose_share),
            "max_abs_energy_difference_vs_project": diff}


def serve(plan_one: Callable[[], Timing], ready: dict, stdin: TextIO, stdout: TextIO) -> List[Timing]:
    """The --serve protocol: the ready line, then one JSON answer per "action" line until EOF.

    Blank lines are ignored; any other command is an error (ValueError naming it), so a caller
    out of step with this script fails at once instead of reading answers to the wrong question.
    """
    def answer(obj: dict) -> None:
        stdout.write(json.dumps(obj) + "\n")
        stdout.flush()

    answer(ready)
    timings = []
    for line in stdin:
        command = line.strip()
        if not command:
            continue
        if command != "action":
            raise ValueError(f"unknown command {command!r} on stdin; expected 'action' or EOF")
        timing = plan_one()
        timings.append(timing)
        answer(timing)
    return timings


def main(argv: Optional[List[str]] = None, stdin: Optional[TextIO] = None,
         stdout: Optional[TextIO] = None) -> int:
    args = parse_args(argv)
    out = stdout or sys.stdout
    if not args.serve:
        plan_one, diff = build_planner(args)
        plan_one()  # warm-up
        timings = [plan_one() for _ in range(args.runs)]
        out.write(json.dumps(summary(args, timings, diff)) + "\n")
        return 0
    # The protocol owns stdout: whatever the public code prints goes to stderr.
    with contextlib.redirect_stdout(sys.stderr):
        plan_one, diff = build_planner(args)
        plan_one()  # warm-up
        ready = {"ready": True, "torch": torch.__version__, "threads": args.threads,
                 "max_abs_energy_difference_vs_project": diff}
        timings = serve(plan_one, ready, stdin or sys.stdin, out)
    out.write(json.dumps(summary(args, timings, diff)) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
