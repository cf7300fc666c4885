"""Architecture hyper-parameters of the encoder and predictor, with named presets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Dict


@dataclass(frozen=True)
class EncoderConfig:
    """Video ViT encoder (V-JEPA 2): tubelet patch embedding, 3D RoPE, pre-norm blocks."""

    embed_dim: int = 1408
    depth: int = 40
    num_heads: int = 22
    mlp_hidden_dim: int = 6144
    image_size: int = 256
    patch_size: int = 16
    tubelet_size: int = 2
    in_chans: int = 3
    norm_eps: float = 1e-6

    @property
    def grid(self) -> int:
        return self.image_size // self.patch_size

    @property
    def tokens_per_frame(self) -> int:
        return self.grid * self.grid

    @property
    def head_dim(self) -> int:
        return self.embed_dim // self.num_heads

    def validate(self) -> None:
        _check(self.embed_dim % self.num_heads == 0,
               f"encoder embed_dim {self.embed_dim} is not divisible by num_heads {self.num_heads}")
        _check(self.head_dim % 2 == 0, f"encoder head_dim {self.head_dim} must be even for RoPE")
        _check(self.image_size % self.patch_size == 0,
               f"image_size {self.image_size} is not a multiple of patch_size {self.patch_size}")


@dataclass(frozen=True)
class PredictorConfig:
    """Action-conditioned predictor (V-JEPA 2-AC): [action, state, patches] per frame, block-causal."""

    embed_dim: int = 1024
    depth: int = 24
    num_heads: int = 16
    mlp_hidden_dim: int = 4096
    action_dim: int = 7
    max_frames: int = 8
    norm_eps: float = 1e-6
    # Not in the release: predict the change of each frame's latents (the output is added to the
    # input latents). A narrow predictor (64-dim over 96-dim latents) cannot copy a frame through
    # its bottleneck, so its error on still frames swamps small changes such as the fingers'.
    residual: bool = False

    @property
    def head_dim(self) -> int:
        return self.embed_dim // self.num_heads

    def validate(self) -> None:
        _check(self.embed_dim % self.num_heads == 0,
               f"predictor embed_dim {self.embed_dim} is not divisible by num_heads {self.num_heads}")
        _check(self.head_dim % 2 == 0, f"predictor head_dim {self.head_dim} must be even for RoPE")
        _check(self.max_frames >= 1, "max_frames must be at least 1")


@dataclass(frozen=True)
class ModelConfig:
    """An encoder and predictor pair that share the latent space."""

    encoder: EncoderConfig = field(default_factory=EncoderConfig)
    predictor: PredictorConfig = field(default_factory=PredictorConfig)

    def validate(self) -> None:
        self.encoder.validate()
        self.predictor.validate()

    def to_dict(self) -> Dict[str, Dict[str, float]]:
        return {"encoder": dataclasses.asdict(self.encoder),
                "predictor": dataclasses.asdict(self.predictor)}

    @staticmethod
    def from_dict(d: Dict[str, Dict[str, float]]) -> "ModelConfig":
        return ModelConfig(EncoderConfig(**d["encoder"]), PredictorConfig(**d["predictor"]))


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


PRESETS: Dict[str, ModelConfig] = {
    # The released V-JEPA 2-AC: ViT-g/16 encoder at 256 px and the 300M action-conditioned predictor.
    "vjepa2-ac-vitg": ModelConfig(
        EncoderConfig(embed_dim=1408, depth=40, num_heads=22, mlp_hidden_dim=6144,
                      image_size=256, patch_size=16, tubelet_size=2),
        PredictorConfig(embed_dim=1024, depth=24, num_heads=16, mlp_hidden_dim=4096, max_frames=8),
    ),
    # Tiny sizes for tests: 64 px images with 16 px patches -> 16 tokens per frame.
    "tiny": ModelConfig(
        EncoderConfig(embed_dim=48, depth=2, num_heads=2, mlp_hidden_dim=96,
                      image_size=64, patch_size=16, tubelet_size=2),
        PredictorConfig(embed_dim=64, depth=2, num_heads=2, mlp_hidden_dim=128, max_frames=4),
    ),
    # CPU planning size quoted in DESIGN.md: 64-dim, 2-layer predictor over 16+2 tokens.
    "small-64": ModelConfig(
        EncoderConfig(embed_dim=96, depth=4, num_heads=4, mlp_hidden_dim=384,
                      image_size=64, patch_size=16, tubelet_size=2),
        PredictorConfig(embed_dim=64, depth=2, num_heads=4, mlp_hidden_dim=256, max_frames=4),
    ),
    # small-64's widths and depths at 96 px with 24 px patches: the same 16+2 tokens (so the same
    # planning cost) with 2.25x the pixels per patch, enough to see the gripper's fingers.
    "small-96": ModelConfig(
        EncoderConfig(embed_dim=96, depth=4, num_heads=4, mlp_hidden_dim=384,
                      image_size=96, patch_size=24, tubelet_size=2),
        PredictorConfig(embed_dim=64, depth=2, num_heads=4, mlp_hidden_dim=256, max_frames=4),
    ),
    # small-96's widths and depths at 100 px with 20 px patches: 25+2 tokens per frame (1.5x the
    # planning cost of small-96) with finer patches.
    "small-100": ModelConfig(
        EncoderConfig(embed_dim=96, depth=4, num_heads=4, mlp_hidden_dim=384,
                      image_size=100, patch_size=20, tubelet_size=2),
        PredictorConfig(embed_dim=64, depth=2, num_heads=4, mlp_hidden_dim=256, max_frames=4),
    ),
    # 128-dim, 4-layer predictor over 64+2 tokens (128 px images, 16 px patches).
    "small-128": ModelConfig(
        EncoderConfig(embed_dim=192, depth=6, num_heads=4, mlp_hidden_dim=768,
                      image_size=128, patch_size=16, tubelet_size=2),
        PredictorConfig(embed_dim=128, depth=4, num_heads=4, mlp_hidden_dim=512, max_frames=4),
    ),
}
