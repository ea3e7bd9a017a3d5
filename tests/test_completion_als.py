"""helpers.completion: ALS, the completion loss, the guards shared by every completion helper."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.completion import als, completion_loss


def low_rank(rng, m, n, r):
    return rng.standard_normal((m, r)) @ rng.standard_normal((r, n))


def observed(rng, shape, fraction):
    """A mask with about ``fraction`` observed and every row and column hit."""
    while True:
        mask = rng.random(shape) < fraction
        if mask.any(axis=0).all() and mask.any(axis=1).all():
            return mask


@pytest.mark.parametrize("shape, r", [((100, 80), 3), ((120, 60), 2), ((80, 80), 5)])
def test_recovers_a_noiseless_low_rank_matrix_from_30_percent(rng, shape, r):
    R = low_rank(rng, *shape, r)
    mask = observed(rng, shape, 0.3)
    fit = als(np.where(mask, R, np.nan), mask, rank=r, lam=1e-9, n_iter=300)
    missing = ~mask
    error = np.linalg.norm((fit.predict() - R)[missing]) / np.linalg.norm(R[missing])
    assert error <= 1e-3, error


def test_a_wrong_rank_does_not_recover(rng):
    """The recovery test can fail: with too small a rank the missing entries are wrong."""
    R = low_rank(rng, 100, 80, 3)
    mask = observed(rng, R.shape, 0.3)
    fit = als(R, mask, rank=2, lam=1e-9, n_iter=100)
    missing = ~mask
    assert np.linalg.norm((fit.predict() - R)[missing]) / np.linalg.norm(R[missing]) > 0.1


@settings(max_examples=30, deadline=None)
@given(
    m=st.integers(2, 15),
    n=st.integers(2, 15),
    data=st.data(),
    seed=st.integers(0, 2**32 - 1),
    init=st.sampled_from(["svd", "random"]),
)
def test_the_loss_never_rises(m, n, data, seed, init):
    gen = np.random.default_rng(seed)
    r = data.draw(st.integers(1, min(m, n)))
    lam = data.draw(st.sampled_from([0.0, 1e-6, 0.1, 3.0]))
    R = gen.standard_normal((m, n)) * 2 + 3
    mask = observed(gen, (m, n), 0.5)
    fit = als(R, mask, rank=r, lam=lam, n_iter=8, init=init, seed=seed)
    assert fit.loss.shape == (17,)
    assert np.all(np.diff(fit.loss) <= 1e-9 * fit.loss[:-1] + 1e-12), fit.loss
    assert np.isclose(fit.loss[-1], completion_loss(R, mask, fit.U, fit.V, lam))


def test_each_half_step_is_the_exact_minimizer(rng):
    """After the V step the gradient of the loss in V is zero, and in U after a U step."""
    R, lam = low_rank(rng, 20, 15, 2) + rng.standard_normal((20, 15)), 0.7
    mask = observed(rng, R.shape, 0.4)
    fit = als(R, mask, rank=3, lam=lam, n_iter=3, init="random", seed=1)
    E = np.where(mask, fit.U @ fit.V.T - R, 0.0)
    grad_V = 2 * E.T @ fit.U + 2 * lam * fit.V
    assert np.abs(grad_V).max() < 1e-9
    # one more U step from the returned factors: the gradient in U vanishes
    again = als(R, mask, rank=3, lam=lam, n_iter=1, init=(fit.U, fit.V))
    E = np.where(mask, again.U @ fit.V.T - R, 0.0)
    grad_U = 2 * E @ fit.V + 2 * lam * again.U
    assert np.abs(grad_U).max() < 1e-9
    # and a perturbed U is worse: it really is a minimum
    worse = completion_loss(
        R, mask, again.U + 1e-3 * rng.standard_normal(again.U.shape), fit.V, lam
    )
    assert worse > completion_loss(R, mask, again.U, fit.V, lam)


def test_zero_lambda_uses_the_shortest_solution_for_sparse_rows(rng):
    R = low_rank(rng, 10, 8, 3)
    mask = observed(rng, R.shape, 0.5)
    mask[0] = False
    mask[0, :2] = True  # row 0 has 2 < 3 observations: many exact fits
    fit = als(R, mask, rank=3, lam=0.0, n_iter=5)
    assert np.all(np.isfinite(fit.U)) and np.all(np.diff(fit.loss) <= 1e-9 * fit.loss[:-1] + 1e-12)


def test_seeded_and_copies(rng):
    R = low_rank(rng, 12, 9, 2)
    mask = observed(rng, R.shape, 0.6)
    R_in, mask_in = R.copy(), mask.copy()
    a = als(R_in, mask_in, rank=2, lam=0.1, n_iter=5, init="random", seed=7)
    b = als(R_in, mask_in, rank=2, lam=0.1, n_iter=5, init="random", seed=7)
    c = als(R_in, mask_in, rank=2, lam=0.1, n_iter=5, init="random", seed=8)
    assert np.array_equal(a.U, b.U) and not np.allclose(a.U, c.U)
    assert np.array_equal(R_in, R) and np.array_equal(mask_in, mask)  # inputs untouched
    R_in[:] = 0.0  # later changes to the caller's arrays do not reach the result
    assert np.array_equal(a.U, b.U)
    U0, V0 = a.U.copy(), a.V.copy()
    d = als(R, mask, rank=2, lam=0.1, n_iter=1, init=(U0, V0))
    assert d.U is not U0 and np.array_equal(U0, a.U)
    # unobserved entries are never read: NaN there changes nothing
    e = als(np.where(mask, R, np.nan), mask, rank=2, lam=0.1, n_iter=5, init="random", seed=7)
    assert np.array_equal(e.U, a.U)
    assert d.rank == 2 and d.n_iter == 1


def test_guards_name_the_argument(rng):
    R = low_rank(rng, 6, 5, 2)
    mask = np.ones(R.shape, dtype=bool)
    with pytest.raises(ValueError, match=r"mask must have the shape of the ratings matrix"):
        als(R, mask[:, :4], rank=2, lam=0.1)
    empty_row = mask.copy()
    empty_row[3] = False
    with pytest.raises(ValueError, match=r"no observed entry in row 3"):
        als(R, empty_row, rank=2, lam=0.1)
    empty_cols = mask.copy()
    empty_cols[:, [0, 2]] = False
    with pytest.raises(ValueError, match=r"no observed entry in columns 0, 2"):
        als(R, empty_cols, rank=2, lam=0.1)
    with pytest.raises(ValueError, match="nothing of R is observed"):
        als(R, np.zeros_like(mask), rank=2, lam=0.1)
    for bad in (0, 6, -1):
        with pytest.raises(ValueError, match=r"rank must be at least 1 and at most 5"):
            als(R, mask, rank=bad, lam=0.1)
    with pytest.raises(TypeError, match="rank must be an integer"):
        als(R, mask, rank=2.0, lam=0.1)
    with pytest.raises(ValueError, match=r"lam must be ≥ 0"):
        als(R, mask, rank=2, lam=-1.0)
    with pytest.raises(TypeError, match="seed must be a nonnegative int"):
        als(R, mask, rank=2, lam=0.1, seed="zero")
    with pytest.raises(ValueError, match="seed must be a nonnegative integer"):
        als(R, mask, rank=2, lam=0.1, seed=-3)
    with pytest.raises(TypeError, match="mask must be a boolean array"):
        als(R, mask * 0.5, rank=2, lam=0.1)
    with pytest.raises(TypeError, match="R must be an array of real numbers"):
        als([["a"] * 5] * 6, mask, rank=2, lam=0.1)
    nan_seen = R.copy()
    nan_seen[1, 1] = np.nan
    with pytest.raises(ValueError, match=r"R has 1 observed entries that are NaN.*\(1, 1\)"):
        als(nan_seen, mask, rank=2, lam=0.1)
    with pytest.raises(ValueError, match="init must be 'random', 'svd' or a pair"):
        als(R, mask, rank=2, lam=0.1, init="zeros")
    with pytest.raises(ValueError, match=r"init\[0\] \(U0\) must have 6 rows"):
        als(R, mask, rank=2, lam=0.1, init=(np.ones((5, 2)), np.ones((5, 2))))
    with pytest.raises(ValueError, match="init factors must have rank = 2 columns"):
        als(R, mask, rank=2, lam=0.1, init=(np.ones((6, 3)), np.ones((5, 3))))
    with pytest.raises(ValueError, match="n_iter must be at least 0"):
        als(R, mask, rank=2, lam=0.1, n_iter=-1)
    # the 0/1 integer mask is accepted and means the same as the boolean one
    a = als(R, mask.astype(int), rank=2, lam=0.1, n_iter=2)
    b = als(R, mask, rank=2, lam=0.1, n_iter=2)
    assert np.array_equal(a.U, b.U)


def test_tolerance_stops_early(rng):
    R = low_rank(rng, 30, 20, 2)
    mask = observed(rng, R.shape, 0.5)
    fit = als(R, mask, rank=2, lam=1.0, n_iter=500, tol=1e-8)
    assert fit.n_iter < 500
    last = fit.loss[-3:]
    assert last[0] - last[-1] < 1e-8 * last[0]


def test_completion_loss_by_hand():
    R = np.array([[1.0, np.nan], [2.0, 5.0]])
    mask = ~np.isnan(R)
    U, V = np.array([[1.0], [2.0]]), np.array([[1.0], [2.0]])
    # residuals on Ω: 0, 0, 5 − 4 = 1; penalty λ(1 + 4 + 1 + 4) = 10λ
    assert completion_loss(R, mask, U, V, lam=0.5) == pytest.approx(1.0 + 5.0)
    with pytest.raises(ValueError, match="U and V must have the same number of columns"):
        completion_loss(R, mask, U, np.ones((2, 2)), lam=0.0)
