"""Do the course's figures read? Checks on a drawn matplotlib figure, and a notebook runner.

Three checks, each from matplotlib's own layout (``fig.canvas.draw()``, then
the artists' extents in display pixels):

- :func:`small_text`: every visible text is at least ``min_px`` tall on
  screen. JupyterLab shows a PNG at its natural size unless it is wider than
  the output area, which scales it down (``max-width: 100%``), so
  ``px = fontsize_pt × dpi / 72 × min(1, area_width / png_width)``.
  ``png_width`` is the width of the PNG the inline backend sends (it saves with
  ``bbox_inches="tight"``).
- :func:`legend_overlaps`: no legend box covers data (lines, markers,
  patches, collections, images) by more than a tiny tolerance.
- :func:`text_collisions`: the figure's titles, axis labels and tick labels
  do not overlap one another.

Run it on a notebook (this is what ``tests/test_figure_layout.py`` does for
each notebook, in a fresh process)::

    .venv/bin/python tests/figure_layout.py notebooks/05_low_rank_approximation.ipynb

It executes the notebook's code cells in this process with matplotlib's Agg
backend (working directory: the notebook's folder), checks every figure when
``plt.show()`` is called, when ``display(fig)`` shows one and at the end of each
cell (where the inline backend would show what is left open), prints one line
per problem, ``<notebook> cell <i> figure <n>: <what>``, and exits with 1 if
there is any.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path

import numpy as np

#: Width in CSS pixels of a notebook's output area in JupyterLab 4.6 at a
#: 1366 × 768 window with the default layout (the file browser open on the
#: left, 250 px; measured with Chromium in tests/browser: ``.jp-RenderedImage``).
OUTPUT_AREA_WIDTH = 934
#: Smallest text height on screen, in CSS pixels (issue 19: "figures that read").
MIN_TEXT_PX = 9.0
#: A line may run inside a legend's box for this many pixels (anti-aliasing, a
#: line that just touches the frame).
LINE_TOLERANCE_PX = 3.0
#: A patch, image or filled area may cover this fraction of a legend's box.
AREA_TOLERANCE = 0.01
#: Two text boxes collide when they overlap by more than this many pixels both ways
#: (a text's box has a pixel or so of air around the glyphs).
TEXT_TOLERANCE_PX = 2.0


# --------------------------------------------------------------------------- helpers


def _renderer(fig):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def png_width(fig, renderer=None) -> int:
    """Width in pixels of the PNG the inline backend makes of ``fig`` (``bbox_inches="tight"``).

    Computed from the drawn figure's tight box and ``savefig.pad_inches``, as
    ``savefig`` does, without encoding a PNG.
    """
    import matplotlib as mpl

    renderer = renderer or _renderer(fig)
    pad = mpl.rcParams["savefig.pad_inches"]
    pad = 0.0 if pad == "layout" else float(pad)
    dpi = mpl.rcParams["savefig.dpi"]
    dpi = fig.dpi if dpi == "figure" else float(dpi)
    box = fig.get_tightbbox(renderer)
    return round((box.width + 2 * pad) * dpi)


def _visible(artist) -> bool:
    return artist.get_visible() and (artist.axes is None or artist.axes.get_visible())


def _texts(fig):
    """The texts ``fig`` draws: visible, not empty, tick labels only of the ticks drawn."""
    from matplotlib.text import Text

    undrawn = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            drawn = {id(tick) for tick in axis._update_ticks()}
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if id(tick) not in drawn:
                    undrawn.update((id(tick.label1), id(tick.label2)))
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and _visible(t) and id(t) not in undrawn
    ]


def _describe(text) -> str:
    words = " ".join(text.get_text().split())
    return repr(words if len(words) <= 40 else words[:37] + "...")


# --------------------------------------------------------------------------- (a) text size


def small_text(
    fig, area_width: float = OUTPUT_AREA_WIDTH, min_px: float = MIN_TEXT_PX, renderer=None
):
    """Texts of ``fig`` shorter than ``min_px`` on screen at an output area ``area_width`` wide.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    area_width : float
        Width of the output area in CSS pixels; a wider PNG is scaled down to it.
    min_px : float
        Smallest acceptable text height on screen (font size in pixels).
    renderer : optional
        The renderer of ``fig`` after a draw; by default the figure is drawn here.

    Returns
    -------
    list of str
        One message per text that is too small, smallest first.
    """
    renderer = renderer or _renderer(fig)
    width = png_width(fig, renderer)
    scale = min(1.0, area_width / width)
    found = []
    for text in _texts(fig):
        px = text.get_fontsize() * fig.dpi / 72 * scale
        if px < min_px:
            found.append(
                (
                    px,
                    f"text {_describe(text)} is {px:.1f} px on screen "
                    f"({text.get_fontsize():g} pt at {fig.dpi:g} dpi, figure {width} px wide "
                    f"shown at {min(width, area_width):.0f} px); needs >= {min_px:g} px",
                )
            )
    return [message for _, message in sorted(found, key=lambda pair: pair[0])]


# --------------------------------------------------------------------------- (b) legends


def _segment_length_inside(points: np.ndarray, box) -> float:
    """Length of the polyline ``points`` (n × 2, display px) inside ``box`` (Liang–Barsky)."""
    if len(points) < 2:
        return 0.0
    p0, p1 = points[:-1], points[1:]
    ok = np.isfinite(p0).all(axis=1) & np.isfinite(p1).all(axis=1)
    p0, p1 = p0[ok], p1[ok]
    d = p1 - p0
    t0 = np.zeros(len(d))
    t1 = np.ones(len(d))
    keep = np.ones(len(d), dtype=bool)
    for axis, lo, hi in ((0, box.x0, box.x1), (1, box.y0, box.y1)):
        for p, q in ((-d[:, axis], p0[:, axis] - lo), (d[:, axis], hi - p0[:, axis])):
            parallel = p == 0
            keep &= ~(parallel & (q < 0))
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
            t0 = np.where(~parallel & (p < 0), np.maximum(t0, r), t0)
            t1 = np.where(~parallel & (p > 0), np.minimum(t1, r), t1)
    inside = keep & (t1 > t0)
    return float(np.sum((t1 - t0)[inside] * np.hypot(d[inside, 0], d[inside, 1])))


def _area_inside(path, box) -> float:
    """Area of the (display-space) ``path``'s polygons inside ``box``."""
    clipped = path.clip_to_bbox(box, inside=True)
    area = 0.0
    for poly in clipped.to_polygons(closed_only=True):
        x, y = poly[:, 0], poly[:, 1]
        area += 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
    return area


def _points_inside(points: np.ndarray, radius: np.ndarray | float, box) -> int:
    if len(points) == 0:
        return 0
    ok = np.isfinite(points).all(axis=1)
    x, y = points[ok, 0], points[ok, 1]
    r = np.broadcast_to(radius, points.shape[:1])[ok] if np.ndim(radius) else radius
    return int(
        np.count_nonzero((x + r > box.x0) & (x - r < box.x1) & (y + r > box.y0) & (y - r < box.y1))
    )


def _label(artist) -> str:
    label = artist.get_label()
    kind = type(artist).__name__
    return f"{kind} {label!r}" if label and not label.startswith("_") else kind


def _data_overlaps(ax, box, legend, renderer):
    """What of ``ax``'s data the display box ``box`` covers: a list of messages."""
    from matplotlib.collections import Collection, LineCollection, PathCollection
    from matplotlib.image import AxesImage
    from matplotlib.transforms import Bbox

    region = Bbox.intersection(box, ax.bbox) or None
    messages = []
    legend_handles = set(getattr(legend, "legend_handles", None) or [])
    dpi = ax.figure.dpi
    for line in ax.lines:
        if not line.get_visible() or line in legend_handles:
            continue
        where = region if line.get_clip_on() else box
        if where is None:
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        if line.get_linestyle() not in ("None", "none", " ", "") and line.get_linewidth() > 0:
            length = _segment_length_inside(xy, where)
            if length > LINE_TOLERANCE_PX:
                messages.append(f"{_label(line)} ({length:.0f} px of it)")
        if line.get_marker() not in (None, "None", "none", " ", ""):
            radius = line.get_markersize() * dpi / 72 / 2
            n = _points_inside(xy, radius, where)
            if n:
                messages.append(f"{n} marker(s) of {_label(line)}")
    legend_area = box.width * box.height
    for patch in ax.patches:
        if not patch.get_visible() or patch in legend_handles:
            continue
        path = patch.get_transform().transform_path(patch.get_path())
        if region is None:
            continue
        if not patch.get_fill():  # an outline only: it is a line
            length = sum(
                _segment_length_inside(poly, region)
                for poly in path.to_polygons(closed_only=False)
            )
            if length > LINE_TOLERANCE_PX:
                messages.append(f"outline of {_label(patch)} ({length:.0f} px of it)")
            continue
        covered = _area_inside(path, region)
        if covered > AREA_TOLERANCE * legend_area:
            messages.append(f"{_label(patch)} ({100 * covered / legend_area:.0f} % of the legend)")
    for image in ax.images:
        if not isinstance(image, AxesImage) or not image.get_visible() or region is None:
            continue
        extent = Bbox.intersection(image.get_window_extent(renderer), region)
        covered = extent.width * extent.height if extent is not None else 0.0
        if covered > AREA_TOLERANCE * legend_area:
            messages.append(f"{_label(image)} ({100 * covered / legend_area:.0f} % of the legend)")
    for coll in ax.collections:
        if not isinstance(coll, Collection) or not coll.get_visible() or coll in legend_handles:
            continue
        if region is None:
            continue
        if isinstance(coll, PathCollection) and len(coll.get_offsets()):
            points = coll.get_offset_transform().transform(np.asarray(coll.get_offsets()))
            sizes = coll.get_sizes()
            radius = np.sqrt(sizes if len(sizes) else [36.0]) * dpi / 72 / 2
            radius = radius if len(radius) == len(points) else float(radius[0])
            n = _points_inside(points, radius, region)
            if n:
                messages.append(f"{n} point(s) of {_label(coll)}")
            continue
        transform = coll.get_transform()
        filled = not isinstance(coll, LineCollection) and len(coll.get_facecolor()) > 0
        filled = filled and bool(np.any(np.asarray(coll.get_facecolor())[:, 3] > 0))
        length = covered = 0.0
        for path in coll.get_paths():
            shown = transform.transform_path(path)
            if filled:
                covered += _area_inside(shown, region)
            else:
                for poly in shown.to_polygons(closed_only=False):
                    length += _segment_length_inside(poly, region)
        if covered > AREA_TOLERANCE * legend_area:
            messages.append(f"{_label(coll)} ({100 * covered / legend_area:.0f} % of the legend)")
        elif length > LINE_TOLERANCE_PX:
            messages.append(f"{_label(coll)} ({length:.0f} px of lines)")
    return messages


def legend_overlaps(fig, renderer=None):
    """Legends of ``fig`` whose box covers data: a list of messages (empty when none does).

    A legend's box (its frame, in display pixels after ``fig.canvas.draw()``) is
    compared with every axes' lines (length inside the box, tolerance
    :data:`LINE_TOLERANCE_PX`), markers and scatter points (any marker disc
    touching the box), patches, filled collections and images (area inside the
    box, tolerance :data:`AREA_TOLERANCE` of the box).
    """
    renderer = renderer or _renderer(fig)
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    legends += list(fig.legends)
    messages = []
    for legend in legends:
        if not legend.get_visible():
            continue
        box = legend.get_frame().get_window_extent(renderer)
        where = legend.axes.get_title() if legend.axes is not None else "the figure"
        owner = f"legend of axes {where!r}" if legend.axes is not None else "figure legend"
        for ax in fig.axes:
            for what in _data_overlaps(ax, box, legend, renderer):
                messages.append(f"{owner} covers {what}")
    return messages


# --------------------------------------------------------------------------- (c) text collisions


def _layout_texts(fig):
    """(name, Text) for the titles, axis labels and drawn tick labels of ``fig``."""
    found = []
    for attr in ("_suptitle", "_supxlabel", "_supylabel"):
        text = getattr(fig, attr, None)
        if text is not None:
            found.append((f"figure {attr.strip('_')}", text))
    for index, ax in enumerate(fig.axes):
        if not ax.get_visible():
            continue
        name = f"axes {index}" + (f" ({ax.get_title()!r})" if ax.get_title() else "")
        found.append((f"{name} title", ax.title))
        found.append((f"{name} title", ax._left_title))
        found.append((f"{name} title", ax._right_title))
        for axis_name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if not axis.get_visible():
                continue
            found.append((f"{name} {axis_name}label", axis.label))
            found.append((f"{name} {axis_name} offset", axis.offsetText))
            # the ticks drawn (inside the view limits), as matplotlib's own layout uses them
            ticks = axis._update_ticks()
            for tick in ticks:
                for label in (tick.label1, tick.label2):
                    found.append((f"{name} {axis_name} tick label", label))
    seen = set()
    kept = []
    for name, text in found:
        if text is None or id(text) in seen:
            continue
        seen.add(id(text))
        if text.get_visible() and text.get_text().strip():
            kept.append((name, text))
    return kept


def text_collisions(fig, tolerance: float = TEXT_TOLERANCE_PX, renderer=None):
    """Pairs of titles / axis labels / tick labels of ``fig`` whose boxes overlap.

    Returns
    -------
    list of str
        One message per colliding pair: both texts and the overlap in pixels.
    """
    renderer = renderer or _renderer(fig)
    texts = _layout_texts(fig)
    if len(texts) < 2:
        return []
    boxes = np.array([text.get_window_extent(renderer).extents for _, text in texts])
    x0, y0, x1, y1 = (boxes[:, k] for k in range(4))
    w = np.minimum.outer(x1, x1) - np.maximum.outer(x0, x0)
    h = np.minimum.outer(y1, y1) - np.maximum.outer(y0, y0)
    hits = np.argwhere(np.triu((w > tolerance) & (h > tolerance), k=1))
    messages = []
    for i, j in hits:
        (name_a, text_a), (name_b, text_b) = texts[i], texts[j]
        messages.append(
            f"{name_a} {_describe(text_a)} collides with {name_b} {_describe(text_b)} "
            f"({w[i, j]:.0f} × {h[i, j]:.0f} px)"
        )
    return messages


def check_figure(fig, area_width: float = OUTPUT_AREA_WIDTH) -> list[str]:
    """All three checks on ``fig`` (drawn once): a list of problems, empty when it reads."""
    renderer = _renderer(fig)
    return (
        small_text(fig, area_width, renderer=renderer)
        + legend_overlaps(fig, renderer=renderer)
        + text_collisions(fig, renderer=renderer)
    )


# --------------------------------------------------------------------------- notebooks


def check_notebook(
    path: Path, area_width: float = OUTPUT_AREA_WIDTH, save: Path | None = None
) -> dict:
    """Execute ``path``'s code cells here and check every figure they show.

    Returns ``{"figures": n, "problems": [...], "error": str | None}``; each
    problem is ``{"cell": i, "figure": k, "problem": text}`` with ``i`` the
    cell's index in the notebook (all cells counted, from 0) and ``k`` the
    figure's number among those the cell showed (from 1). With ``save`` (a
    folder), every figure is also written there as the PNG the notebook would
    show, ``<notebook>_cell<i>_fig<k>.png``.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib.figure import Figure

    nb = nbformat.read(path, as_version=4)
    os.chdir(path.parent)
    shell = InteractiveShell.instance()
    state = {"cell": None, "shown": 0, "figures": 0, "problems": []}
    checked: set[int] = set()

    def inspect(fig) -> None:
        if id(fig) in checked:
            return
        checked.add(id(fig))
        state["shown"] += 1
        state["figures"] += 1
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            name = f"{path.stem}_cell{state['cell']}_fig{state['shown']}.png"
            fig.savefig(save / name, bbox_inches="tight")
        for problem in check_figure(fig, area_width):
            state["problems"].append(
                {"cell": state["cell"], "figure": state["shown"], "problem": problem}
            )

    def show(*args, **kwargs) -> None:
        for number in plt.get_fignums():
            inspect(plt.figure(number))
        plt.close("all")

    def displayed(fig):
        inspect(fig)
        return None

    plt.show = show
    shell.display_formatter.formatters["image/png"].for_type(Figure, displayed)
    error = None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        state["cell"], state["shown"] = index, 0
        result = shell.run_cell(cell.source, silent=False, store_history=True)
        show()  # the inline backend shows (and closes) what a cell leaves open
        if not result.success:
            error = f"cell {index} raised {result.error_in_exec or result.error_before_exec!r}"
            break
    return {"figures": state["figures"], "problems": state["problems"], "error": error}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the figures a notebook makes.")
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--area-width", type=float, default=OUTPUT_AREA_WIDTH)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--save", type=Path, help="also write every figure's PNG to this folder")
    args = parser.parse_args(argv)
    path = args.notebook.resolve()
    stdout = sys.stdout
    sys.stdout = io.StringIO()  # the notebook's own prints are not the report
    try:
        report = check_notebook(path, args.area_width, args.save and args.save.resolve())
    finally:
        sys.stdout = stdout
    if args.json:
        print(json.dumps(report))
    else:
        for p in report["problems"]:
            print(f"{path.name} cell {p['cell']} figure {p['figure']}: {p['problem']}")
        if report["error"]:
            print(f"{path.name}: {report['error']}")
        print(f"{path.name}: {report['figures']} figure(s), {len(report['problems'])} problem(s)")
    return 1 if report["problems"] or report["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
