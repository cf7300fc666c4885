"""Reading V-JEPA 2-AC checkpoints: prefix cleaning, shape inference and strict key checks.

A checkpoint is a torch pickle whose top level holds ``encoder`` and ``predictor`` state_dicts
(the public release; keys may carry ``module.`` and/or ``backbone.`` prefixes). What a state_dict
cannot tell — head counts, image size, maximum context frames — comes from a preset or flags;
everything else is read from tensor shapes.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

import torch

from .config import EncoderConfig, ModelConfig, PredictorConfig
from .encoder import VideoEncoder
from .predictor import ACPredictor

StateDict = Dict[str, torch.Tensor]

# Keys some releases carry that a RoPE model does not use (the reference loads with strict=False).
IGNORABLE_ENCODER_KEYS = ("pos_embed",)
# Key components added by training wrappers (DistributedDataParallel, multi-sequence wrappers).
WRAPPER_PREFIXES = ("module", "backbone")


class CheckpointError(Exception):
    """A checkpoint that cannot become the requested model; the message names the key and shapes."""


def clean_keys(state: Mapping[str, torch.Tensor]) -> StateDict:
    """Drop every ``module`` and ``backbone`` key component, as the public loader does."""
    return {".".join(p for p in key.split(".") if p not in WRAPPER_PREFIXES): value
            for key, value in state.items()}


def load_checkpoint(path: Path) -> Tuple[StateDict, StateDict]:
    """Load (encoder, predictor) state_dicts with cleaned keys, or raise CheckpointError."""
    enc, pred, _, _ = load_checkpoint_with_architecture(path)
    return enc, pred


def load_checkpoint_with_architecture(
        path: Path) -> Tuple[StateDict, StateDict, Optional[dict], Optional[str]]:
    """As load_checkpoint, plus what checkpoints written by train.py record: the 'architecture'
    entry (ModelConfig.to_dict) and the 'state_convention' preset name (conventions.py), each None
    when absent (the public release has neither; train.py's older checkpoints lack the second)."""
    if not path.is_file():
        raise CheckpointError(f"checkpoint {path} does not exist or is not a file")
    try:
        obj = torch.load(str(path), map_location="cpu")
    except Exception as exc:  # torch raises many types for a non-checkpoint file
        raise CheckpointError(f"{path} is not a PyTorch checkpoint: {type(exc).__name__}: {exc}") from exc
    if not isinstance(obj, Mapping) or "encoder" not in obj or "predictor" not in obj:
        found = sorted(obj.keys()) if isinstance(obj, Mapping) else type(obj).__name__
        raise CheckpointError(
            f"{path} has no top-level 'encoder' and 'predictor' state_dicts (found: {found}); "
            "expected a V-JEPA 2-AC checkpoint such as vjepa2-ac-vitg.pt")
    architecture = obj.get("architecture")
    convention = obj.get("state_convention")
    return (clean_keys(_tensors(obj["encoder"], "encoder")), clean_keys(_tensors(obj["predictor"], "predictor")),
            architecture if isinstance(architecture, Mapping) else None,
            convention if isinstance(convention, str) else None)


def _tensors(state: object, name: str) -> StateDict:
    if not isinstance(state, Mapping):
        raise CheckpointError(f"'{name}' is a {type(state).__name__}, expected a state_dict")
    return {k: v for k, v in state.items() if isinstance(v, torch.Tensor)}


def _shape(state: StateDict, key: str, section: str) -> Tuple[int, ...]:
    if key not in state:
        raise CheckpointError(f"{section}: missing key '{key}' needed to infer the architecture")
    return tuple(state[key].shape)


def _depth(state: StateDict, prefix: str) -> int:
    ids = {int(m.group(1)) for k in state for m in [re.match(re.escape(prefix) + r"(\d+)\.", k)] if m}
    return max(ids) + 1 if ids else 0


def infer_config(enc: StateDict, pred: StateDict, base: ModelConfig,
                 overrides: Optional[Dict[str, Dict[str, int]]] = None) -> ModelConfig:
    """Architecture from tensor shapes; heads, image size and max frames from base + overrides."""
    overrides = overrides or {}
    embed, chans, tubelet, patch, _ = _shape(enc, "patch_embed.proj.weight", "encoder")
    e_hidden = _shape(enc, "blocks.0.mlp.fc1.weight", "encoder")[0]
    p_dim, p_in = _shape(pred, "predictor_embed.weight", "predictor")
    p_hidden = _shape(pred, "predictor_blocks.0.mlp.fc1.weight", "predictor")[0]
    action_dim = _shape(pred, "action_encoder.weight", "predictor")[1]
    if p_in != embed:
        raise CheckpointError(
            f"predictor: key 'predictor_embed.weight' expects encoder dim {embed}, found input dim {p_in}")
    encoder = dataclasses.replace(base.encoder, embed_dim=embed, in_chans=chans, tubelet_size=tubelet,
                                  patch_size=patch, depth=_depth(enc, "blocks."), mlp_hidden_dim=e_hidden)
    predictor = dataclasses.replace(base.predictor, embed_dim=p_dim, mlp_hidden_dim=p_hidden,
                                    action_dim=action_dim, depth=_depth(pred, "predictor_blocks."))
    encoder = dataclasses.replace(encoder, **overrides.get("encoder", {}))
    predictor = dataclasses.replace(predictor, **overrides.get("predictor", {}))
    cfg = ModelConfig(encoder, predictor)
    try:
        cfg.validate()
    except ValueError as exc:
        raise CheckpointError(f"inconsistent architecture: {exc}") from exc
    return cfg


def check_and_load(module: torch.nn.Module, state: StateDict, section: str,
                   ignorable: Tuple[str, ...] = ()) -> None:
    """Strict load: every missing/extra key or shape mismatch is reported by name."""
    expected = module.state_dict()
    problems = []
    for key, tensor in expected.items():
        if key not in state:
            problems.append(f"missing key '{key}' (expected shape {list(tensor.shape)})")
        elif tuple(state[key].shape) != tuple(tensor.shape):
            problems.append(f"key '{key}': expected shape {list(tensor.shape)}, found {list(state[key].shape)}")
    extra = [k for k in state if k not in expected and k not in ignorable]
    problems += [f"unexpected key '{k}' (shape {list(state[k].shape)})" for k in sorted(extra)]
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise CheckpointError(f"{section} state_dict does not match the model:\n  {shown}{more}")
    module.load_state_dict({k: v.float() for k, v in state.items() if k in expected}, strict=True)


def build_models(enc: StateDict, pred: StateDict, cfg: ModelConfig) -> Tuple[VideoEncoder, ACPredictor]:
    """Instantiate both networks for cfg and load the weights strictly (eval mode)."""
    encoder = VideoEncoder(cfg.encoder)
    predictor = ACPredictor(cfg.predictor, cfg.encoder)
    check_and_load(encoder, enc, "encoder", IGNORABLE_ENCODER_KEYS)
    check_and_load(predictor, pred, "predictor")
    return encoder.eval(), predictor.eval()


def official_layout(encoder: VideoEncoder, predictor: ACPredictor) -> Dict[str, StateDict]:
    """State dicts in the released layout (``module.backbone.`` prefixes), for writing checkpoints."""
    return {
        "encoder": {f"module.backbone.{k}": v for k, v in encoder.state_dict().items()},
        "predictor": {f"module.backbone.{k}": v for k, v in predictor.state_dict().items()},
    }
