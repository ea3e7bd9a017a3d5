"""The Gram–Schmidt / Householder stepper of notebook 06.

Two or three vectors in the plane or in space are orthogonalized one
operation at a time: for Gram–Schmidt, each subtraction of a projection and
each normalization; for Householder, each choice of mirror and each
reflection. The model, :class:`QRStepper`, computes every step and the
numbers known after it; :func:`qr_stepper_widget` returns the view,
:class:`QRStepperWidget`, an anywidget whose ES module (``qr_stepper.js``)
computes the same steps and draws them in SVG (a method menu, a step slider,
the picture and a readout; it also runs with no kernel); and
:func:`draw_qr_step` draws one step on a matplotlib axes.
"""

from __future__ import annotations

from dataclasses import dataclass

import anywidget
import numpy as np
import traitlets

from ..decompositions.qr import householder_vector
from ..plotting import COLORS
from ..validation import as_matrix, as_rank, as_real, scale_factor
from .common import StaticState, widget_esm

__all__ = [
    "QR_METHODS",
    "QRStep",
    "QRStepper",
    "QRStepperWidget",
    "draw_qr_step",
    "qr_stepper_widget",
]

#: The methods the stepper walks through, by the name it takes.
QR_METHODS = ("cgs", "mgs", "householder")

_NAMES = {
    "cgs": "classical Gram–Schmidt",
    "mgs": "modified Gram–Schmidt",
    "householder": "Householder",
}
_PALETTE = ("blue", "orange", "green")


@dataclass(frozen=True)
class QRStep:
    """One step of a QR algorithm, with what to draw and what is known after it.

    Attributes
    ----------
    title : str
        A short title, e.g. ``"column 2: remove the q₁ component"``.
    description : str
        One or two sentences with the formula and the numbers of the step.
    arrows : tuple of (str, numpy.ndarray, str, bool)
        ``(label, vector, colour name, faded)``: the vectors to draw.
    segments : tuple of (numpy.ndarray, numpy.ndarray)
        Dotted lines to draw (a subtracted projection).
    mirror : numpy.ndarray or None
        The unit normal ``v`` of a Householder mirror shown in this step.
    matrix : numpy.ndarray
        What is known after the step: the entries of ``R`` found so far
        (``NaN`` where unknown) for Gram–Schmidt, the current
        ``H_k⋯H_1 A`` for Householder.
    Q : numpy.ndarray
        The orthonormal vectors found so far, as columns (``m × k``).
    """

    title: str
    description: str
    arrows: tuple
    segments: tuple
    mirror: np.ndarray | None
    matrix: np.ndarray
    Q: np.ndarray


def _sub(i: int) -> str:
    """1-based subscript digits for labels: 0 → '₁'."""
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(i + 1))


def _norm(x) -> float:
    """‖x‖₂ computed on ``x / 2ᵉ`` (:func:`~helpers.validation.scale_factor`): entries near
    1e200 do not overflow and entries near 1e-170 do not underflow."""
    c = scale_factor(x)
    return c * float(np.linalg.norm(np.asarray(x) / c))


def _unknown_r(n: int) -> np.ndarray:
    """An n × n R with NaN (unknown yet) on and above the diagonal, zeros below."""
    R = np.full((n, n), np.nan)
    R[np.tril_indices(n, -1)] = 0.0
    return R


class QRStepper:
    """Every step of CGS, MGS or Householder QR on two or three small vectors.

    Parameters
    ----------
    A : array_like, shape (m, n)
        The vectors as columns, ``m`` = 2 or 3 and ``1 ≤ n ≤ m``. For
        Gram–Schmidt the columns must be linearly independent.
    method : {"cgs", "mgs", "householder"}, optional
        The algorithm.

    Attributes
    ----------
    A : numpy.ndarray
        The matrix.
    method : str
        The algorithm.
    steps : list of QRStep
        Step 0 shows the columns of ``A``; the last step shows the result,
        ``Q`` and ``R`` with a positive diagonal (the same factors as
        :func:`helpers.decompositions.householder_qr`).

    Raises
    ------
    ValueError
        If ``A`` has the wrong shape, ``method`` is unknown, or Gram–Schmidt
        meets a (numerically) dependent column.

    Examples
    --------
    >>> stepper = QRStepper([[3.0, 2.0], [1.0, 2.5]], method="mgs")
    >>> len(stepper), stepper.step(2).title
    (4, 'column 2: remove the q₁ component')
    >>> stepper.readout(3)["matrix"]
    [[3.162278, 2.687936], [0.0, 1.739253]]
    """

    def __init__(self, A, method: str = "mgs"):
        if not isinstance(method, str) or method not in QR_METHODS:
            raise ValueError(f"method must be one of {QR_METHODS}, got {method!r:.40}")
        A = np.array(as_matrix(A, "A"), dtype=np.float64)  # a copy: never the caller's array
        m, n = A.shape
        if m not in (2, 3) or not 1 <= n <= m:
            raise ValueError(
                f"A must hold 1 to m vectors of length m = 2 or 3 as columns, got shape {A.shape}"
            )
        self.A = A
        self.method = method
        start = QRStep(
            title="the columns of A",
            description=f"{n} vector(s) in ℝ{'²' if m == 2 else '³'}, to be orthonormalized by "
            f"{_NAMES[method]}.",
            arrows=tuple((f"a{_sub(j)}", A[:, j], _PALETTE[j], False) for j in range(n)),
            segments=(),
            mirror=None,
            matrix=_unknown_r(n) if method != "householder" else A.copy(),
            Q=np.zeros((m, 0)),
        )
        body = self._householder() if method == "householder" else self._gram_schmidt()
        self.steps = [start, *body]

    def __len__(self) -> int:
        return len(self.steps)

    def step(self, k: int) -> QRStep:
        """Return step ``k`` (0 is the input, ``len(self) − 1`` the result)."""
        k = as_rank(k, "k", low=0, high=len(self.steps) - 1)
        return self.steps[k]

    def readout(self, k: int) -> dict:
        """Return the numbers the widget shows at step ``k``.

        Returns
        -------
        dict
            ``step`` (int), ``steps`` (int), ``title`` (str), ``matrix``
            (nested lists rounded to 6 decimals, ``None`` where unknown) and
            ``orthogonality`` (``‖QᵀQ − I‖_F`` of the vectors found so far).
        """
        st = self.step(k)
        matrix = [
            [None if np.isnan(x) else round(float(x), 6) + 0.0 for x in row] for row in st.matrix
        ]
        G = st.Q.T @ st.Q - np.eye(st.Q.shape[1])
        return {
            "step": k,
            "steps": len(self.steps),
            "title": st.title,
            "matrix": matrix,
            "orthogonality": float(np.linalg.norm(G)),
        }

    # --- the two algorithms, one yielded step per operation ---------------------------

    def _gram_schmidt(self):
        A, (m, n) = self.A, self.A.shape
        R = _unknown_r(n)
        Q = np.zeros((m, 0))
        for j in range(n):
            a = A[:, j]
            v = a.copy()
            for i in range(j):
                q = Q[:, i]
                source = a if self.method == "cgs" else v
                r = float(q @ source)
                before = v.copy()
                v = v - r * q
                R[i, j] = r
                which = f"a{_sub(j)}" if self.method == "cgs" else f"v (a{_sub(j)} so far)"
                yield QRStep(
                    title=f"column {j + 1}: remove the q{_sub(i)} component",
                    description=f"r{_sub(i)}{_sub(j)} = q{_sub(i)}ᵀ{which} = {r:.4f}; "
                    f"v ← v − r{_sub(i)}{_sub(j)} q{_sub(i)}.",
                    arrows=(
                        *((f"q{_sub(k)}", Q[:, k], _PALETTE[k], False) for k in range(j)),
                        (f"a{_sub(j)}", a, _PALETTE[j], True),
                        (f"r{_sub(i)}{_sub(j)}q{_sub(i)}", r * q, "vermillion", False),
                        ("v", v, "black", False),
                    ),
                    segments=((before, v),),
                    mirror=None,
                    matrix=R.copy(),
                    Q=Q.copy(),
                )
            rho = _norm(v)  # scaled: 1e155 or 1e-170 entries neither overflow nor underflow
            if rho <= 100 * np.finfo(float).eps * _norm(a):
                raise ValueError(
                    f"column {j + 1} of A depends on the earlier columns: Gram–Schmidt cannot "
                    f"orthonormalize it (try method='householder')"
                )
            R[j, j] = rho
            Q = np.column_stack([Q, v / rho])
            yield QRStep(
                title=f"column {j + 1}: normalize",
                description=f"r{_sub(j) * 2} = ‖v‖ = {rho:.4f}; q{_sub(j)} = v / r{_sub(j) * 2}.",
                arrows=(
                    *((f"q{_sub(k)}", Q[:, k], _PALETTE[k], False) for k in range(j + 1)),
                    *((f"a{_sub(k)}", A[:, k], _PALETTE[k], True) for k in range(j + 1, n)),
                ),
                segments=(),
                mirror=None,
                matrix=R.copy(),
                Q=Q.copy(),
            )

    def _householder(self):
        A, (m, n) = self.A, self.A.shape
        W = A.copy()
        Qacc = np.eye(m)
        for k in range(min(m - 1, n)):
            x = W[k:, k]
            if _norm(x) <= 100 * np.finfo(float).eps * _norm(A[:, k]):
                # Column k depends on the earlier ones: what is left of it is rounding
                # noise, and a mirror chosen from noise would differ between numpy and
                # the browser. Treat it as the exact zero it stands for: R[k, k] = 0.
                W[k:, k] = 0.0
                continue
            if not np.any(x[1:]):
                continue  # already zero below the diagonal: no reflection needed
            v = np.zeros(m)
            v[k:] = householder_vector(x)
            target = np.zeros(m)
            target[k] = -np.copysign(_norm(x), x[0])
            columns = tuple(
                (f"column {_sub(j)}", W[:, j].copy(), _PALETTE[j], False) for j in range(n)
            )
            yield QRStep(
                title=f"column {k + 1}: choose the mirror",
                description=f"x = rows {k + 1}…{m} of column {k + 1}; the mirror v⊥ with "
                f"v ∝ x + sign(x₁)‖x‖e₁ sends x to {target[k]:.4f}·e{_sub(k)}.",
                arrows=(*columns, ("v", v, "green", True), ("target", target, "vermillion", True)),
                segments=((W[:, k].copy(), target + np.where(np.arange(m) < k, W[:, k], 0)),),
                mirror=v,
                matrix=W.copy(),
                Q=Qacc[:, :0],
            )
            H = np.eye(m) - 2 * np.outer(v, v)
            W = H @ W
            W[k + 1 :, k] = 0.0
            Qacc = Qacc @ H
            yield QRStep(
                title=f"column {k + 1}: reflect",
                description=f"H{_sub(k)} = I − 2vvᵀ reflects every column; column {k + 1} now "
                f"has zeros below the diagonal.",
                arrows=tuple(
                    (f"H{_sub(k)}·column {_sub(j)}", W[:, j].copy(), _PALETTE[j], False)
                    for j in range(n)
                ),
                segments=(),
                mirror=v,
                matrix=W.copy(),
                Q=Qacc[:, : k + 1].copy(),
            )
        signs = np.where(np.diag(W[:n, :n]) < 0, -1.0, 1.0)
        R = signs[:, None] * W[:n] + 0.0
        Q = Qacc[:, :n] * signs
        yield QRStep(
            title="make the diagonal of R positive",
            description="Flip the sign of each row of R with a negative diagonal entry and of "
            "the matching column of Q: A = QR is then the unique thin QR.",
            arrows=tuple((f"q{_sub(j)}", Q[:, j], _PALETTE[j], False) for j in range(n)),
            segments=(),
            mirror=None,
            matrix=R,
            Q=Q,
        )


def draw_qr_step(ax, stepper: QRStepper, k: int, limit: float | None = None):
    """Draw step ``k`` of ``stepper`` on ``ax`` (2-D axes, or 3-D axes for m = 3).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A plain axes for vectors in the plane, a ``projection="3d"`` axes in space.
    stepper : QRStepper
        The model.
    k : int
        The step.
    limit : float, optional
        Half-width of the view; by default the largest column norm, so the view
        stays fixed while stepping. Beyond ``1e±100`` the picture is drawn in
        units of a power of two, named in the axis labels.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes (a 3-D one exactly when the vectors
        are in space) or ``stepper`` is not a :class:`QRStepper`.
    ValueError
        If ``k`` is out of range or ``limit`` is not a positive finite number.
    """
    from matplotlib.axes import Axes

    if not isinstance(stepper, QRStepper):
        raise TypeError(f"stepper must be a QRStepper, got {type(stepper).__name__}")
    m = stepper.A.shape[0]
    if not isinstance(ax, Axes) or (ax.name == "3d") != (m == 3):
        want = "a 3-D (projection='3d')" if m == 3 else "a 2-D"
        got = getattr(ax, "name", type(ax).__name__)
        raise TypeError(f"ax must be {want} matplotlib Axes for vectors in ℝ{m}, got {got}")
    st = stepper.step(k)
    if limit is None:
        limit = 1.15 * max(1.0, max(_norm(col) for col in stepper.A.T))
    else:
        limit = as_real(limit, "limit", low=0.0, low_inclusive=False)
    # Far from 1 (entries near 1e155 or 1e-170) matplotlib's arrows and 3-D
    # projection overflow or underflow: draw in units of a power of two then.
    unit = 1.0 if 1e-100 <= limit <= 1e100 else scale_factor(np.array([limit]))
    limit = limit / unit
    suffix = "" if unit == 1.0 else f" (× {unit:.3g})"
    if st.mirror is not None:
        v = st.mirror
        if m == 2:
            d = np.array([-v[1], v[0]]) * limit * 1.5
            ax.plot([-d[0], d[0]], [-d[1], d[1]], "--", color="0.5", lw=1.2, label="mirror v⊥")
        else:
            e1 = np.cross(v, [1.0, 0.0, 0.0] if abs(v[0]) < 0.9 else [0.0, 1.0, 0.0])
            e1 /= np.linalg.norm(e1)
            e2 = np.cross(v, e1)
            s, t = np.meshgrid(np.linspace(-limit, limit, 2), np.linspace(-limit, limit, 2))
            P = s[..., None] * e1 + t[..., None] * e2
            ax.plot_surface(P[..., 0], P[..., 1], P[..., 2], color="0.6", alpha=0.25)
    for a, b in st.segments:
        ax.plot(*zip(a / unit, b / unit, strict=True), ":", color="0.3", lw=1.5)
    for label, vec, colour, faded in st.arrows:
        vec = vec / unit
        alpha = 0.35 if faded else 1.0
        if m == 2:
            ax.annotate(
                "",
                xy=(vec[0], vec[1]),
                xytext=(0, 0),
                arrowprops={"arrowstyle": "-|>", "color": COLORS[colour], "lw": 2, "alpha": alpha},
            )
            ax.text(vec[0] * 1.06, vec[1] * 1.06, label, color=COLORS[colour], alpha=alpha)
        else:
            ax.quiver(0, 0, 0, *vec, color=COLORS[colour], alpha=alpha, arrow_length_ratio=0.12)
            ax.text(*(vec * 1.08), label, color=COLORS[colour], alpha=alpha)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_xlabel("$x_1$" + suffix)
    ax.set_ylabel("$x_2$" + suffix)
    if m == 3:
        ax.set_zlim(-limit, limit)
        ax.set_zlabel("$x_3$" + suffix)
    else:
        ax.set_aspect("equal")
    ax.set_title(f"step {k}: {st.title}", fontsize=11)
    return ax


class QRStepperWidget(StaticState, anywidget.AnyWidget):
    """The stepper's view: an anywidget drawn in the browser (``qr_stepper.js``).

    Its state is the matrix ``a`` (rows), the ``method`` and the ``step``; the
    browser computes every step itself. :attr:`stepper` is the Python model
    of what is on screen.
    """

    static_kind = "qr_stepper"
    _esm = widget_esm("qr_stepper")
    a = traitlets.Any([]).tag(sync=True)  # the rows of A (lists), checked by _valid_a
    method = traitlets.Unicode("mgs").tag(sync=True)
    step = traitlets.Any(0).tag(sync=True)  # an int, checked by _valid_step

    @traitlets.validate("a")
    def _valid_a(self, proposal):
        # a new list of rows (never the caller's), refused as QRStepper refuses it
        return QRStepper(proposal["value"], self.method).A.tolist()

    @traitlets.validate("method")
    def _valid_method(self, proposal):
        QRStepper(self.a, proposal["value"])  # raises a ValueError naming the problem
        return proposal["value"]

    @traitlets.validate("step")
    def _valid_step(self, proposal):
        return as_rank(proposal["value"], "step", low=0, high=len(self.stepper) - 1)

    @property
    def stepper(self) -> QRStepper:
        """The model of the matrix and method on screen."""
        return QRStepper(self.a, self.method)

    def static_state(self) -> dict:
        return {"a": [list(row) for row in self.a], "method": self.method, "step": self.step}


def qr_stepper_widget(A=((3.0, 2.0), (1.0, 2.5)), method: str = "mgs", step: int = 0):
    """An interactive stepper through CGS, MGS or Householder on small vectors.

    A menu picks the method, a slider (or "◂ back" / "next ▸") the step; for
    vectors in space a "view angle" slider turns the picture. The browser
    computes the steps (a port of :class:`QRStepper`), so the widget also runs
    on the static site and in the decks. A method that cannot run on ``A``
    (Gram–Schmidt on dependent columns) is refused with a message, and the menu
    goes back to the method on screen.

    Parameters
    ----------
    A : array_like, shape (m, n), optional
        The vectors as columns (``m`` = 2 or 3, ``n ≤ m``).
    method : {"cgs", "mgs", "householder"}, optional
        The starting algorithm.
    step : int, optional
        The starting step.

    Returns
    -------
    QRStepperWidget
        ``.method`` and ``.step`` hold what is on screen, ``.stepper`` is its
        :class:`QRStepper`.

    Raises
    ------
    TypeError, ValueError
        As :class:`QRStepper`, or if ``step`` is out of range.

    Notes
    -----
    DOM contract (the browser tests rely on it), inside the anywidget's element:

    - container ``.course-qr-stepper``, ``data-paints`` counting pictures drawn;
    - ``select.course-qr-method`` (accessible name "method"),
      ``input[type=range].course-qr-step`` ("step"), ``button.course-qr-back``,
      ``button.course-qr-next``; for m = 3 ``input.course-qr-view`` ("view angle");
    - entries of A: ``input.course-qr-a<i><j>`` (1-based; accessible names a₁₁…);
      a bad entry gets ``aria-invalid="true"``, and an A that the method on screen
      cannot factor is refused with an error status while the picture keeps the
      last valid A;
    - readout ``.course-qr-readout``: ``[data-field]`` ``step``, ``title``,
      ``description``, ``m<i><j>`` (the matrix of :meth:`QRStepper.readout`,
      ``"None"`` where unknown) and ``orthogonality``;
    - status ``.course-qr-status`` (``role=status``, ``aria-live=polite``, ``data-kind``);
    - picture ``.course-qr-plot`` (an ``<svg>``), ``data-method``, ``data-step``,
      ``data-matrix`` (the JSON of A).

    Examples
    --------
    >>> w = qr_stepper_widget(method="cgs")
    >>> w.method = "householder"
    >>> w.stepper.method, len(w.stepper)
    ('householder', 4)
    """
    stepper = QRStepper(A, method)
    step = as_rank(step, "step", low=0, high=len(stepper) - 1)
    widget = QRStepperWidget(a=stepper.A.tolist(), method=method)
    widget.step = step
    return widget
