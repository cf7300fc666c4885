"""Shared pytest setup of the experiment tests: the checks (experiments/), the model package and the
trainer (world-model/python) and the product tests' synthetic dataset (tests/synthetic.py) become
importable; everything is seeded."""

import sys
from pathlib import Path

import pytest
import torch

_PYTHON = Path(__file__).resolve().parents[2]
for folder in (_PYTHON, _PYTHON / "experiments", _PYTHON / "tests"):
    sys.path.insert(0, str(folder))


@pytest.fixture(autouse=True)
def _seed():
    torch.manual_seed(0)
