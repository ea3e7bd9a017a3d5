"""Normalise notebooks' metadata and check the course conventions.

Usage: ``python tools/normalize_notebooks.py notebooks/*.ipynb``

- sets the kernelspec to the standard ``python3`` kernel,
- removes editor-specific metadata (jupytext, vscode, widget state),
- writes the slide type "-" (the cell continues the current slide) as no
  ``slideshow.slide_type`` at all, as JupyterLab's property inspector does and
  as nbconvert reads it; jupyterlab-slideshow, the live slide mode, has no case
  for a literal "-" and never shows such a cell (its ``_getExtents``);
- checks that every other slide type is one nbconvert and jupyterlab-slideshow
  know (an unknown type is reported and the script exits 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes"}
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def normalise(path: Path) -> list[str]:
    """Normalise one notebook in place; return a list of convention problems."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata.setdefault("language_info", {"name": "python"})
    for key in ("jupytext", "vscode", "widgets"):
        nb.metadata.pop(key, None)
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
