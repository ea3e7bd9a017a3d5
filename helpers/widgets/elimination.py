"""The Gaussian-elimination stepper of notebook 07.

A small square matrix (2×2 to 4×4) is reduced to ``U`` one operation at a
time, with or without partial pivoting: for each column, the choice of the
pivot (and the row swap), then the multipliers and the update of the rows
below. After every step the stepper knows the current matrix, the part of
``L`` filled in, the row order, the growth factor so far and the backward
error ``‖PA − L̃W‖∞/‖A‖∞`` of the factors so far.

The model, :class:`EliminationStepper`, computes every step with the same
floating-point operations as :func:`helpers.decompositions.lu_partial_pivot`
and :func:`~helpers.decompositions.lu_no_pivot`; :func:`elimination_widget`
returns the view, :class:`EliminationWidget`, an anywidget whose ES module
(``elimination.js``) computes the same steps in the same order in the browser,
so it also runs on the static site and in the decks, with equal numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import anywidget
import numpy as np
import traitlets

from ..decompositions.lu import max_growth_matrix
from ..validation import as_flag, as_matrix, as_rank
from .common import StaticState, format_number, widget_esm

__all__ = [
    "ELIMINATION_PRESETS",
    "ENTRY_LIMIT",
    "EliminationStep",
    "EliminationStepper",
    "EliminationWidget",
    "elimination_widget",
]

#: The largest modulus an entry may have: a product of two entries stays finite.
ENTRY_LIMIT = 1e150

#: The presets of the widget's menu: (name, matrix as rows).
ELIMINATION_PRESETS = (
    ("ε-pivot: [[ε, 1], [1, 1]], ε = 1e-20", [[1e-20, 1.0], [1.0, 1.0]]),
    ("Wilkinson's growth matrix, n = 4", max_growth_matrix(4).tolist()),
    ("the 3×3 of section 1", [[2.0, 1.0, 1.0], [4.0, 3.0, 3.0], [8.0, 7.0, 9.0]]),
    ("zero pivot: needs a row swap", [[0.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 1.0, 0.0]]),
    ("singular: row 2 = 2 × row 1", [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]]),
    (
        "a 4×4 with row swaps",
        [[2.0, 1.0, 1.0, 0.0], [4.0, 3.0, 3.0, 1.0], [8.0, 7.0, 9.0, 5.0], [6.0, 7.0, 9.0, 8.0]],
    ),
)


def _sub(i: int) -> str:
    """1-based subscript digits: 0 → '₁'."""
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(i + 1))


def _residual(A: np.ndarray, perm, L: np.ndarray, W: np.ndarray) -> float:
    """``‖PA − L̃W‖∞ / ‖A‖∞`` with unknown entries of ``L`` read as 0.

    Plain loops in a fixed order, so that ``elimination.js`` gets the same bits.
    """
    n = A.shape[0]
    norm_a = 0.0
    for i in range(n):
        row = 0.0
        for j in range(n):
            row = row + abs(float(A[i, j]))
        norm_a = max(norm_a, row)
    worst = 0.0
    for i in range(n):
        row = 0.0
        for j in range(n):
            s = 0.0
            for t in range(n):
                lit = float(L[i, t])
                if not math.isnan(lit):
                    s = s + lit * float(W[t, j])
            row = row + abs(float(A[perm[i], j]) - s)
        worst = max(worst, row)
    return worst / norm_a


@dataclass(frozen=True)
class EliminationStep:
    """One step of Gaussian elimination and what is known after it.

    Attributes
    ----------
    kind : str
        ``"start"``, ``"pivot"`` (choose the pivot, swap rows), ``"eliminate"``
        (multipliers and the update below the pivot) or ``"breakdown"`` (a
        zero pivot above nonzero entries, without pivoting).
    column : int or None
        The column ``k`` being eliminated, numbered from 0.
    title, description : str
        What the widget prints for the step.
    W : numpy.ndarray
        The current matrix (rows in the current order); ``U`` after the last step.
    L : numpy.ndarray
        The unit lower factor so far, ``NaN`` where not known yet.
    perm : tuple of int
        Row ``i`` of the current matrix came from row ``perm[i]`` of ``A``.
    pivot_row : int or None
        At a pivot step, the row (of the matrix before the swap, from 0) whose
        entry becomes the pivot.
    pivot : float or None
        The pivot ``w_kk`` after the swap (at pivot and eliminate steps).
    multipliers : tuple of float
        At an eliminate step, ``ℓ_ik`` for ``i = k+1, …, n−1``; else empty.
    growth : float
        ``max |w_ij|`` over every matrix so far, over ``max |a_ij|``.
    residual : float
        ``‖PA − L̃W‖∞/‖A‖∞``, ``L̃`` = ``L`` with its unknown entries set to 0
        (0 in exact arithmetic at every step).
    """

    kind: str
    column: int | None
    title: str
    description: str
    W: np.ndarray
    L: np.ndarray
    perm: tuple
    pivot_row: int | None
    pivot: float | None
    multipliers: tuple
    growth: float
    residual: float


class EliminationStepper:
    """Every step of Gaussian elimination on a small square matrix.

    Parameters
    ----------
    A : array_like, shape (n, n)
        ``2 ≤ n ≤ 4``, finite, not all zero, every ``|a_ij| ≤ 1e150``.
    pivoting : bool, optional
        Partial pivoting (the first row with the largest ``|w_ik|``, as
        ``np.argmax`` and LAPACK's ``idamax`` choose) or none.

    Attributes
    ----------
    A : numpy.ndarray
        A copy of the matrix.
    pivoting : bool
    steps : list of EliminationStep
        Step 0 is ``A``; then two steps per column ``k = 0, …, n−2`` (pivot,
        eliminate), unless elimination without pivoting breaks down: then
        the last step is the breakdown.
    failure : str or None
        Why elimination stopped early (a zero pivot above nonzero entries, or
        an overflow), or ``None``.

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite square matrix of size 2 to 4, is zero, or has
        an entry beyond ``±1e150``; if ``pivoting`` is not a bool.

    Examples
    --------
    >>> stepper = EliminationStepper([[1e-20, 1.0], [1.0, 1.0]], pivoting=False)
    >>> last = stepper.readout(len(stepper) - 1)
    >>> last["multipliers"], last["W"][1][1], last["growth"], last["residual"]
    ([1e+20], -1e+20, 1e+20, 0.5)
    >>> EliminationStepper([[1e-20, 1.0], [1.0, 1.0]]).readout(2)["residual"]
    0.0
    """

    def __init__(self, A, pivoting: bool = True):
        A = np.array(as_matrix(A, "A"), dtype=np.float64)  # a copy: never the caller's array
        self.pivoting = as_flag(pivoting, "pivoting")
        n = A.shape[0]
        if A.shape[0] != A.shape[1] or not 2 <= n <= 4:
            raise ValueError(f"A must be square, 2×2 to 4×4, got shape {A.shape}")
        largest = float(np.max(np.abs(A)))
        if largest == 0.0:
            raise ValueError("A is the zero matrix: there is nothing to eliminate")
        if largest > ENTRY_LIMIT:
            raise ValueError(
                f"A has an entry of modulus {format_number(largest)}, beyond ±1e150: "
                f"a product of two entries could overflow"
            )
        self.A = A
        self.failure: str | None = None
        self.steps = list(self._run())

    def __len__(self) -> int:
        return len(self.steps)

    def step(self, k: int) -> EliminationStep:
        """Return step ``k`` (0 is ``A``, ``len(self) − 1`` the last)."""
        k = as_rank(k, "k", low=0, high=len(self.steps) - 1)
        return self.steps[k]

    @property
    def complete(self) -> bool:
        """Whether elimination ran to the end (no breakdown, no overflow)."""
        return self.failure is None

    def readout(self, k: int) -> dict:
        """Return the numbers the widget shows at step ``k``, unrounded.

        Returns
        -------
        dict
            ``step``, ``steps``, ``kind``, ``title``, ``description``,
            ``column`` (from 1, or ``None``), ``pivot_row`` (from 1, or
            ``None``), ``pivot``, ``multipliers`` (list), ``growth``,
            ``residual``, ``perm`` (rows of ``A``, from 1), ``W`` and ``L``
            (nested lists, ``None`` where ``L`` is unknown).
        """
        st = self.step(k)
        return {
            "step": k,
            "steps": len(self.steps),
            "kind": st.kind,
            "title": st.title,
            "description": st.description,
            "column": None if st.column is None else st.column + 1,
            "pivot_row": None if st.pivot_row is None else st.pivot_row + 1,
            "pivot": st.pivot,
            "multipliers": list(st.multipliers),
            "growth": st.growth,
            "residual": st.residual,
            "perm": [p + 1 for p in st.perm],
            "W": [[float(x) + 0.0 for x in row] for row in st.W],
            "L": [[None if math.isnan(x) else float(x) + 0.0 for x in row] for row in st.L],
        }

    def status(self, k: int) -> tuple[str, str]:
        """Return the widget's status line at step ``k``: ``(text, kind)``.

        ``kind`` is ``"error"`` after a breakdown or overflow, ``"warning"``
        for a singular ``A`` or factors with a large backward error, and
        ``"ok"`` otherwise.
        """
        k = as_rank(k, "k", low=0, high=len(self.steps) - 1)
        last = self.steps[-1]
        if self.failure:
            return self.failure, "error"
        zero = [j for j in range(self.A.shape[0]) if last.W[j, j] == 0.0]
        if zero:
            j = _sub(zero[0])
            return (
                f"A is singular: u{j}{j} = 0. PA = LU still holds, but Ax = b has no unique "
                f"solution.",
                "warning",
            )
        if last.residual > 1e-8:
            return (
                f"ρ = {format_number(last.growth)}, and ‖PA − LU‖∞/‖A‖∞ = "
                f"{format_number(last.residual)}: the computed L and U are the factors of "
                f"a different matrix. Turn partial pivoting on.",
                "warning",
            )
        mode = "partial pivoting" if self.pivoting else "no pivoting"
        return (
            f"{mode}: step {k} of {len(self.steps) - 1}; at the end ρ = "
            f"{format_number(last.growth)}, ‖PA − LU‖∞/‖A‖∞ = {format_number(last.residual)}",
            "ok",
        )

    def factors(self):
        """Return ``(P, L, U)`` with ``PA = LU``, from the last step.

        Raises
        ------
        ValueError
            If elimination did not run to the end (see :attr:`failure`).
        """
        if self.failure:
            raise ValueError(f"elimination did not run to the end: {self.failure}")
        last = self.steps[-1]
        n = self.A.shape[0]
        L = np.nan_to_num(last.L, nan=0.0)
        return np.eye(n)[list(last.perm)], L, np.triu(last.W)

    # --- the algorithm, one yielded step per operation (the order of lu._eliminate) ----

    def _run(self):
        A = self.A
        n = A.shape[0]
        W = A.copy()
        L = np.full((n, n), np.nan)
        L[np.triu_indices(n, 1)] = 0.0
        np.fill_diagonal(L, 1.0)
        perm = np.arange(n)
        scale = float(np.max(np.abs(W)))
        largest = scale
        mode = "with partial pivoting" if self.pivoting else "without pivoting"

        def snapshot(kind, k, title, description, pivot_row=None, pivot=None, mult=()):
            return EliminationStep(
                kind=kind,
                column=k,
                title=title,
                description=description,
                W=W.copy(),
                L=L.copy(),
                perm=tuple(int(p) for p in perm),
                pivot_row=pivot_row,
                pivot=pivot,
                multipliers=tuple(float(x) for x in mult),
                growth=largest / scale,
                residual=_residual(A, perm, L, W),
            )

        yield snapshot(
            "start",
            None,
            "the matrix A",
            f"A is {n}×{n}; elimination {mode} runs over {n - 1} column(s), two steps each: "
            f"choose the pivot, then eliminate below it.",
        )
        for k in range(n - 1):
            c = k + 1
            below = W[k + 1 :, k]
            if self.pivoting:
                p = k + int(np.argmax(np.abs(W[k:, k])))
                if W[p, k] == 0.0:
                    text = f"column {c}: every candidate is 0, so there is nothing to eliminate"
                else:
                    text = (
                        f"column {c}: the largest |w_i{c}| for i ≥ {c} is "
                        f"{format_number(abs(float(W[p, k])))}, in row {p + 1}; "
                    )
                    text += f"swap rows {c} and {p + 1}." if p != k else "no swap needed."
                if p != k:
                    W[[k, p]] = W[[p, k]]
                    L[[k, p], :k] = L[[p, k], :k]
                    perm[[k, p]] = perm[[p, k]]
                pivot = float(W[k, k])
                yield snapshot(
                    "pivot", k, f"column {c}: choose the pivot", text, pivot_row=p, pivot=pivot
                )
            else:
                pivot = float(W[k, k])
                if pivot == 0.0 and np.any(below != 0.0):
                    self.failure = (
                        f"zero pivot at column {c} with nonzero entries below it: elimination "
                        f"without row exchanges stops here. Turn partial pivoting on."
                    )
                    yield snapshot(
                        "breakdown",
                        k,
                        f"column {c}: zero pivot",
                        f"column {c}: the pivot w{_sub(k)}{_sub(k)} = 0, but entries below it "
                        f"are not: without a row exchange nothing can eliminate them.",
                        pivot_row=k,
                        pivot=pivot,
                    )
                    return
                if pivot == 0.0:
                    text = f"column {c}: every candidate is 0, so there is nothing to eliminate"
                else:
                    text = (
                        f"column {c}: the pivot is w{_sub(k)}{_sub(k)} = {format_number(pivot)} "
                        f"(no row exchanges)."
                    )
                title = f"column {c}: the pivot"
                yield snapshot("pivot", k, title, text, pivot_row=k, pivot=pivot)
            if pivot == 0.0:  # the column is already eliminated: L's column stays e_k
                L[k + 1 :, k] = 0.0
                yield snapshot(
                    "eliminate",
                    k,
                    f"column {c}: nothing to eliminate",
                    f"column {c} is zero on and below the diagonal: u{_sub(k)}{_sub(k)} = 0 "
                    f"and ℓ_i{c} = 0.",
                    pivot=pivot,
                )
                continue
            with np.errstate(over="ignore", invalid="ignore"):  # checked just below
                multipliers = W[k + 1 :, k] / pivot
                update = W[k + 1 :, k + 1 :] - np.outer(multipliers, W[k, k + 1 :])
            if not (np.all(np.isfinite(multipliers)) and np.all(np.isfinite(update))):
                self.failure = (
                    f"overflow at column {c}: a multiplier or an updated entry is beyond the "
                    f"largest float (the pivot {format_number(pivot)} is too small). Turn "
                    f"partial pivoting on."
                )
                return
            L[k + 1 :, k] = multipliers
            W[k + 1 :, k + 1 :] = update
            W[k + 1 :, k] = 0.0
            largest = max(largest, float(np.max(np.abs(W[k + 1 :, k + 1 :]))))
            shown = ", ".join(
                f"ℓ{_sub(i)}{_sub(k)} = {format_number(float(x))}"
                for i, x in zip(range(k + 1, n), multipliers, strict=True)
            )
            yield snapshot(
                "eliminate",
                k,
                f"column {c}: eliminate below the pivot",
                f"multipliers ℓ_i{c} = w_i{c} / {format_number(pivot)}: {shown}; "
                f"row i ← row i − ℓ_i{c} × row {c}.",
                pivot=pivot,
                mult=multipliers,
            )


class EliminationWidget(StaticState, anywidget.AnyWidget):
    """The stepper's view: an anywidget drawn in the browser (``elimination.js``).

    Its state is the matrix ``a`` (rows), ``pivoting``, the ``step`` and the
    ``presets``; the browser computes every step itself. :attr:`stepper` is
    the Python model of what is on screen.
    """

    static_kind = "elimination"
    _esm = widget_esm("elimination")
    a = traitlets.List(traitlets.List(traitlets.Float())).tag(sync=True)
    pivoting = traitlets.Bool(True).tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)
    presets = traitlets.List().tag(sync=True)

    @traitlets.validate("a")
    def _valid_a(self, proposal):
        EliminationStepper(proposal["value"], self.pivoting)  # a ValueError names the problem
        return proposal["value"]

    @traitlets.validate("step")
    def _valid_step(self, proposal):
        return as_rank(proposal["value"], "step", low=0, high=len(self.stepper) - 1)

    @property
    def stepper(self) -> EliminationStepper:
        """The model of the matrix and pivoting on screen."""
        return EliminationStepper(self.a, self.pivoting)

    def static_state(self) -> dict:
        return {
            "a": [list(row) for row in self.a],
            "pivoting": self.pivoting,
            "step": self.step,
            "presets": self.presets,
        }


def elimination_widget(
    A=((1e-20, 1.0), (1.0, 1.0)), pivoting: bool = False, step: int = 0
) -> EliminationWidget:
    """An interactive stepper through Gaussian elimination, with or without pivoting.

    Boxes set the entries of ``A`` (a menu sets the size, another picks a
    preset: the ε-pivot example, Wilkinson's growth matrix, …), a checkbox
    turns partial pivoting on and off, and a slider (or "◂ back" / "next ▸")
    picks the step. The picture shows ``L`` filling in beside the current
    matrix, the pivot and its candidates; the readout gives the multipliers,
    the growth factor and the backward error so far. The browser computes the
    steps (a port of :class:`EliminationStepper`, operation by operation), so
    the widget also runs on the static site and in the decks.

    Parameters
    ----------
    A : array_like, shape (n, n), optional
        The starting matrix, ``2 ≤ n ≤ 4`` (default: the ε-pivot example).
    pivoting : bool, optional
        Start with partial pivoting on or off (default off).
    step : int, optional
        The starting step.

    Returns
    -------
    EliminationWidget
        ``.a``, ``.pivoting`` and ``.step`` hold what is on screen,
        ``.stepper`` is its :class:`EliminationStepper`.

    Raises
    ------
    TypeError, ValueError
        As :class:`EliminationStepper`, or if ``step`` is out of range.

    Notes
    -----
    Bad input is answered in the status line, never by a changed picture: an
    entry that is not a number, empty, NaN, beyond the largest float or beyond
    ``±1e150``, or a zero matrix, marks its box ``aria-invalid`` and keeps the
    last valid matrix on screen; a zero pivot above nonzero entries without
    pivoting (or an overflow) ends the steps there with an error message.

    DOM contract (the browser tests rely on it), inside the anywidget's element:

    - container ``.course-elim-stepper``, ``data-paints`` counting pictures drawn;
    - ``select.course-elim-size`` ("size"), ``select.course-elim-preset``
      ("preset"), ``input[type=checkbox].course-elim-pivoting`` ("partial
      pivoting"), ``input[type=range].course-elim-step`` ("step"),
      ``button.course-elim-back``, ``button.course-elim-next``, and the
      entries ``input.course-elim-a<i><j>`` (from 1; accessible name
      ``a<i><j>``);
    - readout ``.course-elim-readout``: ``[data-field]`` with ``data-value``:
      ``step``, ``steps``, ``kind``, ``title``, ``description``, ``column``,
      ``pivot_row``, ``pivot`` (``"None"`` if none), ``multipliers`` and
      ``perm`` (JSON lists), ``growth``, ``residual``, ``w<i><j>`` and
      ``l<i><j>`` (from 0; ``"None"`` where ``L`` is unknown) — the values of
      :meth:`EliminationStepper.readout`, as JavaScript prints them (the
      ``w``/``l`` cells are in two captioned tables inside a ``<details>``,
      closed at first: the picture shows the same entries; only the words
      above them are ``aria-live``);
    - status ``.course-elim-status`` (``role=status``, ``aria-live=polite``,
      ``data-kind``): the text of :meth:`EliminationStepper.status`, or a
      message about bad input;
    - picture ``.course-elim-plot`` (an ``<svg>`` with an ``aria-label``),
      ``data-matrix`` (the JSON of ``A``), ``data-pivoting``, ``data-step``.

    Examples
    --------
    >>> w = elimination_widget()
    >>> w.pivoting = True
    >>> w.stepper.readout(len(w.stepper) - 1)["growth"]
    1.0
    """
    stepper = EliminationStepper(A, pivoting)
    step = as_rank(step, "step", low=0, high=len(stepper) - 1)
    widget = EliminationWidget(
        a=stepper.A.tolist(),
        pivoting=stepper.pivoting,
        presets=[[name, rows] for name, rows in ELIMINATION_PRESETS],
    )
    widget.step = step
    return widget
