"""The SVD geometry stepper of notebook 03: Vᵀ, then Σ, then U acting on the unit circle.

For a 2×2 matrix ``A = UΣVᵀ`` the map ``x ↦ Ax`` is done in three stages:
``Vᵀ`` (a rotation or a reflection) turns the right singular vectors ``v₁, v₂``
onto the axes, ``Σ`` stretches the axes by ``σ₁, σ₂``, and ``U`` (a rotation
or a reflection) turns the axes onto ``u₁, u₂``. The unit circle ends as the
ellipse with semi-axes ``σ₁u₁`` and ``σ₂u₂``; for a singular matrix it ends as
a segment (``σ₂ = 0``) or a point (``A = 0``).

The model, :class:`SVDGeometry`, computes every stage; :func:`svd_geometry_widget`
returns the view, :class:`SVDGeometryWidget`, an anywidget drawn in SVG by
``svd_geometry.js``, which computes the same canonical SVD in the browser (so
it also runs on the static site and in the decks, with no kernel); and
:func:`plot_svd_stages` draws all four stages as a static figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import anywidget
import numpy as np
import traitlets

from ..plotting import COLORS
from ..validation import as_matrix, as_rank, as_real, as_vector
from .common import StaticState, format_number, widget_esm

__all__ = [
    "STAGES",
    "SVDGeometry",
    "Stage",
    "SVDGeometryWidget",
    "canonical_svd_2x2",
    "describe_orthogonal",
    "draw_stage",
    "plot_svd_stages",
    "svd_geometry_widget",
]

#: The four stages, by the vector each one shows.
STAGES = ("x", "Vᵀx", "ΣVᵀx", "UΣVᵀx")


def _as_2x2(A, name: str = "A") -> np.ndarray:
    A = as_matrix(A, name)
    if A.shape != (2, 2):
        raise ValueError(f"{name} must be a 2×2 matrix, got shape {A.shape}")
    return A


def canonical_svd_2x2(A):
    """Return an SVD ``(U, s, Vt)`` of a 2×2 matrix with reproducible signs.

    The SVD is unique only up to signs (and, when ``σ₁ = σ₂``, up to a rotation
    of ``V``). This picks one: ``V`` is a rotation (``det V = +1``) by an angle
    in ``(−90°, 90°]``, and ``V = I`` when ``σ₁ = σ₂`` (to ``1e-12·σ₁``) or
    ``A = 0``. Then ``U`` is a rotation when ``det A > 0`` and a reflection when
    ``det A < 0``, because ``det A = det U · σ₁σ₂ · det V``; when ``σ₂ = 0``
    (``σ₂ ≤ 2ε·σ₁`` is set to exactly 0) ``u₂`` is ``u₁`` turned by +90°, so
    ``U`` is a rotation. The SVD is computed for ``A / max|aᵢⱼ|`` and the
    singular values scaled back, so entries near the float64 limits do not
    overflow. ``svd_geometry.js`` makes the same choices.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        A finite real matrix (singular matrices are fine).

    Returns
    -------
    U : numpy.ndarray, shape (2, 2)
    s : numpy.ndarray, shape (2,)
        ``σ₁ ≥ σ₂ ≥ 0``.
    Vt : numpy.ndarray, shape (2, 2)

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2×2 matrix.

    Examples
    --------
    >>> U, s, Vt = canonical_svd_2x2([[3, 0], [0, 1]])
    >>> s.tolist(), U.tolist(), Vt.tolist()
    ([3.0, 1.0], [[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])
    """
    A = _as_2x2(A)
    scale = float(np.max(np.abs(A)))
    if scale == 0.0:
        return np.eye(2), np.zeros(2), np.eye(2)
    U, s, Vt = np.linalg.svd(A / scale)  # scaled: no overflow for entries near 1e308
    if s[0] - s[1] <= 1e-12 * s[0]:
        # σ₁ = σ₂: every orthonormal basis is a choice of V. Take V = I, so
        # A = σU and U is the orthogonal factor U·Vᵀ of the computed SVD.
        return U @ Vt, s * scale, np.eye(2)
    if np.linalg.det(Vt) < 0:  # flip the pair (u₂, v₂): V becomes a rotation
        U[:, 1] *= -1
        Vt[1, :] *= -1
    angle = np.arctan2(Vt[0, 1], Vt[0, 0])  # V = Vtᵀ has first column (Vt[0,0], Vt[0,1])
    if not (-np.pi / 2 < angle <= np.pi / 2):  # flip both pairs: rotate V by 180°
        U, Vt = -U, -Vt
    if s[1] <= 2 * np.finfo(float).eps * s[0]:
        # σ₂ = 0 (to round-off): u₂ is any unit vector ⟂ u₁; take U a rotation.
        s[1] = 0.0
        U[:, 1] = (-U[1, 0], U[0, 0])
    return U, s * scale, Vt


def describe_orthogonal(Q) -> tuple[str, float]:
    """Say whether a 2×2 orthogonal matrix is a rotation or a reflection, and by what angle.

    Parameters
    ----------
    Q : array_like, shape (2, 2)
        An orthogonal matrix (``QᵀQ = I`` to ``1e-8``).

    Returns
    -------
    kind : {"rotation", "reflection"}
        ``"rotation"`` when ``det Q = +1``, ``"reflection"`` when ``det Q = −1``.
    angle : float
        In degrees: the rotation angle, in ``(−180, 180]``; for a reflection,
        the angle of its mirror line, in ``(−90, 90]``.

    Raises
    ------
    ValueError
        If ``Q`` is not a finite 2×2 orthogonal matrix.

    Examples
    --------
    >>> describe_orthogonal([[0, -1], [1, 0]])
    ('rotation', 90.0)
    >>> describe_orthogonal([[0, 1], [1, 0]])
    ('reflection', 45.0)
    """
    Q = _as_2x2(Q, "Q")
    # an orthogonal matrix has entries in [−1, 1]: larger ones are refused before
    # QᵀQ is formed (it would overflow for entries near 1e200)
    if np.max(np.abs(Q)) > 1.0 + 1e-8 or np.linalg.norm(Q.T @ Q - np.eye(2)) > 1e-8:
        raise ValueError("Q must be orthogonal (QᵀQ = I)")
    theta = float(np.degrees(np.arctan2(Q[1, 0], Q[0, 0])))
    if theta <= -180.0:
        theta += 360.0
    if np.linalg.det(Q) > 0:
        return "rotation", theta
    half = theta / 2.0  # in (−90, 90]
    return "reflection", 90.0 if half <= -90.0 else half


@dataclass(frozen=True)
class Stage:
    """One stage of ``x ↦ UΣVᵀx`` applied to the unit circle.

    Attributes
    ----------
    index : int
        0 to 3.
    name : str
        ``STAGES[index]``.
    description : str
        What this stage did, in words, with its numbers.
    matrix : numpy.ndarray, shape (2, 2)
        The product applied so far: ``I``, ``Vᵀ``, ``ΣVᵀ``, ``UΣVᵀ``.
    circle : numpy.ndarray, shape (2, n_points)
        The image of the unit circle's points.
    basis : numpy.ndarray, shape (2, 2)
        Columns: the images of ``e₁`` and ``e₂``.
    singular : numpy.ndarray, shape (2, 2)
        Columns: the images of ``v₁`` and ``v₂`` (at the end, ``σ₁u₁`` and
        ``σ₂u₂``: the ellipse's semi-axes).
    """

    index: int
    name: str
    description: str
    matrix: np.ndarray
    circle: np.ndarray
    basis: np.ndarray
    singular: np.ndarray


def _describe(Q) -> str:
    kind, angle = describe_orthogonal(Q)
    angle = round(angle, 1) + 0.0  # never print "-0.0°"
    if kind == "rotation":
        return f"rotation by {angle:.1f}°"
    return f"reflection in the line at {angle:.1f}°"


class SVDGeometry:
    """The stages ``Vᵀ``, ``ΣVᵀ``, ``UΣVᵀ`` of a 2×2 matrix acting on the unit circle.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        A finite real matrix; singular matrices give a degenerate ellipse.
    n_points : int, optional
        Number of points on the circle (at least 8).

    Attributes
    ----------
    A, U, Vt : numpy.ndarray
        The matrix (a copy of the caller's) and its SVD with the signs of
        :func:`canonical_svd_2x2`.
    det : float
        ``det A``, computed from ``A / max|aᵢⱼ|`` and scaled back.
    s : numpy.ndarray
        ``σ₁ ≥ σ₂ ≥ 0``; a ``σᵢ ≤ 2·ε·σ₁`` (round-off of a true 0, the rule of
        :func:`numpy.linalg.matrix_rank`) is set to exactly 0.
    rank : int
        Number of nonzero ``σᵢ``.

    Examples
    --------
    >>> geo = SVDGeometry([[3, 0], [4, 5]])
    >>> [round(float(x), 6) for x in geo.s]
    [6.708204, 2.236068]
    >>> geo.stage(3).description
    'U: rotation by 71.6°: the ellipse Ax has semi-axes σ₁u₁, σ₂u₂'
    >>> bool(np.allclose(geo.stage(3).circle, geo.A @ geo.stage(0).circle))
    True
    """

    def __init__(self, A, n_points: int = 241):
        self.A = np.array(_as_2x2(A), dtype=float)  # a copy: never the caller's array
        n_points = as_rank(n_points, "n_points", low=8)
        self.U, self.s, self.Vt = canonical_svd_2x2(self.A)
        tol = 2 * np.finfo(float).eps * self.s[0]
        self.s = np.where(self.s > tol, self.s, 0.0)  # round-off σ₂ becomes exactly 0
        self.rank = int(np.count_nonzero(self.s))
        scale = float(np.max(np.abs(self.A)))
        B = self.A / scale if scale else self.A
        with np.errstate(over="ignore"):  # an overflow is refused just below
            self.det = float((B[0, 0] * B[1, 1] - B[0, 1] * B[1, 0]) * scale * scale) + 0.0
        if not (np.isfinite(self.s[0]) and np.isfinite(self.det)):
            raise ValueError(
                "A's entries are too large: σ₁ or det A = σ₁σ₂ overflows float64 "
                f"(above about 1.8e308), got A = {self.A.tolist()}"
            )
        t = np.linspace(0.0, 2.0 * np.pi, n_points)
        self._circle = np.vstack([np.cos(t), np.sin(t)])

    @property
    def semi_axes(self) -> np.ndarray:
        """The ellipse's semi-axes ``σ₁u₁`` and ``σ₂u₂``, as columns."""
        return self.U * self.s

    def matrices(self) -> list[np.ndarray]:
        """The products applied after each stage: ``I, Vᵀ, ΣVᵀ, UΣVᵀ``."""
        S = np.diag(self.s)
        return [np.eye(2), self.Vt, S @ self.Vt, self.U @ S @ self.Vt]

    def stage(self, k: int) -> Stage:
        """Return stage ``k`` (0: ``x``, 1: ``Vᵀx``, 2: ``ΣVᵀx``, 3: ``UΣVᵀx = Ax``).

        Parameters
        ----------
        k : int
            0, 1, 2 or 3.

        Returns
        -------
        Stage
        """
        k = as_rank(k, "k", low=0, high=3)
        M = self.matrices()[k]
        s1, s2 = self.s
        V = self.Vt.T
        if k == 0:
            text = "x: the unit circle, the basis e₁, e₂ and (dashed) v₁, v₂"
        elif k == 1:
            text = f"Vᵀ: {_describe(self.Vt)}: v₁, v₂ land on e₁, e₂"
        elif k == 2:
            text = (
                f"Σ: stretch e₁ by σ₁ = {format_number(s1, 4)} and e₂ by "
                f"σ₂ = {format_number(s2, 4)}"
            )
            if self.rank == 1:
                text += " (σ₂ = 0: the circle collapses to a segment)"
            elif self.rank == 0:
                text += " (A = 0: the circle collapses to a point)"
        else:
            text = f"U: {_describe(self.U)}: the ellipse Ax has semi-axes σ₁u₁, σ₂u₂"
        return Stage(
            index=k,
            name=STAGES[k],
            description=text,
            matrix=M,
            circle=M @ self._circle,
            basis=M.copy(),
            singular=M @ V,
        )

    def stages(self) -> list[Stage]:
        """All four stages, in order."""
        return [self.stage(k) for k in range(4)]

    def readout(self) -> dict:
        """The numbers the widget shows.

        Returns
        -------
        dict
            ``sigma1``, ``sigma2`` (float), ``rank`` (int), ``det`` (float,
            ``det A``), ``v_kind`` and ``u_kind`` (``"rotation"`` or
            ``"reflection"``, for ``V`` and ``U``), ``v_angle`` and ``u_angle``
            (float, degrees, as :func:`describe_orthogonal` defines them).
        """
        v_kind, v_angle = describe_orthogonal(self.Vt.T)
        u_kind, u_angle = describe_orthogonal(self.U)
        return {
            "sigma1": float(self.s[0]),
            "sigma2": float(self.s[1]),
            "rank": self.rank,
            "det": self.det,
            "v_kind": v_kind,
            "v_angle": v_angle,
            "u_kind": u_kind,
            "u_angle": u_angle,
        }


def draw_stage(ax, geometry: SVDGeometry, k: int, limit: float | None = None):
    """Draw stage ``k`` of ``geometry`` on a matplotlib axes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    geometry : SVDGeometry
        The model.
    k : int
        The stage, 0 to 3.
    limit : float, optional
        Half-width of the square view. By default ``1.15`` for stages 0 and 1
        (the unit circle) and ``1.15·max(1, σ₁)`` for stages 2 and 3; the unit
        circle is drawn in grey on every stage as the scale.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes or ``geometry`` not an :class:`SVDGeometry`.
    ValueError
        If ``k`` is not 0…3 or ``limit`` is not a positive finite number.
    """
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    if not isinstance(geometry, SVDGeometry):
        raise TypeError(f"geometry must be an SVDGeometry, got {type(geometry).__name__}")
    st = geometry.stage(k)
    if limit is None:
        limit = 1.15 * (max(1.0, float(geometry.s[0])) if k >= 2 else 1.0)
    else:
        limit = as_real(limit, "limit", low=0.0, low_inclusive=False)
    ax.plot(*geometry.stage(0).circle, color="0.8", lw=1, label="unit circle")
    ax.plot(*st.circle, color=COLORS["black"], lw=2, label=f"image ({st.name})")
    last = k == 3
    arrows = [
        (st.basis[:, 0], COLORS["blue"], "-", "image of e₁"),
        (st.basis[:, 1], COLORS["orange"], "-", "image of e₂"),
        (st.singular[:, 0], COLORS["green"], "--", "σ₁u₁ = Av₁" if last else "image of v₁"),
        (st.singular[:, 1], COLORS["vermillion"], "--", "σ₂u₂ = Av₂" if last else "image of v₂"),
    ]
    for vec, colour, style, label in arrows:
        ax.annotate(
            "",
            xy=(vec[0], vec[1]),
            xytext=(0, 0),
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2, "linestyle": style},
        )
        ax.plot([], [], color=colour, linestyle=style, label=label)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.set_xlabel("first coordinate")
    ax.set_ylabel("second coordinate")
    ax.set_title(f"stage {k}: {st.name}")
    return ax


def plot_svd_stages(A, figsize=(13.0, 3.9)):
    """Draw the four stages of ``x ↦ UΣVᵀx`` side by side.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The matrix.
    figsize : tuple of float, optional
        Figure size in inches: two positive numbers up to 100.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (call ``plt.show()`` to display it in a notebook).

    Raises
    ------
    TypeError, ValueError
        As :class:`SVDGeometry`, or if ``figsize`` is not two numbers in ``(0, 100]``.
    """
    import matplotlib.pyplot as plt

    geometry = SVDGeometry(A)
    if isinstance(figsize, (str, bytes)) or not hasattr(figsize, "__len__") or len(figsize) != 2:
        raise TypeError(f"figsize must be (width, height) in inches, got {figsize!r:.60}")
    figsize = tuple(
        as_real(x, "figsize", low=0.0, high=100.0, low_inclusive=False) for x in figsize
    )
    fig, axes = plt.subplots(1, 4, figsize=figsize)
    for k, ax in enumerate(axes):
        draw_stage(ax, geometry, k)
        if k:
            ax.set_ylabel("")
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color="0.8", lw=1, label="unit circle (scale)"),
        Line2D([], [], color=COLORS["black"], lw=2, label="image of the unit circle"),
        Line2D([], [], color=COLORS["blue"], label="image of e₁"),
        Line2D([], [], color=COLORS["orange"], label="image of e₂"),
        Line2D([], [], color=COLORS["green"], ls="--", label="image of v₁ (ends as σ₁u₁)"),
        Line2D([], [], color=COLORS["vermillion"], ls="--", label="image of v₂ (ends as σ₂u₂)"),
    ]
    axes[-1].legend(
        handles=handles, loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=9, frameon=False
    )
    fig.suptitle("A = UΣVᵀ acting on the unit circle: rotate/reflect, stretch, rotate/reflect")
    return fig


class SVDGeometryWidget(StaticState, anywidget.AnyWidget):
    """The stepper's view: an anywidget drawn in the browser (``svd_geometry.js``).

    Its state is the matrix ``a`` (four floats, row by row) and the ``stage``
    (0 to 3); the browser computes the SVD and the picture. :attr:`geometry`
    is the Python model of the matrix on screen, for code and tests.
    """

    static_kind = "svd_geometry"
    _esm = widget_esm("svd_geometry")
    a = traitlets.Any([]).tag(sync=True)  # four floats (a list), checked by _valid_a
    stage = traitlets.Any(0).tag(sync=True)  # an int 0…3, checked by _valid_stage

    @traitlets.validate("a")
    def _valid_a(self, proposal):
        a = [float(x) for x in as_vector(proposal["value"], "a", size=4)]
        SVDGeometry(np.reshape(a, (2, 2)))  # refuses σ₁ or det A beyond float64
        return a

    @traitlets.validate("stage")
    def _valid_stage(self, proposal):
        return as_rank(proposal["value"], "stage", low=0, high=3)

    @property
    def geometry(self) -> SVDGeometry:
        """The model of the matrix on screen."""
        return SVDGeometry(np.reshape(self.a, (2, 2)))

    def static_state(self) -> dict:
        return {"a": list(self.a), "stage": self.stage}


def svd_geometry_widget(A=((3.0, 0.0), (4.0, 5.0)), stage: int = 0) -> SVDGeometryWidget:
    """An interactive stepper: ``Vᵀ``, ``Σ``, ``U`` acting on the unit circle.

    The reader types the four entries of ``A`` and steps through the stages
    with the buttons (or "next ▸", or the arrow keys on a stage button). The
    picture (SVG, crisp at any width) and the readout follow; a singular
    matrix shows a degenerate ellipse. A bad entry (letters, empty, NaN, a
    number beyond float64) or a matrix whose σ₁ or det overflows shows an error
    in the status line that stays until the entry is fixed, while the picture
    and numbers keep the last valid matrix.

    Parameters
    ----------
    A : array_like, shape (2, 2), optional
        The starting matrix.
    stage : int, optional
        The starting stage, 0 to 3.

    Returns
    -------
    SVDGeometryWidget
        The widget; ``.a`` and ``.stage`` hold what is on screen and
        ``.geometry`` is its :class:`SVDGeometry`.

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite 2×2 matrix (or overflows) or ``stage`` is not 0…3.

    Notes
    -----
    DOM contract (the browser tests rely on it), inside the anywidget's element:

    - container ``.course-svd-geometry``, ``data-paints`` counting pictures drawn;
    - entries ``input.course-svd-a11`` … ``.course-svd-a22`` (accessible names a₁₁ …);
    - stage buttons ``button.course-svd-stage-button[data-stage=k]`` with
      ``aria-pressed``, and ``button.course-svd-next``;
    - readout ``.course-svd-readout``: ``span[data-field]`` for ``sigma1``,
      ``sigma2``, ``rank``, ``det``, ``v_kind``, ``v_angle``, ``u_kind``,
      ``u_angle`` (:meth:`SVDGeometry.readout`) and ``stage`` (its text is
      :meth:`SVDGeometry.stage`'s description), full values in ``data-value``;
    - status ``.course-svd-status`` (``role=status``, ``aria-live=polite``,
      ``data-kind``);
    - picture ``.course-svd-plot`` (an ``<svg>``), ``data-matrix`` (JSON of the
      entries drawn) and ``data-stage``.

    Examples
    --------
    >>> w = svd_geometry_widget([[3, 0], [4, 5]])
    >>> w.a, w.stage, round(w.geometry.readout()["sigma1"], 6)
    ([3.0, 0.0, 4.0, 5.0], 0, 6.708204)
    """
    geometry = SVDGeometry(A)
    stage = as_rank(stage, "stage", low=0, high=3)
    return SVDGeometryWidget(a=[float(x) for x in geometry.A.flat], stage=stage)
