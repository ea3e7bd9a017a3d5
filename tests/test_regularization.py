"""Tests of helpers.regularization: Tikhonov by SVD = by stacked QR = by normal equations."""

import numpy as np
import pytest

from helpers.regularization import (
    tikhonov_filter_factors,
    tikhonov_solve,
    tikhonov_solve_qr,
    truncated_svd_solve,
)

rng = np.random.default_rng(0)


@pytest.mark.parametrize("shape", [(9, 4), (4, 9), (6, 6)])
@pytest.mark.parametrize("lam", [1e-6, 0.1, 10.0])
def test_three_ways_to_tikhonov_agree(shape, lam):
    A, b = rng.standard_normal(shape), rng.standard_normal(shape[0])
    x = tikhonov_solve(A, b, lam)
    normal = np.linalg.solve(A.T @ A + lam * np.eye(shape[1]), A.T @ b)
    assert np.allclose(x, normal, rtol=1e-6, atol=1e-9)  # AᵀA + λI has κ up to ~1/λ
    assert np.allclose(tikhonov_solve_qr(A, b, lam), x, rtol=1e-8, atol=1e-10)


def test_tikhonov_is_a_minimizer():
    A, b, lam = rng.standard_normal((8, 3)), rng.standard_normal(8), 0.3
    x = tikhonov_solve(A, b, lam)
    f = lambda z: np.sum((A @ z - b) ** 2) + lam * z @ z  # noqa: E731
    for _ in range(20):
        assert f(x) <= f(x + 1e-3 * rng.standard_normal(3))


def test_filter_factors_and_their_limits():
    s = np.array([2.0, 1.0, 1e-3])
    f = tikhonov_filter_factors(s, 1e-2)
    assert np.allclose(f, s / (s**2 + 1e-2))
    assert np.allclose(tikhonov_filter_factors(s, 1e-14), 1 / s, rtol=1e-6)  # λ → 0: 1/σ
    assert f.max() <= 1 / (2 * np.sqrt(1e-2)) + 1e-12  # σ/(σ²+λ) ≤ 1/(2√λ)


def test_truncated_svd_full_rank_is_least_squares_and_rank_one_is_one_term():
    A, b = rng.standard_normal((10, 4)), rng.standard_normal(10)
    assert np.allclose(truncated_svd_solve(A, b, 4), np.linalg.lstsq(A, b, rcond=None)[0])
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    assert np.allclose(truncated_svd_solve(A, b, 1), (U[:, 0] @ b / s[0]) * Vt[0])


def test_inputs_are_not_modified():
    A, b = rng.standard_normal((5, 3)), rng.standard_normal(5)
    A0, b0 = A.copy(), b.copy()
    tikhonov_solve(A, b, 1.0), tikhonov_solve_qr(A, b, 1.0), truncated_svd_solve(A, b, 2)
    assert np.array_equal(A, A0) and np.array_equal(b, b0)


@pytest.mark.parametrize("lam", [0.0, -1.0, np.nan, "1"])
def test_bad_lambda_is_refused(lam):
    with pytest.raises((ValueError, TypeError), match="lam"):
        tikhonov_solve(np.eye(2), np.ones(2), lam)


def test_bad_shapes_and_ranks_are_refused():
    with pytest.raises(ValueError, match="b"):
        tikhonov_solve(np.eye(3), np.ones(2), 1.0)
    with pytest.raises(ValueError, match="k"):
        truncated_svd_solve(np.eye(3), np.ones(3), 4)
    with pytest.raises(ValueError, match="zero singular value"):
        truncated_svd_solve(np.diag([1.0, 0.0]), np.ones(2), 2)
    with pytest.raises(ValueError, match="s"):
        tikhonov_filter_factors([-1.0], 1.0)
