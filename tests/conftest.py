"""Shared fixtures for the helpers tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The kernel guards are an IPython start-up file for notebook kernels
# (tests/test_course_guards.py); importing it here would guard pytest itself.
collect_ignore_glob = ["kernel_guards/*"]


@pytest.fixture
def rng():
    """A seeded generator, so every test draws the same numbers."""
    import numpy as np

    return np.random.default_rng(20261122)
