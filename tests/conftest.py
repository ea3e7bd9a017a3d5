"""Shared fixtures for the helpers tests."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def rng():
    """A seeded generator, so every test draws the same numbers."""
    import numpy as np

    return np.random.default_rng(20261122)
