"""Reference frame preprocessing; the Java FramePreprocessor must match it (conformance test).

RGB uint8 [h, w, 3] → resize so the short side equals `short_side` (long side
floor(long · short_side / short + 0.5)), bilinear with half-pixel centres and no antialiasing
(``F.interpolate(mode="bilinear", align_corners=False)``) → centre crop `crop` × `crop` at offset
(size − crop) // 2 → scale by 1/255 → ImageNet mean/std → repeat over the tubelet →
float32 [3, tubelet, crop, crop].
"""

from __future__ import annotations

from typing import Sequence

import torch
import torch.nn.functional as F

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def resized_size(height: int, width: int, short_side: int) -> tuple:
    """(height, width) after scaling the short side to `short_side`."""
    if height <= width:
        return short_side, int(width * short_side / height + 0.5)
    return int(height * short_side / width + 0.5), short_side


def preprocess_rgb(rgb: torch.Tensor, short_side: int, crop: int, tubelet: int,
                   mean: Sequence[float] = IMAGENET_MEAN, std: Sequence[float] = IMAGENET_STD) -> torch.Tensor:
    """uint8 [h, w, 3] → normalised float32 clip [3, tubelet, crop, crop]."""
    h, w, _ = rgb.shape
    nh, nw = resized_size(h, w, short_side)
    x = rgb.permute(2, 0, 1).to(torch.float32)[None]
    x = F.interpolate(x, size=(nh, nw), mode="bilinear", align_corners=False)[0]
    top, left = (nh - crop) // 2, (nw - crop) // 2
    x = x[:, top:top + crop, left:left + crop] / 255.0
    x = (x - torch.tensor(mean)[:, None, None]) / torch.tensor(std)[:, None, None]
    return x[:, None].repeat(1, tubelet, 1, 1)
