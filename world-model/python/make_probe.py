#!/usr/bin/env python3
"""Write matmul_probe.onnx: one float32 MatMul with dynamic sizes, used to measure the machine's
matrix-product peak through ONNX Runtime (the `model bench` command reports model GFLOP/s
against it). The committed copy lives in world-model/src/main/resources; rerun this to refresh it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch

DEFAULT_OUT = (Path(__file__).resolve().parents[1] / "src/main/resources/dev/latentmpc/worldmodel"
               / "matmul_probe.onnx")


class _MatMul(torch.nn.Module):
    def forward(self, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.matmul(a, b)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output file (default: the resource)")
    args = ap.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(_MatMul(), (torch.zeros(4, 8), torch.zeros(8, 2)), str(args.out),
                      input_names=["a", "b"], output_names=["c"], opset_version=17,
                      dynamic_axes={"a": {0: "m", 1: "k"}, "b": {0: "k", 1: "n"}, "c": {0: "m", 1: "n"}})
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
