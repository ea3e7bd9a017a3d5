"""helpers.completion: Funk-style SGD (checked against scikit-surprise), SVT, soft-impute."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.completion import als, funk_sgd, nuclear_norm, soft_impute, svt
from helpers.completion.sgd import _sequential_epoch


def observed(rng, shape, fraction):
    while True:
        mask = rng.random(shape) < fraction
        if mask.any(axis=0).all() and mask.any(axis=1).all():
            return mask


def test_one_rating_at_a_time_is_surprises_svd(rng):
    """Same start, same order: our sequential step and surprise.SVD agree to rounding."""
    pd = pytest.importorskip("pandas")
    surprise = pytest.importorskip("surprise")
    m, n, k, epochs = 12, 9, 3, 4
    mask = observed(rng, (m, n), 0.6)
    R = np.clip(np.round(3 + 2 * rng.standard_normal((m, n))), 1, 5)
    rows, cols = np.nonzero(mask)
    df = pd.DataFrame({"u": rows, "i": cols, "r": R[rows, cols]})
    reader = surprise.Reader(rating_scale=(1, 5))
    trainset = surprise.Dataset.load_from_df(df, reader).build_full_trainset()
    algo = surprise.SVD(n_factors=k, n_epochs=epochs, random_state=0).fit(trainset)
    start = np.random.RandomState(0)  # surprise's generator for random_state=0
    P = start.normal(0, 0.1, (trainset.n_users, k))
    Q = start.normal(0, 0.1, (trainset.n_items, k))
    b, c = np.zeros(trainset.n_users), np.zeros(trainset.n_items)
    u, i, r = (np.array(x) for x in zip(*trainset.all_ratings(), strict=True))
    for _ in range(epochs):
        _sequential_epoch(
            u, i, r.astype(float), trainset.global_mean, b, c, P, Q, 0.005, 0.02, True
        )
    # equal up to the order in which a length-k dot product is summed
    assert np.allclose(P, algo.pu, rtol=0, atol=1e-14) and np.allclose(
        Q, algo.qi, rtol=0, atol=1e-14
    )
    assert np.allclose(b, algo.bu, rtol=0, atol=1e-14) and np.allclose(
        c, algo.bi, rtol=0, atol=1e-14
    )
    # and its "SVD" factors are not singular vectors: the columns are not orthogonal
    G = algo.pu.T @ algo.pu
    assert np.abs(G - np.diag(np.diag(G))).max() > 1e-3


def reference_epoch(rows, cols, values, mu, b, c, P, Q, lr, lam):
    """The textbook loop, scalar by scalar."""
    for i, j, x in zip(rows, cols, values, strict=True):
        e = x - (mu + b[i] + c[j] + sum(P[i, f] * Q[j, f] for f in range(P.shape[1])))
        b[i] += lr * (e - lam * b[i])
        c[j] += lr * (e - lam * c[j])
        for f in range(P.shape[1]):
            p, q = P[i, f], Q[j, f]
            P[i, f] += lr * (e * q - lam * p)
            Q[j, f] += lr * (e * p - lam * q)


def test_batch_size_one_is_the_scalar_loop(rng):
    m, n, k = 7, 6, 2
    mask = observed(rng, (m, n), 0.7)
    R = 3 + rng.standard_normal((m, n))
    fit = funk_sgd(R, mask, rank=k, n_epochs=3, lr=0.05, lam=0.1, seed=5)
    gen = np.random.default_rng(5)
    P, Q = gen.normal(0, 0.1, (m, k)), gen.normal(0, 0.1, (n, k))
    b, c = np.zeros(m), np.zeros(n)
    rows, cols = np.nonzero(mask)
    mu = R[mask].mean()
    for _ in range(3):
        order = gen.permutation(rows.size)
        reference_epoch(rows[order], cols[order], R[rows, cols][order], mu, b, c, P, Q, 0.05, 0.1)
    assert np.allclose(fit.P, P, atol=1e-13) and np.allclose(fit.Q, Q, atol=1e-13)
    assert np.allclose(fit.b_user, b, atol=1e-13) and np.allclose(fit.b_item, c, atol=1e-13)


def test_minibatches_learn_and_are_seeded(rng):
    R = 3 + rng.standard_normal((40, 3)) @ rng.standard_normal((3, 30)) / 2
    mask = observed(rng, R.shape, 0.5)
    fit = funk_sgd(R, mask, rank=3, lr=0.02, n_epochs=40, batch_size=16, seed=1)
    assert fit.train_rmse[-1] < 0.5 * fit.train_rmse[0]
    again = funk_sgd(R, mask, rank=3, lr=0.02, n_epochs=40, batch_size=16, seed=1)
    assert np.array_equal(fit.P, again.P)
    plain = funk_sgd(R, mask, rank=3, lr=0.02, n_epochs=5, biases=False, batch_size=8)
    assert plain.mu == 0.0 and not plain.b_user.any() and not plain.b_item.any()
    assert np.allclose(plain.predict(), plain.P @ plain.Q.T)


def test_sgd_guards(rng):
    R = rng.standard_normal((5, 4))
    mask = np.ones(R.shape, dtype=bool)
    with pytest.raises(ValueError, match="lr must be > 0"):
        funk_sgd(R, mask, rank=2, lr=0.0)
    with pytest.raises(ValueError, match="rank must be at least 1 and at most 4"):
        funk_sgd(R, mask, rank=5)
    with pytest.raises(TypeError, match="biases must be True or False"):
        funk_sgd(R, mask, rank=2, biases="yes")
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        funk_sgd(R, mask, rank=2, batch_size=0)
    with pytest.raises(ValueError, match="no observed entry in row 0"):
        funk_sgd(R, ~np.eye(5, 4, dtype=bool) & (np.arange(5)[:, None] != 0), rank=2)
    with pytest.raises(TypeError, match="seed must be"):
        funk_sgd(R, mask, rank=2, seed=None)


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 8), n=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_svt_is_the_proximal_map_of_the_nuclear_norm(m, n, seed):
    """S_τ(X) minimizes ½‖X − Z‖² + τ‖Z‖_*: no nearby or random Z does better."""
    gen = np.random.default_rng(seed)
    X = gen.standard_normal((m, n)) * 3
    tau = float(gen.uniform(0, 3))
    Z = svt(X, tau)

    def h(Y):
        return 0.5 * np.sum((X - Y) ** 2) + tau * nuclear_norm(Y)

    best = h(Z)
    for scale in (1e-3, 1e-1, 1.0):
        for _ in range(5):
            assert best <= h(Z + scale * gen.standard_normal((m, n))) + 1e-12
    s = np.linalg.svd(X, compute_uv=False)
    assert np.isclose(nuclear_norm(Z), np.maximum(s - tau, 0).sum())


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(1, 8), n=st.integers(1, 8), k=st.integers(1, 10), seed=st.integers(0, 2**32 - 1)
)
def test_nuclear_norm_is_the_smallest_balanced_factor_cost(m, n, k, seed):
    """‖X‖_* ≤ ½(‖U‖² + ‖V‖²) for every X = UVᵀ, with equality for U = AΣ^½, V = BΣ^½."""
    gen = np.random.default_rng(seed)
    U, V = gen.standard_normal((m, k)), gen.standard_normal((n, k))
    X = U @ V.T
    assert nuclear_norm(X) <= 0.5 * (np.sum(U**2) + np.sum(V**2)) + 1e-10
    A, s, Bt = np.linalg.svd(X, full_matrices=False)
    U0, V0 = A * np.sqrt(s), Bt.T * np.sqrt(s)
    assert np.allclose(U0 @ V0.T, X)
    assert np.isclose(0.5 * (np.sum(U0**2) + np.sum(V0**2)), nuclear_norm(X))


def test_soft_impute_decreases_and_meets_als(rng):
    """At the minimum, the ALS objective with λ is twice soft-impute's (same λ, enough rank)."""
    R = rng.standard_normal((40, 3)) @ rng.standard_normal((3, 30)) + 0.3 * rng.standard_normal(
        (40, 30)
    )
    mask = observed(rng, R.shape, 0.5)
    fit = soft_impute(R, mask, lam=2.0, max_iter=3000, tol=1e-14)
    assert fit.converged
    assert np.all(np.diff(fit.objective) <= 1e-12 * fit.objective[:-1])
    assert np.linalg.matrix_rank(fit.Z) == fit.rank
    for k in (fit.rank, fit.rank + 2):
        f = als(R, mask, rank=k, lam=2.0, n_iter=2000, tol=1e-15)
        assert f.loss[-1] == pytest.approx(2 * fit.objective[-1], rel=1e-8)
        assert np.allclose(f.predict(), fit.Z, atol=1e-3)
    # a rank too small cannot reach it
    small = als(R, mask, rank=fit.rank - 2, lam=2.0, n_iter=300)
    assert small.loss[-1] > 2 * fit.objective[-1] * (1 + 1e-4)


def test_soft_impute_recovers_a_low_rank_matrix_with_small_lambda(rng):
    """Close to R, up to the shrinkage λ puts on every singular value."""
    R = rng.standard_normal((60, 2)) @ rng.standard_normal((2, 40))
    mask = observed(rng, R.shape, 0.5)
    fit = soft_impute(R, mask, lam=0.3, max_iter=500, tol=1e-12)
    assert fit.rank == 2
    assert np.linalg.norm(fit.Z - R) / np.linalg.norm(R) < 0.05
    # huge λ: everything is shrunk to zero
    assert soft_impute(R, mask, lam=1e6, max_iter=5).rank == 0


def test_soft_impute_guards_and_copies(rng):
    R = rng.standard_normal((6, 5))
    mask = np.ones(R.shape, dtype=bool)
    with pytest.raises(ValueError, match="Z0 must have the shape of R"):
        soft_impute(R, mask, 1.0, Z0=np.zeros((5, 5)))
    with pytest.raises(ValueError, match="tau must be ≥ 0"):
        svt(R, -1.0)
    with pytest.raises(ValueError, match="mask must have the shape"):
        soft_impute(R, mask.T, 1.0)
    Z0 = np.ones_like(R)
    fit = soft_impute(R, mask, 0.1, Z0=Z0, max_iter=3)
    assert np.array_equal(Z0, np.ones_like(R)) and fit.Z is not Z0
