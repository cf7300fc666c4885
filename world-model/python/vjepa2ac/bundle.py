"""Writing a model bundle: ONNX graphs, model.json, checksums (contract: world-model/BUNDLE.md)."""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import torch
import torch.nn as nn

from .config import ModelConfig
from .encoder import VideoEncoder
from .predictor import COND_TOKENS, ACPredictor
from .planning import PlanningEnergyGraph
from .quantize import quantize_products

FORMAT = "latent-mpc/model-bundle"
FORMAT_VERSION = 1
DEFAULT_OPSET = 17
INT8_NOTE = ("int8 dynamic: predictor block and output products as DynamicQuantizeLinear + "
             "MatMulInteger (weights s8 per column, activations u8 per tensor); see world-model/PERFORMANCE.md")
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


class _Cast(nn.Module):
    """Runs `inner` in `dtype` while the graph's inputs and outputs stay float32."""

    def __init__(self, inner: nn.Module, method: str, dtype: torch.dtype) -> None:
        super().__init__()
        self.inner = inner.to(dtype)
        self.method = method
        self.dtype = dtype

    def forward(self, *args: torch.Tensor) -> torch.Tensor:
        out = getattr(self.inner, self.method)(*[a.to(self.dtype) for a in args])
        return out.to(torch.float32)


def sha256_file(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


class ExportError(Exception):
    """An export that cannot run on this machine or with these options."""


def _export(module: nn.Module, args: tuple, path: Path, inputs: List[str], output: str,
            dynamic: Dict[str, Dict[int, str]], opset: int) -> None:
    """Trace `module` to `path`; a graph over 2 GB gets its weights in one `<name>.data` file."""
    device = next(module.parameters()).device
    args = tuple(a.to(device) for a in args)
    with tempfile.TemporaryDirectory(prefix=f".{path.stem}-", dir=path.parent) as tmp:
        traced = Path(tmp) / path.name
        with torch.no_grad():
            torch.onnx.export(module, args, str(traced), input_names=inputs, output_names=[output],
                              dynamic_axes=dynamic, opset_version=opset, do_constant_folding=True)
        if len(list(Path(tmp).iterdir())) == 1:
            shutil.move(str(traced), str(path))
        else:
            _pack_external_data(traced, path)


def _pack_external_data(traced: Path, path: Path) -> None:
    """PyTorch writes one external file per tensor past the protobuf limit; gather them in one."""
    try:
        import onnx
    except ImportError:
        raise ExportError(f"{path.name} is over 2 GB and needs the onnx package to pack its weights "
                          "(Debian: apt-get install python3-onnx)") from None
    model = onnx.load(str(traced), load_external_data=True)
    onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                    location=f"{path.name}.data", size_threshold=1024)


def export_encoder(encoder: VideoEncoder, path: Path, opset: int, dtype: torch.dtype) -> None:
    c = encoder.cfg
    frames = torch.zeros(1, c.in_chans, c.tubelet_size, c.image_size, c.image_size)
    _export(_Cast(encoder, "encode_for_planning", dtype), (frames,), path, ["frames"], "latents",
            {"frames": {0: "batch"}, "latents": {0: "batch"}}, opset)


def export_predictor(predictor: ACPredictor, embed_dim: int, path: Path, opset: int,
                     dtype: torch.dtype) -> None:
    n, frames = predictor.tokens_per_frame, min(2, predictor.cfg.max_frames)
    a = predictor.cfg.action_dim
    args = (torch.zeros(2, frames * n, embed_dim), torch.zeros(2, frames, a), torch.zeros(2, frames, a))
    dyn = {"latents": {0: "batch", 1: "context_tokens"}, "actions": {0: "batch", 1: "frames"},
           "states": {0: "batch", 1: "frames"}, "next_latents": {0: "batch"}}
    _export(_Cast(predictor, "predict_next", dtype), args, path, ["latents", "actions", "states"],
            "next_latents", dyn, opset)


def export_energy(predictor: ACPredictor, embed_dim: int, horizon: int, path: Path, opset: int,
                  dtype: torch.dtype, int8: bool = False) -> None:
    n, a = predictor.tokens_per_frame, predictor.cfg.action_dim
    args = (torch.zeros(1, n, embed_dim), torch.zeros(1, a), torch.zeros(1, n, embed_dim),
            torch.zeros(3, horizon, a))
    # The planning form of rollout.EnergyGraph: same function, arranged for the runtime (planning.py).
    graph = PlanningEnergyGraph(predictor, horizon)
    if int8:
        if dtype != torch.float32:
            raise ExportError("--int8 quantizes a float32 energy graph; drop --fp16")
        quantize_products(graph)
    _export(_Cast(graph, "forward", dtype), args, path,
            ["context", "state", "goal", "actions"], "energies",
            {"actions": {0: "samples"}, "energies": {0: "samples"}}, opset)


def encoder_flops(cfg: ModelConfig) -> int:
    """Matrix-product FLOPs (2 × multiply-adds) of one encoder call on one frame clip."""
    e = cfg.encoder
    n, d = e.tokens_per_frame, e.embed_dim
    per_layer = n * (4 * d * d + 2 * d * e.mlp_hidden_dim) + 2 * n * n * d
    embed = n * e.in_chans * e.tubelet_size * e.patch_size ** 2 * d
    return 2 * (e.depth * per_layer + embed)


def predictor_flops(cfg: ModelConfig, frames: int) -> int:
    """FLOPs of one predictor call over `frames` time steps for one sample."""
    p, n = cfg.predictor, cfg.encoder.tokens_per_frame
    tokens = frames * (n + COND_TOKENS)
    d = p.embed_dim
    per_layer = tokens * (4 * d * d + 2 * d * p.mlp_hidden_dim) + 2 * tokens * tokens * d
    io = 2 * frames * n * d * cfg.encoder.embed_dim
    return 2 * (p.depth * per_layer + io)


def energy_flops(cfg: ModelConfig, horizon: int) -> int:
    """FLOPs of one fused energy evaluation (rollout of `horizon` steps) for one sample."""
    return sum(predictor_flops(cfg, h) for h in range(1, horizon + 1))


def param_count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def write_bundle(out: Path, cfg: ModelConfig, encoder: VideoEncoder, predictor: ACPredictor,
                 horizons: Iterable[int], name: str, provenance: Dict[str, object],
                 state_convention: Dict[str, object], opset: int = DEFAULT_OPSET, fp16: bool = False,
                 resize_short_side: Optional[int] = None, int8: bool = False) -> Dict[str, object]:
    """Export every graph into `out` and write model.json; returns the manifest.

    `state_convention` is model.json's block of that name (conventions.state_convention(preset)):
    what the states the model was trained on describe. `int8` quantizes the energy graphs'
    products (quantize.py; model.json then records ``energy_quantization``).
    """
    out.mkdir(parents=True, exist_ok=True)
    dtype = torch.float16 if fp16 else torch.float32
    if fp16:
        # PyTorch's CPU kernels lack float16 convolutions and matrix products, so a float16 graph
        # can only be traced on a GPU; the graph then runs on ONNX Runtime's CUDA/TensorRT providers.
        if not torch.cuda.is_available():
            raise ExportError("--fp16 needs a CUDA device to trace the float16 graphs "
                              "(PyTorch has no float16 CPU kernels); export float32 here instead")
        encoder, predictor = encoder.cuda(), predictor.cuda()
    horizons = sorted(set(horizons))
    export_encoder(encoder, out / "encoder.onnx", opset, dtype)
    export_predictor(predictor, cfg.encoder.embed_dim, out / "predictor.onnx", opset, dtype)
    for h in horizons:
        export_energy(predictor, cfg.encoder.embed_dim, h, out / f"energy_h{h}.onnx", opset, dtype, int8)
    encoder, predictor = encoder.float().cpu(), predictor.float().cpu()
    manifest = _manifest(cfg, encoder, predictor, horizons, name, provenance, opset, fp16,
                         resize_short_side or cfg.encoder.image_size, state_convention)
    if int8:
        manifest["energy_quantization"] = INT8_NOTE
    manifest["files"] = {p.name: {"sha256": sha256_file(p), "bytes": p.stat().st_size}
                         for p in sorted(out.iterdir()) if p.is_file() and p.name != "model.json"}
    (out / "model.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def refresh_energy_graphs(out: Path, predictor: ACPredictor, cfg: ModelConfig,
                          opset: int = DEFAULT_OPSET, int8: bool = False) -> Dict[str, object]:
    """Re-export the energy graphs of the bundle in `out` from `predictor`, keeping everything else.

    For a bundle whose checkpoint is unchanged but whose exporter improved: model.json keeps its
    provenance (a training record included) and gains ``provenance.energy_export``; the checksums
    of the rewritten files are updated. The horizons are those the bundle lists."""
    manifest = json.loads((out / "model.json").read_text())
    if manifest.get("compute_dtype", "float32") != "float32":
        raise ExportError("refreshing energy graphs is for float32 bundles; export the bundle again")
    for entry in manifest["energy"]:
        path = out / entry["file"]
        export_energy(predictor, cfg.encoder.embed_dim, int(entry["horizon"]), path, opset, torch.float32,
                      int8)
        manifest["files"][path.name] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    if int8:
        manifest["energy_quantization"] = INT8_NOTE
    else:
        manifest.pop("energy_quantization", None)
    manifest["provenance"]["energy_export"] = {
        "exporter": "latent-mpc export.py --refresh-energy", "torch_version": torch.__version__,
        "created_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    (out / "model.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _manifest(cfg: ModelConfig, encoder: VideoEncoder, predictor: ACPredictor, horizons: List[int],
              name: str, provenance: Dict[str, object], opset: int, fp16: bool,
              resize_short_side: int, state_convention: Dict[str, object]) -> Dict[str, object]:
    e, p = cfg.encoder, cfg.predictor
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": name,
        "opset": opset,
        "compute_dtype": "float16" if fp16 else "float32",
        "input": {"image_size": e.image_size, "channels": e.in_chans, "tubelet_size": e.tubelet_size,
                  "resize_short_side": resize_short_side, "crop": "center", "interpolation": "bilinear",
                  "value_scale": 1.0 / 255.0, "mean": IMAGENET_MEAN, "std": IMAGENET_STD,
                  "layout": "batch,channel,time,height,width"},
        "encoder": {"file": "encoder.onnx", "embed_dim": e.embed_dim, "depth": e.depth,
                    "num_heads": e.num_heads, "mlp_hidden_dim": e.mlp_hidden_dim,
                    "patch_size": e.patch_size, "tubelet_size": e.tubelet_size,
                    "params": param_count(encoder)},
        "predictor": {"file": "predictor.onnx", "embed_dim": p.embed_dim, "depth": p.depth,
                      "num_heads": p.num_heads, "mlp_hidden_dim": p.mlp_hidden_dim,
                      "max_frames": p.max_frames, "action_dim": p.action_dim, "state_dim": p.action_dim,
                      "cond_tokens_per_frame": COND_TOKENS,
                      "params": param_count(predictor) - param_count(predictor.extrinsics_encoder)},
        "latent": {"tokens_per_frame": e.tokens_per_frame, "grid_height": e.grid, "grid_width": e.grid,
                   "dim": e.embed_dim, "normalization": "layer_norm_no_affine"},
        "energy": [{"file": f"energy_h{h}.onnx", "horizon": h} for h in horizons],
        "flops": {"encoder_per_frame": encoder_flops(cfg),
                  "predictor_step_per_sample": {str(h): energy_flops(cfg, h) for h in horizons}},
        "conventions": {
            "state": "x,y,z [m, robot base frame]; roll,pitch,yaw [rad, extrinsic xyz Euler]; "
                     "gripper closedness [0..1]",
            "action": "change of state between two frames 0.25 s apart (4 fps)",
            "pose_update": "xyz += dxyz; R' = R(dtheta) R (extrinsic xyz); gripper = clip(g + dg, 0, 1)",
            "energy": "mean |z_pred - z_goal| over the flattened final-frame tokens",
        },
        "state_convention": dict(state_convention),
        "architecture": cfg.to_dict(),
        "provenance": {"exporter": "latent-mpc export.py", "torch_version": torch.__version__,
                       "created_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                       **provenance},
    }
