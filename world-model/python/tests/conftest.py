"""Shared pytest setup: make the world-model Python package importable and seed everything."""

import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


@pytest.fixture(autouse=True)
def _seed():
    torch.manual_seed(0)
