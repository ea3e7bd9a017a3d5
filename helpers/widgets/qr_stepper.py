"""The Gram–Schmidt / Householder stepper of notebook 06.

Two or three vectors in the plane or in space are orthogonalized one
operation at a time: for Gram–Schmidt, each subtraction of a projection and
each normalization; for Householder, each choice of mirror and each
reflection. The model, :class:`QRStepper`, computes every step and the
numbers known after it; :func:`qr_stepper_widget` is the thin ipywidgets view
(a method menu, a step slider, the picture and a readout), and
:func:`draw_qr_step` draws one step on a matplotlib axes.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

import numpy as np

from ..decompositions.qr import householder_vector
from ..plotting import COLORS
from ..validation import as_matrix, as_rank

__all__ = ["QR_METHODS", "QRStep", "QRStepper", "draw_qr_step", "qr_stepper_widget"]

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
        if method not in QR_METHODS:
            raise ValueError(f"method must be one of {QR_METHODS}, got {method!r}")
        A = np.asarray(as_matrix(A, "A"), dtype=np.float64)
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
            rho = float(np.linalg.norm(v))
            if rho <= 100 * np.finfo(float).eps * float(np.linalg.norm(a)):
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
            if not np.any(x[1:]):
                continue  # already zero below the diagonal: no reflection needed
            v = np.zeros(m)
            v[k:] = householder_vector(x)
            target = np.zeros(m)
            target[k] = -np.copysign(np.linalg.norm(x), x[0])
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
        stays fixed while stepping.

    Returns
    -------
    matplotlib.axes.Axes
    """
    st = stepper.step(k)
    m = stepper.A.shape[0]
    if limit is None:
        limit = 1.15 * max(1.0, float(np.max(np.linalg.norm(stepper.A, axis=0))))
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
        ax.plot(*zip(a, b, strict=True), ":", color="0.3", lw=1.5)
    for label, vec, colour, faded in st.arrows:
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
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if m == 3:
        ax.set_zlim(-limit, limit)
        ax.set_zlabel("$x_3$")
    else:
        ax.set_aspect("equal")
    ax.set_title(f"step {k}: {st.title}", fontsize=11)
    return ax


def _render_png(stepper: QRStepper, k: int) -> bytes:
    """Render one step to PNG bytes without pyplot (nothing leaks into the notebook)."""
    from matplotlib.figure import Figure

    # fixed margins, whatever rcParams say (the course style turns on constrained layout)
    fig = Figure(figsize=(5.2, 4.6), dpi=90, layout="none")
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.1, top=0.92)
    ax = fig.add_subplot(projection="3d" if stepper.A.shape[0] == 3 else None)
    draw_qr_step(ax, stepper, k)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _readout_html(stepper: QRStepper, k: int) -> str:
    r = stepper.readout(k)
    st = stepper.step(k)
    label = "R so far" if stepper.method != "householder" else "current matrix"
    if k == len(stepper) - 1:
        label = "R"
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td style="padding:0 8px;text-align:right" data-field="m{i}{j}" '
            f'data-value="{html.escape(repr(x))}">{"·" if x is None else f"{x:.4f}"}</td>'
            for j, x in enumerate(row)
        )
        + "</tr>"
        for i, row in enumerate(r["matrix"])
    )
    return (
        f'<div><b>step <span data-field="step" data-value="{k}">{k}</span> of '
        f"{r['steps'] - 1}</b>: {html.escape(st.title)}<br>{html.escape(st.description)}"
        f"<br>{label}:<table>{rows}</table>"
        f'‖QᵀQ − I‖_F of the q\'s so far = <span data-field="orthogonality" '
        f'data-value="{r["orthogonality"]!r}">{r["orthogonality"]:.1e}</span></div>'
    )


def qr_stepper_widget(A=((3.0, 2.0), (1.0, 2.5)), method: str = "mgs", step: int = 0):
    """An interactive stepper through CGS, MGS or Householder on small vectors.

    Parameters
    ----------
    A : array_like, shape (m, n), optional
        The vectors as columns (``m`` = 2 or 3, ``n ≤ m``).
    method : {"cgs", "mgs", "householder"}, optional
        The starting algorithm; a menu switches it.
    step : int, optional
        The starting step.

    Returns
    -------
    ipywidgets.VBox
        The widget (CSS class ``course-qr-stepper``). For tests it carries
        ``method`` (``Dropdown``, class ``course-qr-method``), ``slider``
        (``IntSlider``, class ``course-qr-step``), ``next_button``, ``image``
        (class ``course-qr-plot``), ``readout`` (class ``course-qr-readout``),
        ``status`` (class ``course-qr-status``) and ``stepper`` (the current
        :class:`QRStepper`).

    Examples
    --------
    >>> box = qr_stepper_widget(method="cgs")
    >>> box.method.value = "householder"
    >>> box.stepper.method, box.slider.max == len(box.stepper) - 1
    ('householder', True)
    """
    import ipywidgets as widgets

    from .common import guarded, new_status

    stepper = QRStepper(A, method)
    step = as_rank(step, "step", low=0, high=len(stepper) - 1)
    menu = widgets.Dropdown(options=[(_NAMES[m], m) for m in QR_METHODS], value=method)
    menu.add_class("course-qr-method")
    slider = widgets.IntSlider(value=step, min=0, max=len(stepper) - 1, description="step")
    slider.add_class("course-qr-step")
    next_button = widgets.Button(description="next ▸", layout=widgets.Layout(width="90px"))
    next_button.add_class("course-qr-next")
    image = widgets.Image(format="png")
    image.add_class("course-qr-plot")
    readout = widgets.HTML()
    readout.add_class("course-qr-readout")
    status = new_status()
    status.add_class("course-qr-status")
    outer = widgets.VBox(
        [widgets.HBox([menu, slider, next_button]), widgets.HBox([image, readout]), status]
    )
    outer.add_class("course-qr-stepper")

    def paint():
        image.value = _render_png(outer.stepper, slider.value)
        readout.value = _readout_html(outer.stepper, slider.value)

    @guarded(status)
    def on_method(change=None):
        outer.stepper = QRStepper(outer.stepper.A, menu.value)
        with slider.hold_trait_notifications():
            slider.value = 0
            slider.max = len(outer.stepper) - 1
        paint()

    @guarded(status)
    def on_step(change=None):
        paint()

    @guarded(status)
    def on_next(_button=None):
        slider.value = (slider.value + 1) % (slider.max + 1)

    outer.stepper = stepper
    outer.method = menu
    outer.slider = slider
    outer.next_button = next_button
    outer.image = image
    outer.readout = readout
    outer.status = status
    menu.observe(on_method, names="value")
    slider.observe(on_step, names="value")
    next_button.on_click(on_next)
    paint()
    return outer
