"""Shared fixtures for the helpers tests."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIRE = os.environ.get("COURSE_REQUIRE_BROWSER", "") not in ("", "0")

# The kernel guards are an IPython start-up file for notebook kernels
# (tests/test_course_guards.py); importing it here would guard pytest itself.
collect_ignore_glob = ["kernel_guards/*"]


@pytest.fixture
def rng():
    """A seeded generator, so every test draws the same numbers."""
    import numpy as np

    return np.random.default_rng(20261122)


@pytest.fixture(scope="session")
def run_make():
    """Run ``make <target>`` at the repository root, one make at a time across workers.

    Used for ``make slides`` and ``make site``, which install reveal.js and
    MathJax with npm the first time. Without make or npm the test is skipped
    on a reader's machine and fails in CI (``COURSE_REQUIRE_BROWSER=1``).
    """

    def unavailable(reason: str):
        message = (
            f"{reason}. Install it to build the decks and the site in the tests; CI sets "
            "COURSE_REQUIRE_BROWSER=1, which turns this skip into a failure."
        )
        if REQUIRE:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    def run(target: str, timeout: int = 1200) -> subprocess.CompletedProcess:
        if shutil.which("make") is None:
            unavailable("`make` is not installed")
        if (
            shutil.which("npm") is None
            and not (ROOT / "build/web/node_modules/.installed").exists()
        ):
            unavailable(f"npm is not installed (make {target} installs reveal.js and MathJax)")
        # A make that runs the tests must not pass its job server to this one.
        env = {
            k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")
        }
        (ROOT / "build").mkdir(exist_ok=True)
        with open(ROOT / "build" / ".make.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            result = subprocess.run(
                ["make", "--no-print-directory", target],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        assert result.returncode == 0, f"make {target} failed:\n{output}"
        return result

    return run
