"""Robustness spec of helpers.widgets.recommender (notebook 11's rank/λ explorer)."""

import importlib

import numpy as np
from hypothesis import strategies as st

from .harness import Bad, Spec, ensure
from .inputs import args, refuse_each

MODULE = "helpers.widgets.recommender"
rec = importlib.import_module(MODULE)


def _data(seed: int = 0, m: int = 8, n: int = 6):
    """A rank-2 ratings matrix; train holds every row and column, test a few others."""
    rng = np.random.default_rng(seed)
    R = np.clip(3 + rng.standard_normal((m, 2)) @ rng.standard_normal((2, n)), 0.5, 5.0)
    train = rng.random((m, n)) < 0.6
    train[np.arange(m), np.arange(m) % n] = True
    train[np.arange(n) % m, np.arange(n)] = True
    train[0, 4:], train[1, 4:] = False, True  # user 0 has two items to be recommended
    test = ~train & (rng.random((m, n)) < 0.5)
    titles = [f"item {j}" for j in range(n)]
    return R, train, test, titles


R0, TRAIN0, TEST0, TITLES0 = _data()
_small = dict(ranks=(1, 2), lams=(0.5, 2.0), n_top=2, n_iter=3)
GRID0 = rec.build_grid(R0, TRAIN0, TEST0, TITLES0, **_small)

_grids = st.tuples(
    st.integers(0, 50),
    st.sampled_from([(1,), (1, 2), (2, 3)]),
    st.sampled_from([(1.0,), (0.1, 5.0)]),
).map(lambda t: args(*_data(t[0]), ranks=t[1], lams=t[2], n_top=1, n_iter=3))


def _grid_ok(grid, call):
    ranks, lams = call.kwargs["ranks"], call.kwargs["lams"]
    ensure(grid.rmse_test.shape == (len(ranks), len(lams)))
    ensure(np.all(np.isfinite(grid.rmse_test)) and np.all(grid.rmse_train >= 0))
    for r in ranks:
        for lam in lams:
            out = grid.readout(r, lam)
            ensure(out["rank"] == r and len(out["top"]) == call.kwargs["n_top"])
            train_row = call.args[1][grid.user]
            ensure(all(not train_row[c] for c, *_ in out["top"]), "recommends a rated item")


def _grid(**changes):
    kw = {**_small, **changes}
    return args(R0, TRAIN0, TEST0, TITLES0, **kw)


def _explorer_ok(view, call):
    ensure(view.readout() == GRID0.readout(view.rank, view.lam))


SPECS = {
    "build_grid": Spec(
        func=rec.build_grid,
        bad=(
            Bad(args(R0, TRAIN0[:, :-1], TEST0, TITLES0, **_small), "train"),
            Bad(args(R0, TRAIN0, TEST0[:-1], TITLES0, **_small), "test"),
            Bad(args(R0, TRAIN0, TRAIN0, TITLES0, **_small), ("train", "test")),
            Bad(args(R0, TRAIN0, TEST0, TITLES0[:-1], **_small), "titles"),
            *refuse_each("ranks", [(), (2, 1), (0,), (1, 99), (1.5,)], lambda r: _grid(ranks=r)),
            *refuse_each(
                "lams", [(), (2.0, 1.0), (-1.0,), (float("nan"),)], lambda v: _grid(lams=v)
            ),
            *refuse_each("user", [-1, 8, 2.5, None], lambda u: _grid(user=u)),
            *refuse_each("n_top", [0, 99], lambda k: _grid(n_top=k)),
        ),
        good=_grids,
        check=_grid_ok,
        max_examples=5,
    ),
    "RecommenderGrid": Spec(
        func=lambda rank, lam: GRID0.readout(rank, lam),
        bad=refuse_each("rank", [3, 0, None], lambda r: args(r, 0.5))
        + refuse_each("lam", [1.0, -0.5], lambda v: args(1, v)),
        good=st.tuples(st.sampled_from([1, 2]), st.sampled_from([0.5, 2.0])).map(
            lambda t: args(*t)
        ),
        check=lambda out, call: ensure(
            out["rank"] == call.args[0] and np.isfinite(out["rmse_test"])
        ),
    ),
    "RecommenderExplorer": Spec(
        func=rec.RecommenderExplorer,
        bad=(
            Bad(args(None), "grid"),
            Bad(args({"ranks": [1]}), "grid"),
            *refuse_each("rank", [3, 0], lambda r: args(GRID0, r)),
            *refuse_each("lam", [1.0], lambda v: args(GRID0, None, v)),
        ),
        good=st.tuples(st.sampled_from([1, 2]), st.sampled_from([0.5, 2.0])).map(
            lambda t: args(GRID0, *t)
        ),
        check=_explorer_ok,
        max_examples=4,
    ),
    "recommender_explorer": Spec(
        func=rec.recommender_explorer,
        bad=(Bad(args("grid"), "grid"), *refuse_each("rank", [5], lambda r: args(GRID0, r))),
        good=st.just(args(GRID0)),
        check=_explorer_ok,
        max_examples=1,
    ),
}
