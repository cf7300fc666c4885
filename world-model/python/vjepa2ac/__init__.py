"""V-JEPA 2-AC in PyTorch: video encoder, action-conditioned predictor, rollout and export.

The module layout and state_dict keys follow the public V-JEPA 2 release so that its checkpoints
load unchanged; the code itself is an independent implementation written for ONNX export on
PyTorch 1.13 (no scaled_dot_product_attention, static RoPE tables, block-causal masks as buffers).
"""

from .config import EncoderConfig, PredictorConfig, ModelConfig, PRESETS
from .encoder import VideoEncoder
from .predictor import ACPredictor

__all__ = [
    "EncoderConfig",
    "PredictorConfig",
    "ModelConfig",
    "PRESETS",
    "VideoEncoder",
    "ACPredictor",
]
