#!/usr/bin/env python3
"""Write a conformance fixture: a tiny random-weight bundle plus PyTorch reference tensors.

The Java runtime's conformance test runs this script, loads DIR/bundle through ONNX Runtime and
compares every output with the PyTorch values here (max abs error <= 1e-4). The path under test
is the user's: a checkpoint in the official layout (top-level 'encoder'/'predictor', keys with
'module.backbone.' prefixes) is written from seeded random weights and exported by export.py.

Layout of DIR:
  checkpoint.pt     official-layout checkpoint
  bundle/           exported model bundle (horizons 1 and 2)
  reference.json    {"tensors": {NAME: {"file": NAME.f32|.u8, "shape": [...], "dtype": ...}}}
  NAME.f32 / .u8    raw little-endian float32 / uint8 data
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

import export  # noqa: E402
from vjepa2ac import PRESETS, ACPredictor, VideoEncoder  # noqa: E402
from vjepa2ac.checkpoint import build_models, load_checkpoint, official_layout  # noqa: E402
from vjepa2ac.config import ModelConfig  # noqa: E402
from vjepa2ac.preprocess import preprocess_rgb  # noqa: E402
from vjepa2ac.rollout import EnergyGraph  # noqa: E402

HORIZONS = (1, 2)
ENERGY_SAMPLES = 16


class Fixture:
    """Collects named tensors and writes them as raw files plus a JSON index."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.index: Dict[str, Dict[str, object]] = {}

    def add(self, name: str, tensor: torch.Tensor) -> torch.Tensor:
        array = tensor.detach().cpu().numpy()
        if array.dtype == np.uint8:
            file, dtype = f"{name}.u8", "uint8"
        else:
            array, file, dtype = array.astype("<f4"), f"{name}.f32", "float32"
        (self.out / file).write_bytes(np.ascontiguousarray(array).tobytes())
        self.index[name] = {"file": file, "shape": list(array.shape), "dtype": dtype}
        return tensor

    def save(self) -> None:
        (self.out / "reference.json").write_text(json.dumps({"tensors": self.index}, indent=1) + "\n")


def random_models(preset: str, seed: int):
    torch.manual_seed(seed)
    cfg = PRESETS[preset]
    encoder, predictor = VideoEncoder(cfg.encoder).eval(), ACPredictor(cfg.predictor, cfg.encoder).eval()
    with torch.no_grad():  # the training init gives near-identity blocks; use livelier weights
        for name, p in list(encoder.named_parameters()) + list(predictor.named_parameters()):
            if p.dim() > 1:
                p.normal_(0.0, (p[0].numel()) ** -0.5)
            elif "norm" in name and name.endswith("weight"):
                p.normal_(1.0, 0.1)
            else:
                p.normal_(0.0, 0.05)
    return cfg, encoder, predictor


def states(generator: torch.Generator, *shape: int) -> torch.Tensor:
    """Plausible end-effector states: xyz in metres, angles in radians, gripper in [0, 1]."""
    s = torch.rand(*shape, 7, generator=generator)
    s[..., :3] = s[..., :3] * 0.6 - 0.3
    s[..., 3:6] = (s[..., 3:6] * 2 - 1) * 1.2
    return s


def actions(generator: torch.Generator, *shape: int) -> torch.Tensor:
    a = (torch.rand(*shape, 7, generator=generator) * 2 - 1) * 0.075
    a[..., 3:6] *= 2.0  # exercise the rotation composition, not only zero rotation deltas
    a[..., 6] = (torch.rand(shape, generator=generator) * 2 - 1) * 0.75
    return a


def write_references(fx: Fixture, cfg, encoder: VideoEncoder, predictor: ACPredictor, seed: int,
                     horizons=HORIZONS) -> None:
    g = torch.Generator().manual_seed(seed + 1)
    e = cfg.encoder
    n, d = e.tokens_per_frame, e.embed_dim
    with torch.no_grad():
        frames = fx.add("encoder_frames", torch.randn(2, 3, e.tubelet_size, e.image_size, e.image_size,
                                                      generator=g))
        fx.add("encoder_latents", encoder.encode_for_planning(frames))
        for t in (1, 2, 3):
            lat = fx.add(f"predictor_T{t}_latents", torch.randn(2, t * n, d, generator=g))
            act = fx.add(f"predictor_T{t}_actions", actions(g, 2, t))
            st = fx.add(f"predictor_T{t}_states", states(g, 2, t))
            fx.add(f"predictor_T{t}_next", predictor.predict_next(lat, act, st))
        context = encoder.encode_for_planning(torch.randn(1, 3, e.tubelet_size, e.image_size, e.image_size,
                                                          generator=g))
        goal = encoder.encode_for_planning(torch.randn(1, 3, e.tubelet_size, e.image_size, e.image_size,
                                                       generator=g))
        for h in horizons:
            fx.add(f"energy_h{h}_context", context)
            st = fx.add(f"energy_h{h}_state", states(g, 1))
            fx.add(f"energy_h{h}_goal", goal)
            act = fx.add(f"energy_h{h}_actions", actions(g, ENERGY_SAMPLES, h))
            final = EnergyGraph(predictor, h).rollout(context, st, act)[:, -1]
            fx.add(f"energy_h{h}_energies", torch.abs(final - goal).flatten(1).mean(dim=1))
    rgb = torch.randint(0, 256, (37, 53, 3), generator=g, dtype=torch.uint8)
    fx.add("preprocess_rgb", rgb)
    fx.add("preprocess_frames", preprocess_rgb(rgb, e.image_size, e.image_size, e.tubelet_size))


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path, help="fixture directory to (re)write")
    ap.add_argument("--preset", default="tiny", help="architecture preset (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=7, help="weights and inputs seed (default: %(default)s)")
    ap.add_argument("--bundle", type=Path, help="check this trained bundle instead: reference outputs from its "
                    "checkpoint.pt (the weights it was exported from); nothing is exported")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.bundle is not None:
        return bundle_references(args.bundle, args.out, args.seed)
    cfg, encoder, predictor = random_models(args.preset, args.seed)
    checkpoint = args.out / "checkpoint.pt"
    torch.save(official_layout(encoder, predictor), checkpoint)
    code = export.main(["--checkpoint", str(checkpoint), "--out", str(args.out / "bundle"),
                        "--preset", args.preset, "--horizons", ",".join(map(str, HORIZONS)),
                        "--name", f"conformance-{args.preset}-seed{args.seed}"])
    if code != 0:
        return code
    fx = Fixture(args.out)
    write_references(fx, cfg, encoder, predictor, args.seed)
    fx.save()
    print(f"wrote conformance fixture to {args.out} ({len(fx.index)} tensors)")
    return 0


def bundle_references(bundle: Path, out: Path, seed: int) -> int:
    """References for an existing bundle from the PyTorch weights recorded in its model.json."""
    manifest = json.loads((bundle / "model.json").read_text())
    checkpoint = bundle / "checkpoint.pt"
    expected = manifest.get("provenance", {}).get("checkpoint_sha256")
    if not checkpoint.is_file() or expected is None:
        print(f"{bundle}: no checkpoint.pt with a checkpoint_sha256 in model.json provenance", file=sys.stderr)
        return 2
    found = export.sha256_file(checkpoint)
    if found != expected:
        print(f"{checkpoint}: sha256 {found} differs from model.json's {expected}", file=sys.stderr)
        return 2
    cfg = ModelConfig.from_dict(manifest["architecture"])
    encoder, predictor = build_models(*load_checkpoint(checkpoint), cfg)
    fx = Fixture(out)
    horizons = [e["horizon"] for e in manifest["energy"]]
    write_references(fx, cfg, encoder, predictor, seed, horizons)
    fx.save()
    print(f"wrote reference tensors of {bundle} to {out} ({len(fx.index)} tensors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
