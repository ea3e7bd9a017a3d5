"""Make the static figures in this folder from the code in `helpers`.

Usage: ``python figures/make_figures.py`` (writes next to this file).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from helpers.course import draw_map
from helpers.plotting import use_course_style

HERE = Path(__file__).resolve().parent


def make_course_map(out_dir: Path = HERE) -> Path:
    """Draw the map of notebooks and save it as ``course_map.png`` in ``out_dir``."""
    use_course_style()
    fig, ax = plt.subplots(figsize=(13, 4.6))
    draw_map(ax)
    path = Path(out_dir) / "course_map.png"
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return path


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else HERE
    print(make_course_map(out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
