"""Full-size export with random weights: ViT-g/16 encoder + 300M predictor (tagged slow).

Run with: /usr/bin/python3 -m pytest -q -m slow world-model/python/tests/test_fullsize.py -s
Needs about 20 GB of RAM and 12 GB of disk under the pytest temporary directory.
"""

from __future__ import annotations

import json
import resource
import time

import pytest
import torch

import export
from vjepa2ac import PRESETS, ACPredictor, VideoEncoder
from vjepa2ac.checkpoint import official_layout

pytestmark = pytest.mark.slow


def test_vitg_export_uses_external_data(tmp_path):
    cfg = PRESETS["vjepa2-ac-vitg"]
    start = time.time()
    with torch.no_grad():
        encoder, predictor = VideoEncoder(cfg.encoder), ACPredictor(cfg.predictor, cfg.encoder)
        checkpoint = tmp_path / "vjepa2-ac-vitg-random.pt"
        torch.save(official_layout(encoder, predictor), checkpoint)
    del encoder, predictor
    out = tmp_path / "bundle"
    assert export.main(["--checkpoint", str(checkpoint), "--out", str(out), "--preset", "vjepa2-ac-vitg"]) == 0
    manifest = json.loads((out / "model.json").read_text())
    sizes = {name: entry["bytes"] for name, entry in manifest["files"].items()}
    print(f"\nfull-size export: {time.time() - start:.0f} s, peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.1f} GB, "
          f"{len(sizes)} files, {sum(sizes.values()) / 1e9:.2f} GB")
    print(json.dumps({k: manifest[k] for k in ("encoder", "predictor", "latent", "flops")}, indent=1))
    assert manifest["encoder"]["params"] > 1.0e9 and 2.5e8 < manifest["predictor"]["params"] < 3.5e8
    assert manifest["latent"]["tokens_per_frame"] == 256 and manifest["latent"]["dim"] == 1408
    # The encoder's 4 GB of weights cannot live inside a protobuf (2 GB limit): external data.
    assert set(sizes) == {"encoder.onnx", "encoder.onnx.data", "predictor.onnx", "energy_h1.onnx"}
    assert sizes["encoder.onnx"] < 2**31 and sizes["encoder.onnx.data"] > 4.0e9
