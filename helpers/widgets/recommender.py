"""The recommender explorer of notebook 11: rank and λ against held-out RMSE and top picks.

The model, :class:`RecommenderGrid`, fits the user/item biases once and then
ALS on what they leave (:func:`helpers.completion.als`) for every rank and λ
of a small grid, at creation. For each grid point it keeps the training and
held-out RMSE and one user's top recommendations. The view is an anywidget ES
module (``recommender.js`` beside this file) that draws the chart and the list
with SVG and DOM from that table: a move is a lookup in the browser, instant,
and still works when no kernel is running (the static site, the decks).

DOM contract (what ``check_recommender`` in ``tests/browser/widget_checks.py`` relies on)
-------------------------------------------------------------------------------------------
- ``.course-recommender``: the widget's root; ``data-state`` is ``"ok"`` or
  ``"error"``, ``data-update-ms`` how long the last redraw took (ms).
- ``input.course-rec-rank`` and ``input.course-rec-lambda``: range inputs whose
  value is the *index* into the grid's ranks and λ values (step 1; the arrow
  keys, Home and End move them), each with a ``<label for=…>``, an
  ``aria-label`` equal to its visible text (``"Rank"``, ``"λ (regularization)"``)
  and an ``aria-valuetext`` with the value shown; ``output.course-rec-rank-value``
  and ``output.course-rec-lambda-value`` show the values.
- ``input.course-rec-rank-text`` and ``input.course-rec-lambda-text``: text boxes
  for typing a value; Enter (or leaving the box) applies it. A value equal to
  one of the grid's (λ to a relative 1e-12) moves there, and the box then shows
  it in the grid's spelling. Anything else (empty, not a number, not on the
  grid) sets ``aria-invalid="true"`` on the box, puts the reason in
  ``.course-rec-message`` and ``data-state="error"`` on the root, and changes
  nothing else: the sliders, the readout, the list and the chart all keep the
  last valid grid point, so what is drawn always agrees with the settings shown.
  The next valid move clears the message and the state.
- ``.course-rec-readout`` (``aria-live="polite"``) holds spans
  ``[data-field=rank|lambda|rmse_test|rmse_train]`` whose ``data-value`` is the
  exact number (JavaScript's shortest round-trip form of the Python float);
  the text shows 3 decimals.
- ``ol.course-rec-top > li``: the recommendations, best first; ``data-item`` is
  the column index of the movie, ``data-score`` its predicted rating (clipped);
  the text starts with the movie's title. These are
  :meth:`RecommenderGrid.readout`'s ``top`` for the rank and λ shown.
- ``svg.course-rec-chart``: one ``polyline.course-rec-line`` per λ and a
  ``circle.course-rec-current`` with ``data-rank`` and ``data-lambda``.
- ``.course-rec-message`` (``role="status"``): empty, or what was wrong (a typed
  value off the grid, or an index outside the grid sent from the kernel).
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

import anywidget
import numpy as np
import traitlets

from ..completion import als, fit_biases, rmse
from ..completion._checks import as_mask, as_observed
from ..validation import as_rank, as_real

__all__ = ["RecommenderExplorer", "RecommenderGrid", "build_grid", "recommender_explorer"]

_ESM = pathlib.Path(__file__).with_name("recommender.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class RecommenderGrid:
    """Held-out RMSE and one user's recommendations for every (rank, λ) of a grid.

    Attributes
    ----------
    ranks : tuple of int
    lams : tuple of float
    rmse_train, rmse_test : numpy.ndarray, shape (len(ranks), len(lams))
        RMSE of the clipped predictions on the training and held-out ratings.
    baselines : dict
        Held-out RMSE of the global mean and of the user/item biases.
    user : int
        The row whose recommendations are kept.
    user_id : int
        Its id in the data set.
    top : numpy.ndarray of int, shape (len(ranks), len(lams), n_top)
        Column indices of the user's best-predicted movies among those not in
        their training ratings, best first (ranked by the unclipped prediction,
        so that movies clipped to the top of the scale keep their order).
    scores : numpy.ndarray, shape (len(ranks), len(lams), n_top)
        Their predicted ratings, clipped to the rating scale.
    titles : tuple of str
        Every column's title.
    held_out : dict
        ``{column: rating}`` for the user's held-out ratings.
    """

    ranks: tuple
    lams: tuple
    rmse_train: np.ndarray
    rmse_test: np.ndarray
    baselines: dict
    user: int
    user_id: int
    top: np.ndarray
    scores: np.ndarray
    titles: tuple
    held_out: dict

    def index(self, rank: int, lam: float) -> tuple[int, int]:
        """The grid indices of ``(rank, lam)``.

        Raises
        ------
        ValueError
            If ``rank`` or ``lam`` is not a grid value (the message lists them).
        """
        if rank not in self.ranks:
            raise ValueError(f"rank must be one of the grid's ranks {self.ranks}, got {rank!r}")
        matches = [j for j, value in enumerate(self.lams) if np.isclose(value, lam, rtol=1e-12)]
        if not matches:
            raise ValueError(f"lam must be one of the grid's values {self.lams}, got {lam!r}")
        return self.ranks.index(rank), matches[0]

    def readout(self, rank: int, lam: float) -> dict:
        """What the widget shows for ``(rank, lam)``: the RMSEs and the top list.

        Returns
        -------
        dict
            ``rank``, ``lambda``, ``rmse_test``, ``rmse_train`` and ``top``, a
            list of ``(column, title, predicted rating, held-out rating or None)``.
        """
        i, j = self.index(rank, lam)
        top = [
            (int(c), self.titles[c], float(s), self.held_out.get(int(c)))
            for c, s in zip(self.top[i, j], self.scores[i, j], strict=True)
        ]
        return {
            "rank": self.ranks[i],
            "lambda": self.lams[j],
            "rmse_test": float(self.rmse_test[i, j]),
            "rmse_train": float(self.rmse_train[i, j]),
            "top": top,
        }

    def state(self) -> dict:
        """The grid as JSON-ready data for the view (only the titles it lists)."""
        shown = sorted({int(c) for c in self.top.ravel()})
        return {
            "ranks": list(self.ranks),
            "lams": list(self.lams),
            "rmse_test": self.rmse_test.tolist(),
            "rmse_train": self.rmse_train.tolist(),
            "baselines": dict(self.baselines),
            "user_id": self.user_id,
            "top": self.top.tolist(),
            "scores": self.scores.tolist(),
            "titles": {str(c): self.titles[c] for c in shown},
            "held_out": {str(c): r for c, r in self.held_out.items() if c in shown},
        }


def build_grid(
    R,
    train,
    test,
    titles,
    *,
    ranks=(1, 2, 5, 10, 20),
    lams=(0.1, 1.0, 5.0, 20.0),
    user: int = 0,
    user_id: int | None = None,
    n_top: int = 5,
    n_iter: int = 15,
    bias_lam: float = 5.0,
    clip=(0.5, 5.0),
) -> RecommenderGrid:
    """Fit biases plus ALS for every (rank, λ) and keep what the explorer shows.

    For each rank the λ values are fitted from the largest down, each warm
    started from the previous factors, so a grid of a few ranks and λ takes
    about a second.

    Parameters
    ----------
    R : array_like, shape (m, n)
        Ratings (NaN or anything off ``train | test``).
    train, test : array_like of bool, shape (m, n)
        Disjoint masks; every row and column needs a training entry.
    titles : sequence of str
        One per column.
    ranks : sequence of int, optional
        Increasing ranks, each in ``[1, min(m, n)]``.
    lams : sequence of float, optional
        Increasing λ > 0.
    user : int, optional
        The row whose recommendations are kept.
    user_id : int, optional
        Its name in the data (default: ``user``).
    n_top : int, optional
        How many recommendations.
    n_iter : int, optional
        ALS iterations per grid point.
    bias_lam : float, optional
        λ of the bias baseline.
    clip : tuple of float, optional
        Predictions are clipped to this rating range before scoring.

    Returns
    -------
    RecommenderGrid

    Raises
    ------
    TypeError, ValueError
        If the masks overlap or do not fit ``R``, a grid is empty, unsorted or
        out of range, or ``user`` is not a row.
    """
    R0, train = as_observed(R, train, mask_name="train")
    m, n = R0.shape
    test = as_mask(test, R0.shape, "test")
    if np.any(train & test):
        raise ValueError("train and test must not share an entry")
    R_test, _ = as_observed(np.where(test, R, 0.0), test, mask_name="test", every_line=False)
    R_all = R0 + R_test
    ranks = tuple(as_rank(r, "ranks", high=min(m, n)) for r in ranks)
    lams = tuple(as_real(v, "lams", low=0.0, low_inclusive=False) for v in lams)
    for name, values in (("ranks", ranks), ("lams", lams)):
        if not values or list(values) != sorted(set(values)):
            raise ValueError(f"{name} must be non-empty and strictly increasing, got {values}")
    user = as_rank(user, "user", low=0, high=m - 1)
    user_id = user if user_id is None else int(user_id)
    titles = tuple(str(t) for t in titles)
    if len(titles) != n:
        raise ValueError(f"titles must have one entry per column ({n}), got {len(titles)}")
    n_top = as_rank(n_top, "n_top", high=n - int(train[user].sum()))
    lo, hi = (as_real(c, "clip") for c in clip)

    biases = fit_biases(R0, train, lam=bias_lam)
    base = biases.predict()
    residual = np.where(train, R0 - base, 0.0)
    baselines = {
        "global mean": rmse(R_all, test, np.full((m, n), biases.mu)),
        "user + item biases": rmse(R_all, test, np.clip(base, lo, hi)),
    }
    shape = (len(ranks), len(lams))
    rmse_train, rmse_test = np.zeros(shape), np.zeros(shape)
    top = np.zeros((*shape, n_top), dtype=int)
    scores = np.zeros((*shape, n_top))
    candidates = np.flatnonzero(~train[user])
    for i, r in enumerate(ranks):
        init = "svd"
        for j in reversed(range(len(lams))):
            fit = als(residual, train, rank=r, lam=lams[j], n_iter=n_iter, init=init)
            init = (fit.U, fit.V)
            raw = base + fit.predict()
            P = np.clip(raw, lo, hi)
            rmse_train[i, j] = rmse(R_all, train, P)
            rmse_test[i, j] = rmse(R_all, test, P)
            best = np.argsort(-raw[user, candidates], kind="stable")[:n_top]
            top[i, j] = candidates[best]
            scores[i, j] = P[user, candidates[best]]
    held_out = {int(c): float(R_all[user, c]) for c in np.flatnonzero(test[user])}
    return RecommenderGrid(
        ranks=ranks,
        lams=lams,
        rmse_train=rmse_train,
        rmse_test=rmse_test,
        baselines=baselines,
        user=user,
        user_id=user_id,
        top=top,
        scores=scores,
        titles=titles,
        held_out=held_out,
    )


class RecommenderExplorer(anywidget.AnyWidget):
    """The view: a grid's table in the browser, and the two indices it shows.

    Parameters
    ----------
    grid : RecommenderGrid
    rank, lam : optional
        The starting point (grid values); the middle of the grid by default.

    Raises
    ------
    ValueError
        If ``rank`` or ``lam`` is not a grid value, or (later) an index is set
        outside the grid.
    """

    _esm = _ESM
    grid = traitlets.Dict().tag(sync=True)
    rank_index = traitlets.Int(0).tag(sync=True)
    lam_index = traitlets.Int(0).tag(sync=True)

    def __init__(self, grid: RecommenderGrid, rank: int | None = None, lam: float | None = None):
        if not isinstance(grid, RecommenderGrid):
            raise TypeError(f"grid must be a RecommenderGrid, got {type(grid).__name__}")
        self.model = grid
        rank = grid.ranks[len(grid.ranks) // 2] if rank is None else rank
        lam = grid.lams[len(grid.lams) // 2] if lam is None else lam
        i, j = grid.index(rank, lam)
        super().__init__(grid=grid.state(), rank_index=i, lam_index=j)

    @traitlets.validate("rank_index", "lam_index")
    def _inside_the_grid(self, proposal):
        value = proposal["value"]
        name = proposal["trait"].name
        size = len(self.grid["ranks" if name == "rank_index" else "lams"]) if self.grid else None
        if size is not None and not 0 <= value < size:
            raise ValueError(f"{name} must be between 0 and {size - 1}, got {value}")
        return value

    @property
    def rank(self) -> int:
        """The rank shown."""
        return self.model.ranks[self.rank_index]

    @property
    def lam(self) -> float:
        """The λ shown."""
        return self.model.lams[self.lam_index]

    def show(self, rank: int, lam: float) -> None:
        """Move both controls to ``(rank, lam)`` (grid values; ValueError otherwise)."""
        i, j = self.model.index(rank, lam)
        with self.hold_sync():
            self.rank_index, self.lam_index = i, j

    def readout(self) -> dict:
        """What the view shows now (see :meth:`RecommenderGrid.readout`)."""
        return self.model.readout(self.rank, self.lam)


def recommender_explorer(grid: RecommenderGrid, rank=None, lam=None) -> RecommenderExplorer:
    """The explorer widget for a precomputed grid (see :func:`build_grid`).

    Parameters
    ----------
    grid : RecommenderGrid
    rank, lam : optional
        Where to start (grid values).

    Returns
    -------
    RecommenderExplorer
    """
    return RecommenderExplorer(grid, rank=rank, lam=lam)
