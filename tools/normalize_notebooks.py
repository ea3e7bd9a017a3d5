"""Normalise notebooks' metadata and check the course conventions.

Usage: ``python tools/normalize_notebooks.py notebooks/*.ipynb``

- sets the kernelspec to the standard ``python3`` kernel,
- removes editor-specific metadata (jupytext, vscode, widget state),
- writes the slide type "-" (the cell continues the current slide) as no
  ``slideshow.slide_type`` at all, as JupyterLab's property inspector does and
  as nbconvert reads it; jupyterlab-slideshow, the live slide mode, has no case
  for a literal "-" and never shows such a cell (its ``_getExtents``);
- checks that every other slide type is one nbconvert and jupyterlab-slideshow
  know (an unknown type is reported and the script exits 1);
- writes :data:`PRESENTATION_STYLES` into the notebook's metadata, where
  jupyterlab-fonts (installed with jupyterlab-slideshow) applies it to that
  notebook: in JupyterLab's Presentation Mode the figures and the course's
  widgets grow by :data:`PRESENTATION_ZOOM`, as the text does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes"}
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

#: Presentation Mode raises JupyterLab's prose from ``--jp-content-font-size1``
#: (14 px) to ``--jp-content-presentation-font-size1`` (17 px) but shows a
#: picture at its own pixel size, so a figure's text shrinks against the prose
#: around it. The pictures and the widgets are scaled by the same factor
#: (CSS ``zoom``; an output never grows past the output area's width, as
#: JupyterLab caps a picture at 100 %). The browser test reads both font sizes
#: from the page and checks this ratio against them.
PRESENTATION_ZOOM = round(17 / 14, 6)
FONTS_METADATA = "@deathbeds/jupyterlab-fonts"  # jupyterlab-fonts' key, in notebook metadata
_GROW = {".jp-mod-presentationMode &": {"zoom": str(PRESENTATION_ZOOM)}}
#: jupyterlab-fonts scopes each key to this notebook's panel; ``&`` is that scoped selector.
PRESENTATION_STYLES = {
    "styles": {
        ".jp-RenderedImage img": _GROW,  # figures: matplotlib's PNG outputs
        ".jp-RenderedMarkdown img": _GROW,  # pictures in the text (the course map in 00)
        ".course-w": _GROW,  # the course's widgets (helpers/widgets/common.js)
    }
}


def normalise(path: Path) -> list[str]:
    """Normalise one notebook in place; return a list of convention problems."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata.setdefault("language_info", {"name": "python"})
    for key in ("jupytext", "vscode", "widgets"):
        nb.metadata.pop(key, None)
    nb.metadata[FONTS_METADATA] = PRESENTATION_STYLES
    problems = []
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("jupytext", None)
        slideshow = cell.metadata.get("slideshow", {})
        if slideshow.get("slide_type") == "-":
            del slideshow["slide_type"]
        if "slideshow" in cell.metadata and not slideshow:
            del cell.metadata["slideshow"]
        slide = slideshow.get("slide_type")
        if slide is not None and slide not in SLIDE_TYPES:
            first = cell.source.splitlines()[0][:50] if cell.source else ""
            problems.append(f"{path.name} cell {i}: unknown slide type {slide!r} ({first!r})")
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return problems


def main(argv: list[str]) -> int:
    problems = [p for name in argv for p in normalise(Path(name))]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
