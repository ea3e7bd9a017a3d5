"""The 2×2 matrix explorer of notebook 01: a matrix acting on the plane.

A model plus a thin view, as every course widget:

- :func:`analyse` (the model the tests and the browser test read) classifies
  a 2×2 matrix by its eigenvalues and returns the numbers the widget shows;
- :func:`eigen_directions` and :func:`explain` give the real eigen-directions
  and the one-line message of the status bar;
- :func:`plot_matrix_action` draws the unit circle and a grid mapped by ``A``
  with the eigen-directions, on any matplotlib axes (the notebook uses it for a
  static figure);
- :func:`matrix_explorer` wires four sliders to all of the above.

The DOM classes and ``data-`` attributes follow the course's widget contract
(``course-matrix-explorer``, ``course-m-a11`` … ``course-m-a22``,
``course-m-readout``, ``course-m-status``, ``course-m-plot``).
"""

from __future__ import annotations

import html
import io
import math

import ipywidgets as widgets
import numpy as np

from ..plotting import COLORS
from ..validation import as_matrix
from .common import guarded, new_status, status_html

__all__ = [
    "KINDS",
    "PRESETS",
    "analyse",
    "eigen_directions",
    "explain",
    "plot_matrix_action",
    "matrix_explorer",
]

#: The four kinds a real 2×2 matrix can be, by its eigenvalues.
KINDS = ("real-distinct", "real-repeated-diagonalizable", "defective", "complex")

#: Matrices worth a look, by name (the explorer's preset menu).
PRESETS = {
    "symmetric [[2, 1], [1, 2]]": ((2.0, 1.0), (1.0, 2.0)),
    "negative eigenvalue [[1, 2], [2, 1]]": ((1.0, 2.0), (2.0, 1.0)),
    "rotation by 90°": ((0.0, -1.0), (1.0, 0.0)),
    "shear (defective) [[1, 1], [0, 1]]": ((1.0, 1.0), (0.0, 1.0)),
    "singular [[1, 2], [0.5, 1]]": ((1.0, 2.0), (0.5, 1.0)),
    "scaling 1.5·I": ((1.5, 0.0), (0.0, 1.5)),
    "reflection [[1, 0], [0, -1]]": ((1.0, 0.0), (0.0, -1.0)),
    "rotation and scaling [[1, -1], [1, 1]]": ((1.0, -1.0), (1.0, 1.0)),
}

#: Eigenvalues closer than ``_RTOL·max|aᵢⱼ|`` count as equal; a matrix that
#: close to ``λI`` counts as ``λI``.
_RTOL = 1e-8


def _as_2x2(A) -> np.ndarray:
    A = as_matrix(A, "A")
    if A.shape != (2, 2):
        raise ValueError(f"A must be a 2×2 matrix, got shape {A.shape}")
    return A.astype(float)


def _classify(A: np.ndarray):
    """Return (kind, lambda1, lambda2, imag, scale) for a validated 2×2 float matrix."""
    (a, b), (c, d) = A
    scale = float(np.max(np.abs(A)))
    trace = a + d
    # The discriminant of λ² − tr·λ + det, written so that no cancellation occurs
    # for symmetric matrices: tr² − 4 det = (a − d)² + 4bc.
    disc = (a - d) ** 2 + 4.0 * b * c
    tie = (_RTOL * scale) ** 2
    if disc > tie:
        root = math.sqrt(disc)
        # the larger-magnitude root first, the other from λ₁λ₂ = det (no cancellation)
        big = (trace + math.copysign(root, trace)) / 2.0 if trace != 0 else root / 2.0
        det = a * d - b * c
        small = det / big
        lam1, lam2 = max(big, small), min(big, small)
        return "real-distinct", lam1, lam2, 0.0, scale
    if disc < -tie:
        return "complex", trace / 2.0, trace / 2.0, math.sqrt(-disc) / 2.0, scale
    lam = trace / 2.0
    if max(abs(a - d), abs(b), abs(c)) <= _RTOL * scale:
        return "real-repeated-diagonalizable", lam, lam, 0.0, scale
    return "defective", lam, lam, 0.0, scale


def analyse(A) -> dict:
    """Classify a real 2×2 matrix by its eigenvalues: the numbers the explorer shows.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        A real matrix with finite entries.

    Returns
    -------
    dict
        Exactly the keys

        - ``kind``: one of :data:`KINDS`: ``"real-distinct"``,
          ``"real-repeated-diagonalizable"`` (then ``A = λI``), ``"defective"``
          (a repeated eigenvalue with a single eigen-direction) or ``"complex"``;
        - ``lambda1``, ``lambda2`` (float): the eigenvalues, ``λ₁ ≥ λ₂`` when
          real; for a complex pair ``a ± bi`` both hold the real part ``a``;
        - ``det``, ``trace`` (float).

    Raises
    ------
    TypeError
        If ``A`` is not an array of real numbers.
    ValueError
        If ``A`` is not 2×2 or holds NaN or infinity.

    Notes
    -----
    The eigenvalues are the roots of ``λ² − tr(A) λ + det(A)``; the
    discriminant is computed as ``(a₁₁ − a₂₂)² + 4a₁₂a₂₁``. Eigenvalues that
    differ by less than ``1e-8·max|aᵢⱼ|`` are treated as equal, and a matrix
    that close to ``λI`` as ``λI``: at that distance a defective matrix and a
    diagonalizable one cannot be told apart in floating point. With this rule a
    symmetric matrix is never called defective.

    Examples
    --------
    >>> analyse([[2, 1], [1, 2]])
    {'kind': 'real-distinct', 'lambda1': 3.0, 'lambda2': 1.0, 'det': 3.0, 'trace': 4.0}
    >>> analyse([[0, -1], [1, 0]])["kind"]
    'complex'
    >>> analyse([[1, 1], [0, 1]])["kind"]
    'defective'
    """
    A = _as_2x2(A)
    kind, lam1, lam2, _, _ = _classify(A)
    (a, b), (c, d) = A
    return {
        "kind": kind,
        "lambda1": float(lam1),
        "lambda2": float(lam2),
        "det": float(a * d - b * c),
        "trace": float(a + d),
    }


def _null_direction(M: np.ndarray) -> np.ndarray:
    """A unit vector ``v`` with ``M v ≈ 0`` for a (nearly) singular nonzero 2×2 ``M``."""
    row = M[np.argmax(np.linalg.norm(M, axis=1))]
    v = np.array([-row[1], row[0]])
    v = v / np.linalg.norm(v)
    return -v if v[np.argmax(np.abs(v))] < 0 else v


def eigen_directions(A) -> list[tuple[float, np.ndarray]]:
    """Return the real eigen-directions of a 2×2 matrix as ``(λ, unit v)`` pairs.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        A real matrix with finite entries.

    Returns
    -------
    list of (float, numpy.ndarray)
        Two pairs for distinct real eigenvalues (``λ₁`` first); one for a
        defective matrix; none for complex eigenvalues. For ``A = λI`` every
        direction is an eigen-direction and the pairs ``(λ, e₁)``, ``(λ, e₂)``
        are returned. Each ``v`` has unit length and its largest entry positive.

    Raises
    ------
    TypeError, ValueError
        As :func:`analyse`.

    Examples
    --------
    >>> [(lam, v.round(6).tolist()) for lam, v in eigen_directions([[2, 1], [1, 2]])]
    [(3.0, [0.707107, 0.707107]), (1.0, [0.707107, -0.707107])]
    """
    A = _as_2x2(A)
    kind, lam1, lam2, _, _ = _classify(A)
    if kind == "complex":
        return []
    if kind == "real-repeated-diagonalizable":
        return [(float(lam1), np.array([1.0, 0.0])), (float(lam1), np.array([0.0, 1.0]))]
    if kind == "defective":
        return [(float(lam1), _null_direction(A - lam1 * np.eye(2)))]
    return [(float(lam), _null_direction(A - lam * np.eye(2))) for lam in (lam1, lam2)]


def explain(A) -> tuple[str, str]:
    """Return the explorer's status message for ``A`` and its level.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        A real matrix with finite entries.

    Returns
    -------
    message : str
        What the eigenvalues say about the picture, in one or two sentences.
    level : {"ok", "info", "warning"}
        ``"warning"`` for complex, defective or singular matrices.

    Raises
    ------
    TypeError, ValueError
        As :func:`analyse`.

    Examples
    --------
    >>> explain([[0, -1], [1, 0]])[1]
    'warning'
    """
    A = _as_2x2(A)
    kind, lam1, lam2, imag, scale = _classify(A)
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    singular = abs(det) <= 1e-12 * scale**2
    if kind == "real-distinct":
        text = (
            f"Two real eigenvalues λ₁ = {lam1:.3f}, λ₂ = {lam2:.3f}: a vector on either "
            "dashed line stays on its line, scaled by its λ"
        )
        text += " (a negative λ flips it to the other side)." if lam2 < 0 else "."
        level = "ok"
    elif kind == "real-repeated-diagonalizable":
        text = (
            f"A = {lam1:.3f}·I: every vector is an eigenvector with λ = {lam1:.3f} "
            "(a uniform scaling)."
        )
        level = "info"
    elif kind == "defective":
        text = (
            f"Defective: the eigenvalue λ = {lam1:.3f} is repeated but has only one "
            "eigen-direction, so A = PDP⁻¹ is impossible (a shear)."
        )
        level = "warning"
    else:
        text = (
            f"Complex eigenvalues λ = {lam1:.3f} ± {imag:.3f}i: no real direction stays "
            "on its line; A rotates the plane (and scales it)."
        )
        level = "warning"
    if singular:
        text += (
            " det(A) = 0: A is singular; it flattens the plane onto a line (or a point)"
            " and λ = 0 is an eigenvalue."
        )
        level = "warning"
    return text, level


def plot_matrix_action(A, ax=None):
    """Draw the unit circle and a grid, before and after ``A``, with the eigen-directions.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        A real matrix with finite entries.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure (through pyplot) is made when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError, ValueError
        As :func:`analyse`.
    """
    A = _as_2x2(A)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(5.5, 5.5))
    info = analyse(A)
    t = np.linspace(0.0, 2.0 * np.pi, 200)
    circle = np.vstack([np.cos(t), np.sin(t)])
    image = A @ circle
    extent = [1.0, float(np.max(np.abs(image)))]
    s = np.linspace(-1.0, 1.0, 50)
    for c in np.linspace(-1.0, 1.0, 5):
        for line in (np.vstack([s, np.full_like(s, c)]), np.vstack([np.full_like(s, c), s])):
            ax.plot(*line, color="0.8", lw=0.8, zorder=1)
            mapped = A @ line
            extent.append(float(np.max(np.abs(mapped))))
            ax.plot(*mapped, color=COLORS["sky"], lw=0.9, alpha=0.8, zorder=2)
    ax.plot(*circle, color="0.5", ls="--", lw=1.2, label="unit circle", zorder=2)
    ax.plot(*image, color=COLORS["blue"], lw=2.2, label="A · (unit circle)", zorder=3)
    for j, name in enumerate(("orange", "green")):
        col = A[:, j]
        ax.annotate(
            "",
            xy=tuple(col),
            xytext=(0, 0),
            arrowprops={"arrowstyle": "-|>", "color": COLORS[name], "lw": 1.8},
            zorder=4,
        )
        ax.plot([], [], color=COLORS[name], label=f"A e{j + 1} (column {j + 1})")
    limit = 1.15 * max(extent)
    if info["kind"] != "real-repeated-diagonalizable":
        for i, (lam, v) in enumerate(eigen_directions(A)):
            ax.axline((0, 0), tuple(v), color=COLORS["vermillion"], ls=":", lw=1.6, zorder=2)
            ax.plot(*np.outer(v, [0, 1]), color=COLORS["vermillion"], lw=2.5, zorder=5)
            ax.plot(*np.outer(lam * v, [0, 1]), color=COLORS["purple"], lw=5, alpha=0.5)
            ax.plot(
                [],
                [],
                color=COLORS["vermillion"],
                ls=":",
                label=f"eigen-direction {i + 1}: v, and Av = {lam:.2f}v",
            )
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    (a, b), (c, d) = A
    ax.set_title(f"A = [[{a:.2g}, {b:.2g}], [{c:.2g}, {d:.2g}]]: {info['kind']}")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.85)
    return ax


def _render_png(A) -> bytes:
    """Render :func:`plot_matrix_action` to PNG bytes without touching pyplot."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # A fixed layout ("none", whatever rcParams say): constrained layout doubles the cost.
    fig = Figure(figsize=(5.2, 5.2), dpi=80, layout="none")
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.1, top=0.93)
    plot_matrix_action(A, fig.add_subplot())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _fmt(x: float) -> str:
    return f"{x:.3f}".replace("-", "−")


def _readout_html(info: dict, imag: float) -> str:
    """The readout: one span per field, its full value in ``data-value``."""

    def span(field_name: str, value, text: str) -> str:
        raw = value if isinstance(value, str) else repr(value)
        return (
            f'<span data-field="{field_name}" data-value="{html.escape(raw)}">'
            f"{html.escape(text)}</span>"
        )

    if info["kind"] == "complex":
        text1 = f"{_fmt(info['lambda1'])} + {imag:.3f}i"
        text2 = f"{_fmt(info['lambda2'])} − {imag:.3f}i"
    else:
        text1, text2 = _fmt(info["lambda1"]), _fmt(info["lambda2"])
    kind = info["kind"]
    parts = [
        f"<b>kind</b>: {span('kind', kind, kind.replace('-', ' '))}",
        f"λ₁ = {span('lambda1', info['lambda1'], text1)}",
        f"λ₂ = {span('lambda2', info['lambda2'], text2)}",
        f"det = {span('det', info['det'], _fmt(info['det']))}",
        f"trace = {span('trace', info['trace'], _fmt(info['trace']))}",
    ]
    return '<div style="font-size:1.05em">' + " &nbsp;·&nbsp; ".join(parts) + "</div>"


def matrix_explorer(A=((2.0, 1.0), (1.0, 2.0))) -> widgets.VBox:
    """An interactive 2×2 matrix acting on the plane, with its eigen-directions.

    Four sliders set the entries of ``A``. The picture shows the unit circle and
    a grid before (grey) and after (blue) ``A``, the images of ``e₁`` and ``e₂``
    (the columns of ``A``), and each real eigen-direction ``v`` with ``Av = λv``
    on the same line. The readout shows :func:`analyse` and the status line
    :func:`explain`: complex, defective and singular matrices get a message.

    Parameters
    ----------
    A : array_like, shape (2, 2), optional
        The starting matrix. The sliders run from −3 to 3 in steps of 0.1,
        widened to fit larger starting entries.

    Returns
    -------
    ipywidgets.VBox
        With class ``course-matrix-explorer``; see the module docstring for the
        classes of its parts. Nothing is printed when it is created, and a
        failing update shows its error in the status line instead of raising.

    Raises
    ------
    TypeError, ValueError
        If the starting ``A`` is not a finite real 2×2 matrix.
    """
    A = _as_2x2(A)
    low = min(-3.0, math.floor(float(A.min())))
    high = max(3.0, math.ceil(float(A.max())))
    names = (("a11", "a₁₁"), ("a12", "a₁₂")), (("a21", "a₂₁"), ("a22", "a₂₂"))
    sliders = {}
    for i, row in enumerate(names):
        for j, (key, label) in enumerate(row):
            slider = widgets.FloatSlider(
                value=float(A[i, j]),
                min=low,
                max=high,
                step=0.1,
                description=label,
                readout_format=".2f",
                continuous_update=True,
                layout=widgets.Layout(width="260px"),
            )
            slider.add_class(f"course-m-{key}")
            sliders[key] = slider
    preset = widgets.Dropdown(
        options=["(choose a preset)", *PRESETS],
        value="(choose a preset)",
        description="preset",
        layout=widgets.Layout(width="360px"),
    )
    preset.add_class("course-m-preset")
    readout = widgets.HTML()
    readout.add_class("course-m-readout")
    status = new_status()
    status.add_class("course-m-status")
    plot = widgets.Image(format="png", layout=widgets.Layout(width="416px", height="416px"))
    plot.add_class("course-m-plot")
    holding = {"on": False}

    def current() -> np.ndarray:
        return np.array(
            [
                [sliders["a11"].value, sliders["a12"].value],
                [sliders["a21"].value, sliders["a22"].value],
            ]
        )

    @guarded(status)
    def update(change=None):
        if holding["on"]:
            return
        M = current()
        info = analyse(M)
        imag = _classify(M)[3]
        readout.value = _readout_html(info, imag)
        message, level = explain(M)
        status.value = status_html(message, level)
        plot.value = _render_png(M)

    @guarded(status)
    def apply_preset(change=None):
        if preset.value not in PRESETS:
            return
        holding["on"] = True
        try:
            for (key, _), value in zip(
                (pair for row in names for pair in row),
                (x for row in PRESETS[preset.value] for x in row),
                strict=True,
            ):
                sliders[key].value = value
        finally:
            holding["on"] = False
        update()

    for slider in sliders.values():
        slider.observe(update, names="value")
    preset.observe(apply_preset, names="value")
    update()
    grid = widgets.VBox(
        [
            widgets.HBox([sliders["a11"], sliders["a12"]]),
            widgets.HBox([sliders["a21"], sliders["a22"]]),
        ]
    )
    box = widgets.VBox([grid, preset, readout, status, plot])
    box.add_class("course-matrix-explorer")
    return box
