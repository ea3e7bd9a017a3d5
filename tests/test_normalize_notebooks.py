"""tools/normalize_notebooks.py: the metadata every course notebook carries."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from helpers.course import NOTEBOOK_DIR

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from normalize_notebooks import (
    FONTS_METADATA,
    KERNELSPEC,
    PRESENTATION_STYLES,
    PRESENTATION_ZOOM,
    normalise,
)

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_carries_the_presentation_style(path):
    """Without it, Presentation Mode grows the prose and leaves the figures small."""
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get(FONTS_METADATA) == PRESENTATION_STYLES, (
        f"{path.name}: run tools/normalize_notebooks.py"
    )


def test_the_style_zooms_figures_and_widgets_in_presentation_mode_only():
    styles = PRESENTATION_STYLES["styles"]
    assert set(styles) == {".jp-RenderedImage img", ".jp-RenderedMarkdown img", ".course-w"}
    for rule in styles.values():
        assert rule == {".jp-mod-presentationMode &": {"zoom": str(PRESENTATION_ZOOM)}}
    assert abs(PRESENTATION_ZOOM - 17 / 14) < 1e-6  # JupyterLab 4's 17 px over 14 px


def bare_notebook(tmp_path, slide_type=None) -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell("# A title")
    if slide_type is not None:
        cell.metadata["slideshow"] = {"slide_type": slide_type}
    nb.cells = [cell]
    nb.metadata["vscode"] = {"interpreter": {}}
    path = tmp_path / "bare.ipynb"
    nbformat.write(nb, path)
    return path


def test_normalise_writes_the_style_and_the_kernel_and_is_idempotent(tmp_path):
    path = bare_notebook(tmp_path, slide_type="-")
    assert normalise(path) == []
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata[FONTS_METADATA] == PRESENTATION_STYLES
    assert nb.metadata["kernelspec"] == KERNELSPEC
    assert "vscode" not in nb.metadata
    assert "slideshow" not in nb.cells[0].metadata  # "-" is written as no slide type
    once = path.read_bytes()
    assert normalise(path) == []
    assert path.read_bytes() == once


def test_normalise_reports_an_unknown_slide_type(tmp_path):
    path = bare_notebook(tmp_path, slide_type="sub-slide")
    (problem,) = normalise(path)
    assert "unknown slide type 'sub-slide'" in problem
