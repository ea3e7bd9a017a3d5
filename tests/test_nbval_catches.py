"""Proof that the notebook tests compare outputs instead of only running cells.

Each test copies notebook 00 to a temporary folder, breaks it in one way, runs
nbval on the copy exactly as `make test` does, and expects a failure. A control
run on the unbroken copy must pass, so a failure really comes from the change.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "notebooks" / "00_start_here.ipynb"


def run_nbval(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(ROOT / "tests" / "sanitize.cfg"),
            "-p",
            "no:cacheprovider",
            "-q",
            str(path),
        ],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / SOURCE.name
    shutil.copy(SOURCE, target)
    return target


def edit(path: Path, old: str, new: str, *, in_outputs: bool) -> None:
    nb = nbformat.read(path, as_version=4)
    hits = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if in_outputs:
            for out in cell.outputs:
                if "text" in out and old in out["text"]:
                    out["text"] = out["text"].replace(old, new)
                    hits += 1
        elif old in cell.source:
            cell.source = cell.source.replace(old, new)
            hits += 1
    assert hits == 1, f"expected exactly one place to change {old!r}, found {hits}"
    nbformat.write(nb, path)


def test_unchanged_copy_passes(copy):
    result = run_nbval(copy)
    assert result.returncode == 0, result.stdout[-2000:]


def test_a_changed_printed_number_fails(copy):
    edit(copy, "k = 7, k² = 49", "k = 7, k² = 48", in_outputs=True)
    result = run_nbval(copy)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "k² = 48" in result.stdout and "1 failed" in result.stdout


def test_a_broken_assert_fails(copy):
    edit(copy, "assert eps == 2.0**-52", "assert eps == 2.0**-51", in_outputs=False)
    result = run_nbval(copy)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "AssertionError" in result.stdout
