#!/usr/bin/env python3
"""Train latent-mpc's own small V-JEPA 2-AC on the simulated harness and export it as a bundle.

One command, reproducible from a seed: dataset → encoder pretraining → predictor → export.

    /usr/bin/python3 world-model/python/train.py --seed 1 --out world-model/bundles/sim-small96 \
        --episodes 2000 --random-fraction 0.4 --encoder-steps 3000 --predictor-steps 6000

(the default bundle's command; README.md lists the second bundle's)

Stages (the dataset and the encoder are kept in --work and skipped on a rerun that would remake them):
  1. dataset   `latent-mpc sim dataset` (noisy scripted demos + random motions, 4 fps, 256 px)
  2. encoder   V-JEPA masked latent prediction against an EMA target encoder (jepa.py)
  3. predictor action-conditioned predictor on the frozen encoder, teacher-forcing + 2-step
               rollout L1 losses (actrain.py)
  4. export    checkpoint.pt (released layout) + ONNX graphs + model.json with provenance
Losses go to WORK/train-log.jsonl and a progress line is printed every --log-every steps.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

import torch  # noqa: E402

from vjepa2ac import simdata  # noqa: E402
from vjepa2ac.actrain import encode_all, gather_windows, losses  # noqa: E402
from vjepa2ac.bundle import sha256_file, write_bundle  # noqa: E402
from vjepa2ac.checkpoint import official_layout  # noqa: E402
from vjepa2ac.conventions import state_convention  # noqa: E402
from vjepa2ac.config import PRESETS  # noqa: E402
from vjepa2ac.jepa import Jepa, MaskConfig, init_vit, sample_masks  # noqa: E402
from vjepa2ac.encoder import VideoEncoder  # noqa: E402
from vjepa2ac.predictor import ACPredictor  # noqa: E402
from vjepa2ac.encoder import VideoEncoder  # noqa: E402
from vjepa2ac.schedule import ema_momentum, warmup_constant_decay  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="bundle directory to write")
    ap.add_argument("--seed", type=int, default=1, help="seed of the data, masks, init and batches (default: %(default)s)")
    ap.add_argument("--work", type=Path, help="working directory for the dataset, checkpoints and logs "
                    "(default: build/train-seed<SEED> in the repository)")
    ap.add_argument("--dataset", type=Path, help="use this existing dataset instead of generating one")
    ap.add_argument("--episodes", type=int, default=1500, help="episodes to generate (default: %(default)s)")
    ap.add_argument("--random-fraction", type=float, default=0.5, help="share of random-motion episodes (default: %(default)s)")
    ap.add_argument("--camera-azimuth", type=float, metavar="DEG",
                    help="camera angle around the robot base for a generated dataset, 35..85 degrees (default: the "
                         "generator's 60); model.json records the dataset's camera and the simulator renders "
                         "through it when it runs this bundle")
    ap.add_argument("--held-out", type=float, default=0.05, help="share of episodes held out for evaluation (default: %(default)s)")
    ap.add_argument("--preset", default="small-96", choices=sorted(PRESETS), help="architecture (default: %(default)s)")
    ap.add_argument("--encoder-steps", type=int, default=6000, help="encoder pretraining steps (default: %(default)s)")
    ap.add_argument("--encoder-batch", type=int, default=64)
    ap.add_argument("--encoder-lr", type=float, default=1e-3)
    ap.add_argument("--predictor-steps", type=int, default=8000, help="predictor training steps (default: %(default)s)")
    ap.add_argument("--predictor-batch", type=int, default=64)
    ap.add_argument("--predictor-lr", type=float, default=1e-3)
    ap.add_argument("--gripper-window-share", type=float, default=0.0,
                    help="share of each predictor batch drawn from windows in which the gripper closedness changes "
                         "by more than 0.3 (default: %(default)s, uniform windows as in the paper)")
    ap.add_argument("--actions", default="commanded", choices=simdata.ACTION_SOURCES,
                    help="predictor training actions: the deltas the generator commanded, or the state changes "
                         "measured between frames as V-JEPA 2-AC derives them from Droid (default: %(default)s)")
    ap.add_argument("--predictor-residual", action="store_true",
                    help="the predictor predicts each frame's change, added to its input latents (not in the "
                         "release; helps a narrow predictor keep still frames and small changes exact)")
    ap.add_argument("--window", type=int, default=4, help="frames per predictor training window, T+1 (default: %(default)s)")
    ap.add_argument("--weight-decay", type=float, default=0.04)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="torch CPU threads (default: all cores)")
    ap.add_argument("--log-every", type=int, default=100)
    ap.add_argument("--name", help="bundle name (default: the --out directory's name)")
    args = ap.parse_args(argv)
    for flag in ("episodes", "encoder_steps", "predictor_steps", "encoder_batch", "predictor_batch", "log_every"):
        if getattr(args, flag) < 1:
            ap.error(f"--{flag.replace('_', '-')} must be at least 1")
    if not 0.0 <= args.gripper_window_share < 1.0:
        ap.error("--gripper-window-share must be in [0, 1)")
    if args.camera_azimuth is not None and args.dataset is not None:
        ap.error("--camera-azimuth sets the camera of a generated dataset; --dataset brings its own camera "
                 "(drop one of them)")
    if args.camera_azimuth is not None and not 35 <= args.camera_azimuth <= 85:
        ap.error(f"--camera-azimuth must be in [35, 85] degrees, got {args.camera_azimuth}")
    if args.window < 3:
        ap.error("--window must be at least 3 (the rollout loss needs two steps)")
    if args.window > PRESETS[args.preset].predictor.max_frames + 1:
        ap.error(f"--window {args.window} exceeds max_frames + 1 of preset {args.preset}")
    return args


class Log:
    """JSON lines of every logged step plus a human progress line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, record: Dict[str, object]) -> None:
        with self.path.open("a") as f:
            f.write(json.dumps(record) + "\n")


def progress(stage: str, step: int, total: int, started: float, values: Dict[str, float]) -> str:
    elapsed = time.monotonic() - started
    eta = elapsed / (step + 1) * (total - step - 1)
    parts = " ".join(f"{k} {v:.4f}" for k, v in values.items())
    return f"[{stage}] {step + 1:>6}/{total} {100.0 * (step + 1) / total:5.1f}%  {parts}  {elapsed:6.0f}s elapsed, ETA {eta:5.0f}s"


def make_dataset(args: argparse.Namespace, work: Path) -> Path:
    if args.dataset is not None:
        return args.dataset
    out = work / "dataset"
    cmd = [str(REPO / "deploy" / "bin" / "latent-mpc"), "sim", "dataset", "--out", str(out),
           "--episodes", str(args.episodes), "--seed", str(args.seed),
           "--random-fraction", str(args.random_fraction), "--workers", str(max(1, args.threads))]
    if args.camera_azimuth is not None:
        cmd += ["--camera-azimuth", str(args.camera_azimuth)]
    print("[dataset] " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)  # resumable: complete episodes are skipped on a rerun
    return out


def pretrain_encoder(args, cfg, train: simdata.SimClips, log: Log) -> Dict[str, float]:
    g = torch.Generator().manual_seed(args.seed)
    torch.manual_seed(args.seed)
    jepa = Jepa(cfg.encoder)
    opt = torch.optim.AdamW(jepa.trainable(), lr=args.encoder_lr, weight_decay=args.weight_decay, betas=(0.9, 0.95))
    total, tubelet = args.encoder_steps, cfg.encoder.tubelet_size
    warmup, decay = max(1, total // 10), total // 4
    masks = MaskConfig()
    started = time.monotonic()
    last: Dict[str, float] = {}
    running = None
    for step in range(total):
        lr = warmup_constant_decay(step, total, args.encoder_lr, warmup, decay, start=args.encoder_lr * 0.1)
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.randint(0, train.num_frames, (args.encoder_batch,), generator=g)
        clips = train.frames[idx].to(torch.float32)[:, :, None].repeat(1, 1, tubelet, 1, 1)
        ctx, tgt = sample_masks(cfg.encoder.grid, args.encoder_batch, masks, g)
        loss, spread = jepa.loss(clips, ctx, tgt)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(jepa.trainable(), 10.0)
        opt.step()
        jepa.update_target(ema_momentum(step, total, 0.996))
        value = float(loss)
        if not math.isfinite(value):
            raise SystemExit(f"encoder pretraining diverged at step {step + 1}: loss {value}")
        running = value if running is None else 0.98 * running + 0.02 * value
        if step % args.log_every == 0 or step == total - 1:
            last = {"loss": value, "loss_avg": running, "target_spread": spread, "lr": lr}
            log.write({"stage": "encoder", "step": step + 1, **last})
            print(progress("encoder", step, total, started, {"loss": running, "spread": spread}), flush=True)
    return {"final_loss": running, "target_spread": last["target_spread"],
            "seconds": round(time.monotonic() - started, 1), "steps": total}, jepa.target_encoder.eval()


def encoder_stage_key(args, cfg, manifest: dict, train_ids: List[int]) -> dict:
    """Everything the pretrained encoder depends on."""
    return {"preset": args.preset, "architecture": dataclasses.asdict(cfg.encoder),
            "steps": args.encoder_steps, "batch": args.encoder_batch, "lr": args.encoder_lr,
            "weight_decay": args.weight_decay, "seed": args.seed, "threads": args.threads,
            "dataset": {k: manifest.get(k) for k in ("seed", "episodes", "generator", "camera")},
            "train_episodes": [int(i) for i in train_ids]}


def encoder_stage(args, cfg, train: simdata.SimClips, log: Log, work: Path, manifest: dict,
                  train_ids: List[int]):
    """The pretrained encoder: WORK/encoder-stage.pt when it was made with the same settings on the
    same data (a rerun, e.g. to try predictor settings, skips the pretraining), otherwise a new run
    that is saved there."""
    key = encoder_stage_key(args, cfg, manifest, train_ids)
    saved = work / "encoder-stage.pt"
    if saved.is_file():
        stage = torch.load(saved)
        if stage.get("key") == key:
            encoder = VideoEncoder(cfg.encoder)
            encoder.load_state_dict(stage["state_dict"])
            print(f"[encoder] reusing {saved} (same settings and data; delete it to retrain)", flush=True)
            return {**stage["summary"], "reused": True}, encoder.eval()
        print(f"[encoder] {saved} was made with other settings or data: retraining", flush=True)
    summary, encoder = pretrain_encoder(args, cfg, train, log)
    torch.save({"key": key, "summary": summary, "state_dict": encoder.state_dict()}, saved)
    return summary, encoder


def gripper_windows(clips: simdata.SimClips, starts: torch.Tensor, window: int, threshold: float = 0.3) -> torch.Tensor:
    """Mask over window start indices: True where the gripper closedness changes by more than
    `threshold` between two consecutive frames of the window."""
    change = (clips.states[1:, 6] - clips.states[:-1, 6]).abs()
    change = torch.cat([change, torch.zeros(1)])  # frame f's entry: the change from f to f+1
    offsets = torch.arange(window - 1)
    return (change[starts[:, None] + offsets[None, :]] > threshold).any(dim=1)


def train_predictor(args, cfg, latents: torch.Tensor, train: simdata.SimClips, log: Log):
    g = torch.Generator().manual_seed(args.seed + 1)
    torch.manual_seed(args.seed + 1)
    predictor = ACPredictor(cfg.predictor, cfg.encoder)
    init_vit(predictor)
    opt = torch.optim.AdamW(predictor.parameters(), lr=args.predictor_lr, weight_decay=args.weight_decay,
                            betas=(0.9, 0.95))
    total = args.predictor_steps
    warmup, decay = max(1, total // 10), total // 4
    starts = train.window_starts(args.window)
    if starts.numel() == 0:
        raise SystemExit(f"no episode has {args.window} frames: generate longer episodes or lower --window")
    n_gripper = int(round(args.predictor_batch * args.gripper_window_share))
    if n_gripper:
        gripper_starts = starts[gripper_windows(train, starts, args.window)]
        n_gripper = n_gripper if gripper_starts.numel() else 0
    started = time.monotonic()
    running: Dict[str, float] = {}
    for step in range(total):
        lr = warmup_constant_decay(step, total, args.predictor_lr, warmup, decay, start=args.predictor_lr * 0.1)
        for group in opt.param_groups:
            group["lr"] = lr
        pick = starts[torch.randint(0, starts.numel(), (args.predictor_batch - n_gripper,), generator=g)]
        if n_gripper:
            pick = torch.cat([pick, gripper_starts[torch.randint(0, gripper_starts.numel(), (n_gripper,), generator=g)]])
        z, s, a = gather_windows(latents, train.states, train.actions, pick, args.window)
        parts = losses(predictor, z, s, a)
        opt.zero_grad(set_to_none=True)
        parts["total"].backward()
        torch.nn.utils.clip_grad_norm_(predictor.parameters(), 10.0)
        opt.step()
        values = {k: float(v) for k, v in parts.items()}
        if not math.isfinite(values["total"]):
            raise SystemExit(f"predictor training diverged at step {step + 1}: loss {values['total']}")
        running = values if not running else {k: 0.98 * running[k] + 0.02 * values[k] for k in values}
        if step % args.log_every == 0 or step == total - 1:
            log.write({"stage": "predictor", "step": step + 1, **values, "lr": lr})
            print(progress("predictor", step, total, started,
                           {"teacher": running["teacher_forcing"], "rollout": running["rollout"]}), flush=True)
    summary = {"final_teacher_forcing_loss": running["teacher_forcing"], "final_rollout_loss": running["rollout"],
               "seconds": round(time.monotonic() - started, 1), "steps": total}
    if n_gripper:
        summary["gripper_windows_per_batch"] = n_gripper
    return summary, predictor.eval()


@torch.no_grad()
def held_out_losses(predictor: ACPredictor, latents: torch.Tensor, clips: simdata.SimClips, window: int) -> Dict[str, float]:
    starts = clips.window_starts(window)
    if starts.numel() == 0:
        return {}
    totals: Dict[str, float] = {}
    for i in range(0, starts.numel(), 256):
        z, s, a = gather_windows(latents, clips.states, clips.actions, starts[i:i + 256], window)
        parts = losses(predictor, z, s, a)
        # What predicting "nothing moves" would score: the previous frame's latent as the prediction.
        parts["copy_baseline"] = (z[:, :-1] - z[:, 1:]).abs().mean()
        for k, v in parts.items():
            totals[k] = totals.get(k, 0.0) + float(v) * z.shape[0]
    return {f"held_out_{k}": v / starts.numel() for k, v in totals.items() if k != "total"}


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(max(1, args.threads))
    work = args.work or REPO / "build" / f"train-seed{args.seed}"
    work.mkdir(parents=True, exist_ok=True)
    log = Log(work / "train-log.jsonl")
    cfg = PRESETS[args.preset]
    if args.predictor_residual:
        cfg = dataclasses.replace(cfg, predictor=dataclasses.replace(cfg.predictor, residual=True))
    t0 = time.monotonic()

    data_dir = make_dataset(args, work)
    manifest = simdata.read_manifest(data_dir)
    train_ids, held_ids = simdata.split(int(manifest["episodes"]), args.held_out, args.seed)
    t_load = time.monotonic()
    train = simdata.load(data_dir, cfg.encoder.image_size, train_ids, args.actions)
    held = simdata.load(data_dir, cfg.encoder.image_size, held_ids, args.actions) if held_ids else None
    print(f"[data] {len(train_ids)} training episodes ({train.num_frames} frames), {len(held_ids)} held out; "
          f"preprocessed to {cfg.encoder.image_size} px in {time.monotonic() - t_load:.0f}s", flush=True)

    enc_summary, encoder = encoder_stage(args, cfg, train, log, work, manifest, train_ids)
    latents = encode_all(encoder, train.frames, cfg.encoder.tubelet_size)
    pred_summary, predictor = train_predictor(args, cfg, latents, train, log)
    evaluation = {}
    if held is not None:
        evaluation = held_out_losses(predictor, encode_all(encoder, held.frames, cfg.encoder.tubelet_size), held, args.window)
        print("[eval] " + ", ".join(f"{k} {v:.4f}" for k, v in evaluation.items()), flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    for stale in args.out.iterdir():
        if stale.is_file():
            stale.unlink()
    checkpoint = args.out / "checkpoint.pt"
    # The simulator's states describe the Franka Hand's TCP; export.py reads the record back.
    torch.save({**official_layout(encoder, predictor), "architecture": cfg.to_dict(),
                "state_convention": "sim"}, checkpoint)
    provenance = {
        "source": "trained by world-model/python/train.py on the simulated harness",
        "training": {
            "command": "world-model/python/train.py " + " ".join(sys.argv[1:] if argv is None else argv),
            "seed": args.seed, "preset": args.preset, "threads": args.threads,
            "dataset": {"seed": manifest["seed"], "episodes": manifest["episodes"],
                        "generator": manifest["generator"],
                        "image": manifest["image"], "camera": manifest.get("camera"), "train_episodes": len(train_ids),
                        "train_frames": train.num_frames, "held_out_episodes": held_ids},
            "encoder": {**enc_summary, "batch": args.encoder_batch, "lr": args.encoder_lr,
                        "objective": "V-JEPA masked latent prediction, EMA target, L1, multi-block masks"},
            "predictor": {**pred_summary, "batch": args.predictor_batch, "lr": args.predictor_lr,
                          "window": args.window, "actions": args.actions,
                          "objective": "teacher forcing + 2-step rollout L1"},
            "optimizer": f"AdamW(betas 0.9/0.95, weight decay {args.weight_decay}), warmup-constant-decay",
            "held_out": evaluation,
            "wall_seconds": round(time.monotonic() - t0, 1),
        },
        "checkpoint_sha256": sha256_file(checkpoint),
    }
    write_bundle(args.out, cfg, encoder, predictor, [1, 2], args.name or args.out.name, provenance,
                 state_convention("sim"))
    shutil.copy(log.path, work / "train-log.last.jsonl")
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    print(f"[export] {args.out}: {size / 1e6:.1f} MB, total {time.monotonic() - t0:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
