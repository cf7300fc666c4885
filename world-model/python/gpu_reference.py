#!/usr/bin/env python3
"""GPU reference: cost of one CEM step's energy evaluations for the full-size V-JEPA 2-AC.

Builds the architecture with random weights (ViT-g encoder, 300M predictor by default), puts it on
the GPU in bfloat16 and times what one planning step of the paper costs: CEM with 800 samples,
10 iterations, horizon 1 — i.e. 10 fused energy evaluations over 800 action samples — plus one
encoder call. Prints milliseconds (median of --runs after warm-up) and achieved TFLOP/s. This is
the figure the service's GPU path (ONNX Runtime CUDA/TensorRT) has to beat.

  /usr/bin/python3 world-model/python/gpu_reference.py                # H100/H200, bf16
  /usr/bin/python3 world-model/python/gpu_reference.py --attention sdpa   # PyTorch >= 2.0 fused attention
  /usr/bin/python3 world-model/python/gpu_reference.py --device cpu --preset tiny --dtype float32  # smoke
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vjepa2ac import PRESETS, ACPredictor, VideoEncoder  # noqa: E402
from vjepa2ac.bundle import encoder_flops, energy_flops  # noqa: E402
from vjepa2ac.layers import RopeAttention  # noqa: E402
from vjepa2ac.rollout import EnergyGraph  # noqa: E402
from vjepa2ac.rope import rotate  # noqa: E402

DTYPES = {"bfloat16": torch.bfloat16, "float16": torch.float16, "float32": torch.float32}


def _sdpa_forward(self, x, cos, sin, bias=None):
    """RopeAttention.forward with PyTorch 2's fused scaled_dot_product_attention."""
    b, n, c = x.shape
    qkv = self.qkv(x).reshape(b, n, 3, self.num_heads, self.head_dim).permute(2, 0, 3, 1, 4)
    q, k = rotate(qkv[0], cos.to(x.dtype), sin.to(x.dtype)), rotate(qkv[1], cos.to(x.dtype), sin.to(x.dtype))
    mask = None if bias is None else bias.to(x.dtype)
    out = F.scaled_dot_product_attention(q, k, qkv[2], attn_mask=mask)
    return self.proj(out.transpose(1, 2).reshape(b, n, c))


def timed(fn, device: str, runs: int) -> list:
    fn()  # warm-up (kernel selection, allocator)
    times = []
    for _ in range(runs):
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="vjepa2-ac-vitg", choices=sorted(PRESETS))
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--dtype", default="bfloat16", choices=sorted(DTYPES))
    ap.add_argument("--samples", type=int, default=800)
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--horizon", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=800, help="samples per predictor call")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--attention", choices=("manual", "sdpa"), default="manual")
    args = ap.parse_args()
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        print("gpu_reference.py: error: no CUDA device; use --device cpu for a smoke run", file=sys.stderr)
        return 2
    if args.attention == "sdpa":
        if not hasattr(F, "scaled_dot_product_attention"):
            print("gpu_reference.py: error: --attention sdpa needs PyTorch >= 2.0", file=sys.stderr)
            return 2
        RopeAttention.forward = _sdpa_forward
    cfg, dtype = PRESETS[args.preset], DTYPES[args.dtype]
    torch.manual_seed(0)
    with torch.no_grad():
        encoder = VideoEncoder(cfg.encoder).to(args.device, dtype).eval()
        predictor = ACPredictor(cfg.predictor, cfg.encoder).to(args.device, dtype).eval()
        graph = EnergyGraph(predictor, args.horizon)
        e = cfg.encoder
        frames = torch.randn(1, 3, e.tubelet_size, e.image_size, e.image_size, device=args.device, dtype=dtype)
        context = encoder.encode_for_planning(frames)
        goal = encoder.encode_for_planning(torch.randn_like(frames))
        state = torch.rand(1, 7, device=args.device, dtype=dtype)
        actions = torch.randn(args.samples, args.horizon, 7, device=args.device, dtype=dtype) * 0.05

        def cem_step():
            for _ in range(args.iterations):
                for s in range(0, args.samples, args.chunk):
                    graph(context, state, goal, actions[s:s + args.chunk])

        enc_times = timed(lambda: encoder.encode_for_planning(frames), args.device, args.runs)
        cem_times = timed(cem_step, args.device, args.runs)
    cem_flops = energy_flops(cfg, args.horizon) * args.samples * args.iterations
    cem_s, enc_s = statistics.median(cem_times), statistics.median(enc_times)
    report = {
        "device": torch.cuda.get_device_name() if args.device.startswith("cuda") else args.device,
        "torch": torch.__version__, "preset": args.preset, "dtype": args.dtype, "attention": args.attention,
        "encoder_params": sum(p.numel() for p in encoder.parameters()),
        "predictor_params": sum(p.numel() for p in predictor.parameters()),
        "samples": args.samples, "iterations": args.iterations, "horizon": args.horizon,
        "cem_step_seconds_median": cem_s, "cem_step_seconds_all": cem_times,
        "cem_step_tflops": cem_flops / cem_s / 1e12,
        "encode_seconds_median": enc_s, "encode_tflops": encoder_flops(cfg) / enc_s / 1e12,
    }
    if args.device.startswith("cuda"):
        report["peak_memory_gib"] = torch.cuda.max_memory_allocated() / 2**30
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
