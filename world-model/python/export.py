#!/usr/bin/env python3
"""Export a V-JEPA 2-AC checkpoint to a latent-mpc model bundle (see world-model/BUNDLE.md).

Example (the released ViT-g model):
    python3 world-model/python/export.py --checkpoint vjepa2-ac-vitg.pt --out bundles/vitg \
        --preset vjepa2-ac-vitg

Shapes are read from the checkpoint; what a state_dict cannot tell (head counts, image size,
maximum context frames) comes from --preset and the explicit flags, which override the preset.

model.json records the bundle's state convention (which point of the hand the states describe,
Euler convention, gripper scale; the service refuses a robot that reports another one):
--state-convention, else the one a train.py checkpoint records, else `sim` for a train.py
checkpoint that predates that record (train.py trains on the simulator only), else `droid` (the
official checkpoint, trained on DROID; also for --random-init).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vjepa2ac.bundle import DEFAULT_OPSET, ExportError, refresh_energy_graphs, sha256_file, write_bundle  # noqa: E402
from vjepa2ac.checkpoint import CheckpointError, build_models, infer_config, load_checkpoint_with_architecture  # noqa: E402
from vjepa2ac.config import PRESETS  # noqa: E402
from vjepa2ac.conventions import STATE_CONVENTIONS, state_convention  # noqa: E402
from vjepa2ac.encoder import VideoEncoder  # noqa: E402
from vjepa2ac.predictor import ACPredictor  # noqa: E402

import torch  # noqa: E402


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", type=Path, help="checkpoint with 'encoder' and 'predictor'")
    source.add_argument("--random-init", type=int, metavar="SEED",
                        help="no checkpoint: the preset's architecture with seeded random (training-init) "
                             "weights, for benchmarks and placeholders")
    ap.add_argument("--out", required=True, type=Path, help="bundle directory to write")
    ap.add_argument("--preset", default="vjepa2-ac-vitg", choices=sorted(PRESETS),
                    help="defaults for what the state_dict cannot tell (default: %(default)s)")
    ap.add_argument("--encoder-heads", type=int, help="encoder attention heads")
    ap.add_argument("--predictor-heads", type=int, help="predictor attention heads")
    ap.add_argument("--image-size", type=int, help="square input size in pixels")
    ap.add_argument("--patch-size", type=int, help="patch size (checked against the checkpoint)")
    ap.add_argument("--tubelet-size", type=int, help="tubelet size (checked against the checkpoint)")
    ap.add_argument("--max-frames", type=int, help="maximum context frames T of predictor.onnx")
    ap.add_argument("--predictor-residual", action="store_true",
                    help="the predictor predicts each frame's change (train.py --predictor-residual); "
                         "taken from the checkpoint when it records its architecture")
    ap.add_argument("--horizons", default="1", help="comma-separated rollout horizons of the fused "
                    "energy graphs (default: %(default)s)")
    ap.add_argument("--resize-short-side", type=int, help="short side before the centre crop "
                    "(default: the image size)")
    ap.add_argument("--fp16", action="store_true", help="compute in float16 inside the graphs (GPU)")
    ap.add_argument("--opset", type=int, default=DEFAULT_OPSET, help="ONNX opset (default: %(default)s)")
    ap.add_argument("--name", help="bundle name (default: the checkpoint's file name)")
    ap.add_argument("--int8", action="store_true",
                    help="quantize the energy graphs' predictor products to int8 (dynamic); an option judged "
                         "by planning fidelity in world-model/PERFORMANCE.md, not the default")
    ap.add_argument("--refresh-energy", action="store_true",
                    help="re-export only the energy graphs of the existing bundle --out from --checkpoint, "
                         "keeping its model.json (provenance, training record) and other files")
    ap.add_argument("--state-convention", choices=sorted(STATE_CONVENTIONS),
                    help="what the states the model was trained on describe: droid (the official "
                         "checkpoint: the flange, panda_link8) or sim (the simulator: the Franka "
                         "Hand's TCP); default: the checkpoint's record, else droid (see above)")
    return ap.parse_args(argv)


def overrides_from(args: argparse.Namespace, declared: Optional[dict] = None) -> Dict[str, Dict[str, int]]:
    """Explicit flags, plus the residual choice a train.py checkpoint records (shapes cannot tell it)."""
    enc = {"num_heads": args.encoder_heads, "image_size": args.image_size}
    pred = {"num_heads": args.predictor_heads, "max_frames": args.max_frames}
    if args.predictor_residual or bool(((declared or {}).get("predictor") or {}).get("residual", False)):
        pred["residual"] = True
    return {"encoder": {k: v for k, v in enc.items() if v is not None},
            "predictor": {k: v for k, v in pred.items() if v is not None}}


def check_declared(args: argparse.Namespace, cfg) -> None:
    """An explicit --patch-size/--tubelet-size must agree with the checkpoint's patch embedding."""
    for flag, declared, found in (("--patch-size", args.patch_size, cfg.encoder.patch_size),
                                  ("--tubelet-size", args.tubelet_size, cfg.encoder.tubelet_size)):
        if declared is not None and declared != found:
            raise CheckpointError(f"{flag} {declared} disagrees with key 'patch_embed.proj.weight' "
                                  f"(kernel implies {found})")


def parse_horizons(text: str, max_frames: int) -> List[int]:
    try:
        horizons = sorted({int(h) for h in text.split(",") if h.strip()})
    except ValueError:
        raise CheckpointError(f"--horizons '{text}' must be comma-separated integers, e.g. 1,2") from None
    if not horizons or horizons[0] < 1 or horizons[-1] > max_frames:
        raise CheckpointError(f"--horizons {text}: each horizon must be in [1, max_frames={max_frames}]")
    return horizons


def convention_name(args: argparse.Namespace, declared: Optional[dict], recorded: Optional[str]) -> str:
    """The state convention preset of the bundle (the order is in the module docstring)."""
    if args.state_convention:
        return args.state_convention
    if recorded is not None:
        if recorded not in STATE_CONVENTIONS:
            raise CheckpointError(f"the checkpoint records state convention '{recorded}', which is not a "
                                  f"preset ({', '.join(sorted(STATE_CONVENTIONS))}); pass --state-convention")
        return recorded
    return "sim" if declared is not None else "droid"


def random_state(preset: str, seed: int):
    """State dicts of the preset's architecture with PyTorch's default init, seeded."""
    torch.manual_seed(seed)
    cfg = PRESETS[preset]
    return VideoEncoder(cfg.encoder).state_dict(), ACPredictor(cfg.predictor, cfg.encoder).state_dict()


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    try:
        declared, recorded = None, None
        if args.checkpoint is not None:
            enc_state, pred_state, declared, recorded = load_checkpoint_with_architecture(args.checkpoint)
        else:
            enc_state, pred_state = random_state(args.preset, args.random_init)
        cfg = infer_config(enc_state, pred_state, PRESETS[args.preset], overrides_from(args, declared))
        check_declared(args, cfg)
        horizons = parse_horizons(args.horizons, cfg.predictor.max_frames)
        convention = convention_name(args, declared, recorded)
        encoder, predictor = build_models(enc_state, pred_state, cfg)
    except CheckpointError as exc:
        print(f"export.py: error: {exc}", file=sys.stderr)
        return 2
    del enc_state, pred_state
    if args.refresh_energy:
        return refresh(args, cfg, predictor)
    if args.checkpoint is not None:
        provenance = {"source": args.checkpoint.name, "checkpoint_sha256": sha256_file(args.checkpoint),
                      "preset": args.preset}
    else:
        provenance = {"source": f"untrained: random init, seed {args.random_init}", "preset": args.preset}
    name = args.name or (args.checkpoint.stem if args.checkpoint else f"untrained-{args.preset}")
    try:
        manifest = write_bundle(args.out, cfg, encoder, predictor, horizons,
                                name, provenance, state_convention(convention), args.opset, args.fp16,
                                args.resize_short_side, args.int8)
    except ExportError as exc:
        print(f"export.py: error: {exc}", file=sys.stderr)
        return 2
    total = sum(f["bytes"] for f in manifest["files"].values())
    print(f"wrote {args.out} ({len(manifest['files'])} files, {total / 1e6:.1f} MB): encoder "
          f"{manifest['encoder']['params'] / 1e6:.1f}M params, predictor "
          f"{manifest['predictor']['params'] / 1e6:.1f}M params, horizons {horizons}, state convention "
          f"{convention} ({manifest['state_convention']['frame_name']})")
    return 0


def refresh(args: argparse.Namespace, cfg, predictor: ACPredictor) -> int:
    if args.checkpoint is None or not (args.out / "model.json").is_file():
        print("export.py: error: --refresh-energy needs --checkpoint and an existing bundle in --out",
              file=sys.stderr)
        return 2
    try:
        manifest = refresh_energy_graphs(args.out, predictor, cfg, args.opset, args.int8)
    except ExportError as exc:
        print(f"export.py: error: {exc}", file=sys.stderr)
        return 2
    print(f"refreshed {args.out}: energy graphs for horizons {[e['horizon'] for e in manifest['energy']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
