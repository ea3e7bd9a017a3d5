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

import math

import anywidget
import numpy as np
import traitlets

from ..plotting import COLORS
from ..validation import as_matrix, as_real, as_vector
from .common import StaticState, format_number, widget_esm

__all__ = [
    "KINDS",
    "PRESETS",
    "analyse",
    "eigen_directions",
    "explain",
    "plot_matrix_action",
    "MatrixExplorer",
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
    """Return ((kind, λ₁, λ₂, imag, scale, det), singular) for a validated 2×2 float matrix.

    The work is done on ``B = A / max|aᵢⱼ|``, so entries anywhere in the float64
    range neither overflow nor underflow; ``matrix_explorer.js`` mirrors it step
    by step. A determinant below ``1e-12`` (relative to that scale) is exactly
    0, and so is then the small eigenvalue: a zero eigenvalue is shown as 0,
    never as −0.000. ``singular`` is that relative test (``det A`` itself may
    underflow to 0 for tiny entries: ``1e-200·I`` is not singular). A matrix
    whose eigenvalues, trace or determinant overflow float64 is refused with a
    ValueError naming ``A``.
    """
    scale = float(np.max(np.abs(A)))
    if scale == 0.0:
        return ("real-repeated-diagonalizable", 0.0, 0.0, 0.0, 0.0, 0.0), True
    (a, b), (c, d) = (A / scale).tolist()  # Python floats: an overflow is inf, no warning
    trace = a + d
    det = a * d - b * c
    if abs(det) <= 1e-12:
        det = 0.0
    # The discriminant of λ² − tr·λ + det, written so that no cancellation occurs
    # for symmetric matrices: tr² − 4 det = (a − d)² + 4bc.
    disc = (a - d) ** 2 + 4.0 * b * c
    tie = _RTOL**2
    imag = 0.0
    if disc > tie:
        root = math.sqrt(disc)
        # the larger-magnitude root first, the other from λ₁λ₂ = det (no cancellation)
        big = (trace + math.copysign(root, trace)) / 2.0 if trace != 0 else root / 2.0
        small = det / big
        lam1, lam2 = max(big, small), min(big, small)
        kind = "real-distinct"
    elif disc < -tie:
        lam1 = lam2 = trace / 2.0
        imag = math.sqrt(-disc) / 2.0
        kind = "complex"
    else:
        lam1 = lam2 = trace / 2.0
        flat = max(abs(a - d), abs(b), abs(c)) <= _RTOL
        kind = "real-repeated-diagonalizable" if flat else "defective"
    out = (
        kind,
        scale * lam1 + 0.0,
        scale * lam2 + 0.0,
        scale * imag,
        scale,
        scale * det * scale + 0.0,
    )
    if not all(map(math.isfinite, out[1:])) or not math.isfinite(float(A[0, 0]) + float(A[1, 1])):
        raise ValueError(
            "A's entries are too large: an eigenvalue, the trace or det A overflows float64 "
            f"(above about 1.8e308), got A = {A.tolist()}"
        )
    return out, det == 0.0


def _as_axes(ax, name: str = "ax"):
    """``ax`` if it is a matplotlib Axes; a new square one (through pyplot) for None."""
    from matplotlib.axes import Axes

    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(5.5, 5.5))
    elif not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


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
        If ``A`` is not 2×2 or holds NaN or infinity, or if its eigenvalues,
        trace or determinant overflow float64 (entries near ``1e308``).

    Notes
    -----
    The eigenvalues are the roots of ``λ² − tr(A) λ + det(A)``, computed for
    ``A / max|aᵢⱼ|`` and scaled back; the discriminant is computed as
    ``(a₁₁ − a₂₂)² + 4a₁₂a₂₁``. A determinant below ``1e-12·max|aᵢⱼ|²`` is
    reported as exactly 0, and then so is the smaller eigenvalue. Eigenvalues that
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
    (kind, lam1, lam2, _, _, det), _ = _classify(A)
    return {
        "kind": kind,
        "lambda1": float(lam1),
        "lambda2": float(lam2),
        "det": float(det),
        "trace": float(A[0, 0]) + float(A[1, 1]) + 0.0,
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
    (kind, lam1, lam2, _, scale, _), _ = _classify(A)
    if kind == "complex":
        return []
    if kind == "real-repeated-diagonalizable":
        return [(float(lam1), np.array([1.0, 0.0])), (float(lam1), np.array([0.0, 1.0]))]
    B = A / scale

    def direction(lam):
        return _null_direction(B - (lam / scale) * np.eye(2))

    if kind == "defective":
        return [(float(lam1), direction(lam1))]
    return [(float(lam), direction(lam)) for lam in (lam1, lam2)]


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
    (kind, lam1, lam2, imag, _, _), singular = _classify(A)
    f = format_number
    if kind == "real-distinct":
        text = (
            f"Two real eigenvalues λ₁ = {f(lam1)}, λ₂ = {f(lam2)}: a vector on either "
            "dotted line stays on its line, scaled by its λ"
        )
        text += " (a negative λ flips it to the other side)." if lam2 < 0 else "."
        level = "ok"
    elif kind == "real-repeated-diagonalizable":
        text = (
            f"A = {f(lam1)}·I: every vector is an eigenvector with λ = {f(lam1)} "
            "(a uniform scaling)."
        )
        level = "info"
    elif kind == "defective":
        text = (
            f"Defective: the eigenvalue λ = {f(lam1)} is repeated but has only one "
            "eigen-direction, so A = PDP⁻¹ is impossible (a shear)."
        )
        level = "warning"
    else:
        modulus = math.hypot(lam1, imag)
        angle = math.degrees(math.atan2(imag, lam1))
        text = (
            f"Complex eigenvalues λ = {f(lam1)} ± {f(imag)}i: no real direction stays on its "
            f"line; A is similar to a rotation-and-scaling (scale |λ| = {f(modulus)}, "
            f"turn {f(angle, 1)}°)."
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
        As :func:`analyse`; a TypeError if ``ax`` is not a matplotlib Axes.
    """
    A = _as_2x2(A)
    info = analyse(A)  # refuses a matrix whose eigenvalues overflow, before drawing
    ax = _as_axes(ax)
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
                label=f"eigen-direction {i + 1} (dotted): v, and Av = {format_number(lam, 2)}v",
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


class MatrixExplorer(StaticState, anywidget.AnyWidget):
    """The explorer's view: an anywidget drawn in the browser (``matrix_explorer.js``).

    The state is the matrix ``a`` (four floats, row by row), the range of the
    sliders and the presets. The view computes :func:`analyse` and
    :func:`explain` itself (a port of ``_classify``), so it needs no kernel;
    the browser tests check its numbers against the Python functions.
    """

    static_kind = "matrix_explorer"
    _esm = widget_esm("matrix_explorer")
    a = traitlets.Any([]).tag(sync=True)  # four floats (a list), checked by _valid_a
    low = traitlets.Float(-3.0).tag(sync=True)
    high = traitlets.Float(3.0).tag(sync=True)
    step = traitlets.Float(0.1).tag(sync=True)
    presets = traitlets.List().tag(sync=True)

    @traitlets.validate("a")
    def _valid_a(self, proposal):
        # a ValueError/TypeError naming ``a`` (a traitlets TraitError would name no argument)
        return [float(x) for x in as_vector(proposal["value"], "a", size=4)]

    @traitlets.validate("low", "high", "step")
    def _valid_range(self, proposal):
        name = proposal["trait"].name
        low = 0.0 if name == "step" else None
        return as_real(proposal["value"], name, low=low, low_inclusive=name != "step")

    @property
    def A(self) -> np.ndarray:
        """The matrix the view shows, as a new 2×2 array."""
        return np.array(self.a, dtype=float).reshape(2, 2)

    def static_state(self) -> dict:
        return {k: getattr(self, k) for k in ("a", "low", "high", "step", "presets")}


def matrix_explorer(A=((2.0, 1.0), (1.0, 2.0))) -> MatrixExplorer:
    """An interactive 2×2 matrix acting on the plane, with its eigen-directions.

    Four sliders (each with a box to type a number) set the entries of ``A``.
    The picture (SVG, drawn in the browser) shows the unit circle and a grid
    before (grey) and after (blue) ``A``, the images of ``e₁`` and ``e₂`` (the
    columns of ``A``), and each real eigen-direction ``v`` (a dotted line) with
    ``Av = λv`` on it. The readout shows :func:`analyse`, the status line
    :func:`explain`; a bad entry (letters, empty, out of range) shows an
    error there until it is fixed, while the picture keeps the last valid
    matrix.

    Parameters
    ----------
    A : array_like, shape (2, 2), optional
        The starting matrix. The sliders run from −3 to 3 in steps of 0.1,
        widened to fit larger starting entries.

    Returns
    -------
    MatrixExplorer
        The widget; ``.a`` holds the matrix on screen (row by row), ``.A``
        the same as an array. Nothing is printed when it is created.

    Raises
    ------
    TypeError, ValueError
        If the starting ``A`` is not a finite real 2×2 matrix.

    Notes
    -----
    DOM contract (the browser tests rely on it), inside the anywidget's element:

    - container ``.course-matrix-explorer``; its ``data-paints`` counts pictures drawn;
    - sliders ``input[type=range].course-m-a11`` … ``.course-m-a22`` (accessible
      names "a₁₁" …), typed entries ``input.course-m-a11-text`` … (names "a₁₁ value" …);
    - preset menu ``select.course-m-preset`` (option values: the preset's index);
    - readout ``.course-m-readout``: ``span[data-field]`` for ``kind``,
      ``lambda1``, ``lambda2``, ``det``, ``trace``, whose ``data-value`` is the
      full value (equal to :func:`analyse`'s, to round-off);
    - status ``.course-m-status`` (``role=status``, ``aria-live=polite``),
      ``data-kind`` ok/info/warning/error, text = :func:`explain`'s message
      (after the icon) unless an entry is bad;
    - picture ``.course-m-plot`` (an ``<svg>`` inside), ``data-matrix`` the JSON
      of the four entries drawn.
    """
    A = _as_2x2(A)
    analyse(A)  # refuses a matrix whose eigenvalues or det overflow float64
    low = min(-3.0, math.floor(float(A.min())))
    high = max(3.0, math.ceil(float(A.max())))
    presets = [[name, [float(x) for row in M for x in row]] for name, M in PRESETS.items()]
    return MatrixExplorer(
        a=[float(x) for x in A.flat], low=low, high=high, step=0.1, presets=presets
    )
