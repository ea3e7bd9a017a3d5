"""Figures that read (issue 19, item 4): text size, legends clear of data, no colliding text.

The checks live in ``tests/figure_layout.py``. The first tests build bad figures
by hand and require each check to catch them (and to pass the fixed figure);
the last test executes every notebook in a fresh process and checks every
figure it shows. One notebook by hand::

    .venv/bin/python tests/figure_layout.py notebooks/05_low_rank_approximation.ipynb
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

import figure_layout as fl

from helpers.course import NOTEBOOK_DIR, NOTEBOOKS

SCRIPT = Path(__file__).resolve().parent / "figure_layout.py"


@pytest.fixture(autouse=True)
def _course_style():
    from helpers.plotting import use_course_style

    with matplotlib.rc_context():
        use_course_style()
        yield
    plt.close("all")


def line_figure(**legend):
    fig, ax = plt.subplots(figsize=(6, 4))
    x = np.linspace(0, 1, 50)
    ax.plot(x, 0.5 + 0 * x, label="flat at one half")
    ax.plot(x, x, label="rising")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("Two lines")
    ax.legend(**legend)
    return fig


# --------------------------------------------------------------------------- (a) text size


def test_png_width_is_the_width_savefig_writes():
    fig = line_figure()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    with Image.open(io.BytesIO(buffer.getvalue())) as image:
        assert abs(fl.png_width(fig) - image.width) <= 1


def test_tiny_tick_labels_are_caught():
    fig = line_figure()
    fig.axes[0].tick_params(labelsize=5)  # 5 pt at 100 dpi: 6.9 px
    problems = fl.small_text(fig)
    assert problems and all("6.9 px" in p for p in problems), problems
    assert len(problems) == len(fig.axes[0].xaxis._update_ticks()) + len(
        fig.axes[0].yaxis._update_ticks()
    )


def test_course_sizes_pass_at_natural_size():
    assert fl.small_text(line_figure()) == []


def test_a_wide_figure_is_scaled_down_and_its_text_shrinks():
    fig, ax = plt.subplots(figsize=(20, 3))  # 2000 px: shown at 934 px, text × 0.47
    ax.plot([0, 1], [0, 1])
    ax.set_title("wide")
    assert fl.small_text(fig), "12 pt text on a 2000 px figure is 6.5 px on screen"
    assert fl.small_text(fig, area_width=3000) == [], "the same figure in a wide area reads"


# --------------------------------------------------------------------------- (b) legends


def test_legend_over_a_line_is_caught():
    problems = fl.legend_overlaps(line_figure(loc="center"))
    assert any("flat at one half" in p for p in problems), problems


def test_legend_beside_the_axes_passes():
    fig = line_figure(loc="upper left", bbox_to_anchor=(1.02, 1))
    assert fl.legend_overlaps(fig) == []


def test_legend_over_markers_points_and_images_is_caught():
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(10, 3.5))
    grid = np.linspace(0.1, 0.9, 9)
    a.plot(*np.meshgrid(grid, grid), "o", linestyle="none", color="C0", label="_grid")
    a.plot([], [], "o", label="grid points")
    a.legend(loc="center")
    b.scatter(*np.meshgrid(grid, grid), label="scatter")
    b.legend(loc="center")
    c.imshow(np.arange(100).reshape(10, 10))
    c.plot([], [], label="nothing")
    c.legend(loc="center")
    problems = fl.legend_overlaps(fig)
    assert any("marker(s) of Line2D" in p for p in problems), problems
    assert any("point(s) of PathCollection 'scatter'" in p for p in problems), problems
    assert any("AxesImage" in p for p in problems), problems


def test_legend_over_a_filled_patch_and_an_outline_is_caught():
    from matplotlib.patches import Circle, Rectangle

    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 3.5))
    a.add_patch(Rectangle((0.2, 0.2), 0.6, 0.6, label="bar"))
    a.plot([], [], label="key")
    a.legend(loc="center")
    b.add_patch(Circle((0.5, 0.5), 0.08, fill=False, label="ring"))
    b.set(xlim=(0, 1), ylim=(0, 1))  # the ring (about 24 px across) crosses the legend's frame
    b.plot([], [], label="key")
    b.legend(loc="center")
    problems = fl.legend_overlaps(fig)
    assert any("Rectangle 'bar'" in p for p in problems), problems
    assert any("outline of Circle 'ring'" in p for p in problems), problems


# --------------------------------------------------------------------------- (c) text collisions


def test_colliding_titles_and_labels_are_caught():
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(5, 3), layout="none")
    fig.subplots_adjust(hspace=0.0)
    top.set_xlabel("the top x label")
    bottom.set_title("the bottom title")
    fig.suptitle("A suptitle", y=0.9)
    top.set_title("the top title")
    problems = fl.text_collisions(fig)
    assert any("the bottom title" in p and "top" in p for p in problems), problems
    assert any("suptitle" in p and "the top title" in p for p in problems), problems


def test_crowded_tick_labels_are_caught():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_xticks(range(30), [f"label {i}" for i in range(30)])
    problems = fl.text_collisions(fig)
    assert any("x tick label" in p and "collides with" in p for p in problems), problems


def test_the_same_texts_with_constrained_layout_pass():
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(5, 4))
    top.set_xlabel("the top x label")
    bottom.set_title("the bottom title")
    fig.suptitle("A suptitle")
    top.set_title("the top title")
    assert fl.text_collisions(fig) == []


# --------------------------------------------------------------------------- notebooks


def test_runner_reports_cell_and_figure(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A notebook with one bad figure"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nprint('no figure here')"),
        nbformat.v4.new_code_cell(
            "fig, ax = plt.subplots()\nax.plot([0, 1])\nplt.show()\n"
            "fig, ax = plt.subplots()\nax.set_title('tiny', fontsize=4)\nplt.show()"
        ),
        nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.plot([1, 0])  # shown at the end"),
    ]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--json", str(path)], capture_output=True, text=True
    )
    report = json.loads(run.stdout)
    assert run.returncode == 1, run.stderr
    assert report["figures"] == 3 and report["error"] is None
    assert {(p["cell"], p["figure"]) for p in report["problems"]} == {(2, 2)}
    assert "'tiny'" in report["problems"][0]["problem"]


@pytest.mark.parametrize("notebook", [nb.file for nb in NOTEBOOKS])
def test_notebook_figures_read(notebook):
    path = NOTEBOOK_DIR / notebook
    if not path.exists():
        pytest.skip(f"notebooks/{notebook} does not exist yet")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.stdout.strip(), f"{notebook}: the runner printed nothing\n{run.stderr[-3000:]}"
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["error"] is None, f"{notebook}: {report['error']}"
    lines = [
        f"{notebook}, cell {p['cell']}, figure {p['figure']}: {p['problem']}"
        for p in report["problems"]
    ]
    assert not lines, "\n".join(lines)
