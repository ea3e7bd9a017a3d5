"""The recommender explorer's model and widget, without a browser."""

from __future__ import annotations

import json

import numpy as np
import pytest

from helpers.completion import als, fit_biases, holdout_split, rmse
from helpers.widgets.recommender import (
    RecommenderExplorer,
    RecommenderGrid,
    build_grid,
    recommender_explorer,
)


@pytest.fixture(scope="module")
def small():
    gen = np.random.default_rng(4)
    m, n = 40, 25
    R = np.clip(
        np.round(2 * (3 + gen.standard_normal((m, 2)) @ gen.standard_normal((2, n)) / 2)) / 2,
        0.5,
        5,
    )
    mask = gen.random((m, n)) < 0.5
    mask[:, 0] = True
    R = np.where(mask, R, np.nan)
    train, test = holdout_split(mask, 0.25, seed=1)
    titles = [f"movie {j}" for j in range(n)]
    grid = build_grid(R, train, test, titles, ranks=(1, 2, 4), lams=(0.5, 5.0), user=3, n_iter=5)
    return R, train, test, titles, grid


def test_every_grid_point_is_what_the_helpers_compute(small):
    R, train, test, _, grid = small
    biases = fit_biases(R, train, lam=5.0)
    base = biases.predict()
    residual = np.where(train, R - base, np.nan)
    for i, r in enumerate(grid.ranks):
        init = "svd"
        for j in reversed(range(len(grid.lams))):
            fit = als(residual, train, rank=r, lam=grid.lams[j], n_iter=5, init=init)
            init = (fit.U, fit.V)
            raw = base + fit.predict()
            P = np.clip(raw, 0.5, 5.0)
            assert grid.rmse_test[i, j] == pytest.approx(rmse(R, test, P), rel=1e-12)
            assert grid.rmse_train[i, j] == pytest.approx(rmse(R, train, P), rel=1e-12)
            row = np.where(train[3], -np.inf, raw[3])
            order = np.argsort(-row, kind="stable")[: grid.top.shape[2]]
            assert grid.top[i, j].tolist() == order.tolist()
            assert np.allclose(grid.scores[i, j], P[3, order])
            assert not train[3, grid.top[i, j]].any()  # never a movie the user rated in training
    assert grid.baselines["global mean"] == pytest.approx(
        rmse(R, test, np.full(R.shape, biases.mu))
    )
    assert grid.held_out == {int(c): float(R[3, c]) for c in np.flatnonzero(test[3])}


def test_readout_and_state_agree(small):
    *_, grid = small
    out = grid.readout(2, 5.0)
    i, j = grid.index(2, 5.0)
    assert out["rmse_test"] == grid.rmse_test[i, j]
    assert [t[0] for t in out["top"]] == grid.top[i, j].tolist()
    state = json.loads(json.dumps(grid.state()))  # JSON-ready
    assert state["rmse_test"][i][j] == out["rmse_test"]
    assert set(state["titles"]) == {str(c) for c in np.unique(grid.top)}
    assert len(json.dumps(state)) < 20_000  # small: it travels with the notebook


def test_widget_moves_and_refuses_points_off_the_grid(small):
    *_, grid = small
    w = recommender_explorer(grid)
    assert (w.rank, w.lam) == (2, 5.0)  # the middle rank, the middle-upper λ
    w.show(4, 0.5)
    assert (w.rank_index, w.lam_index) == (2, 0) and w.readout()["rank"] == 4
    with pytest.raises(
        ValueError, match=r"rank must be one of the grid's ranks \(1, 2, 4\), got 3"
    ):
        w.show(3, 0.5)
    with pytest.raises(ValueError, match=r"lam must be one of the grid's values"):
        w.show(4, 0.7)
    with pytest.raises(ValueError, match="rank_index must be between 0 and 2, got 5"):
        w.rank_index = 5
    assert w.rank_index == 2  # a refused value changes nothing
    with pytest.raises(TypeError, match="grid must be a RecommenderGrid"):
        RecommenderExplorer({"ranks": [1]})
    with pytest.raises(ValueError, match="rank must be one of"):
        recommender_explorer(grid, rank=7)


def test_one_message_per_move(small):
    *_, grid = small
    w = recommender_explorer(grid)
    sent = []
    w._send = lambda msg, buffers=None: sent.append(msg)
    w.show(1, 0.5)
    assert len(sent) == 1 and {"rank_index", "lam_index"} <= set(sent[0]["state"])


def test_build_grid_guards(small):
    R, train, test, titles, _ = small
    with pytest.raises(ValueError, match="train and test must not share an entry"):
        build_grid(R, train, train, titles)
    with pytest.raises(ValueError, match="ranks must be non-empty and strictly increasing"):
        build_grid(R, train, test, titles, ranks=(2, 1))
    with pytest.raises(ValueError, match="lams must be > 0"):
        build_grid(R, train, test, titles, lams=(0.0, 1.0))
    with pytest.raises(ValueError, match="titles must have one entry per column"):
        build_grid(R, train, test, titles[:-1])
    with pytest.raises(ValueError, match="user must be at least 0 and at most 39"):
        build_grid(R, train, test, titles, user=40)
    with pytest.raises(ValueError, match="test must have the shape"):
        build_grid(R, train, test[:, :3], titles)


def test_the_view_module_is_beside_the_widget_and_needs_no_network():
    from pathlib import Path

    import helpers.widgets.recommender as module

    js = Path(module.__file__).with_name("recommender.js").read_text(encoding="utf-8")
    assert RecommenderExplorer._esm == js
    assert "export default" in js and "http" not in js.replace("http://www.w3.org/2000/svg", "")
    for selector in (
        "course-recommender",
        "course-rec-rank",
        "course-rec-lambda",
        "course-rec-readout",
        "course-rec-top",
        "course-rec-chart",
        "course-rec-current",
        "course-rec-message",
    ):
        assert selector in js and selector in module.__doc__
    assert isinstance(module.RecommenderGrid, type) and RecommenderGrid is module.RecommenderGrid
