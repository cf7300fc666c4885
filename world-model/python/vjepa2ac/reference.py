"""Loading the public V-JEPA 2 code (facebookresearch/vjepa2) on Debian's PyTorch 1.13.

The public code needs timm, einops, tqdm and torch >= 2.0's scaled_dot_product_attention; none of
them is installed here, and none matters for inference: `install_stand_ins` puts minimal stand-ins
in their place (drop path off, no progress bar, attention written out). The checkout itself is
never copied into this repository: callers pass its root (the directory that holds ``src/``).
"""

from __future__ import annotations

import importlib
import math
import sys
import types
from pathlib import Path

import torch
import torch.nn.functional as F


def _sdpa(q, k, v, attn_mask=None, dropout_p=0.0, is_causal=False):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if attn_mask is not None:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    return scores.softmax(dim=-1) @ v


class _NullContext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def install_stand_ins() -> None:
    """Registers stand-ins for timm, einops and tqdm, and the attention function torch 1.13 lacks."""
    timm = types.ModuleType("timm")
    models = types.ModuleType("timm.models")
    layers = types.ModuleType("timm.models.layers")
    layers.drop_path = lambda x, p, training: x
    timm.models, models.layers = models, layers
    einops = types.ModuleType("einops")
    einops.rearrange = None
    tqdm = types.ModuleType("tqdm")
    tqdm.tqdm = lambda it, **kwargs: it
    sys.modules.update({"timm": timm, "timm.models": models, "timm.models.layers": layers,
                        "einops": einops, "tqdm": tqdm})
    if not hasattr(F, "scaled_dot_product_attention"):
        F.scaled_dot_product_attention = _sdpa
    if not hasattr(torch.backends.cuda, "sdp_kernel"):
        torch.backends.cuda.sdp_kernel = lambda *a, **k: _NullContext()


def import_reference(src: Path, module: str):
    """Imports `module` (e.g. ``src.models.ac_predictor``) from the checkout at `src`."""
    install_stand_ins()
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    return importlib.import_module(module)
