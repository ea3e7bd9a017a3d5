"""helpers.decompositions.range_finder: the estimate bounds the error; the basis meets tol."""

import numpy as np
import pytest

from helpers.decompositions.range_finder import (
    ESTIMATE_FACTOR,
    adaptive_range_finder,
    posterior_error_estimate,
)
from helpers.matrices import with_singular_values


def _matrix():
    return with_singular_values(0.7 ** np.arange(60), 80, 60, seed=1)


def test_estimate_bounds_the_true_error_over_many_seeds():
    A = _matrix()
    Q = np.linalg.qr(A @ np.random.default_rng(0).standard_normal((60, 8)))[0]
    err = np.linalg.norm(A - Q @ (Q.T @ A), 2)
    for seed in range(20):
        est = posterior_error_estimate(A, Q, n_probes=5, seed=seed)
        assert err <= est <= ESTIMATE_FACTOR * np.linalg.norm(A - Q @ (Q.T @ A)) * 10


def test_estimate_is_zero_for_a_full_basis():
    A = _matrix()
    assert posterior_error_estimate(A, np.eye(80)) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("tol", [1e-2, 1e-6, 1e-10])
def test_adaptive_meets_the_tolerance(tol):
    A = _matrix()
    Q = adaptive_range_finder(A, tol, block=5, seed=3)
    assert np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-10)
    assert np.linalg.norm(A - Q @ (Q.T @ A), 2) <= tol
    k_needed = int(np.sum(0.7 ** np.arange(60) > tol))
    # the estimate overshoots by a factor of up to about 8·√n: log(8·√60)/log(1/0.7) ≈ 17 extra
    assert k_needed <= Q.shape[1] <= k_needed + 5 + 17


def test_max_rank_stops_growth():
    Q = adaptive_range_finder(_matrix(), 1e-30, block=7, max_rank=20, seed=0)
    assert Q.shape[1] == 20


def test_caller_arrays_untouched():
    A = _matrix()
    Q = np.linalg.qr(A[:, :5])[0]
    A0, Q0 = A.copy(), Q.copy()
    posterior_error_estimate(A, Q)
    adaptive_range_finder(A, 1e-3)
    assert np.array_equal(A, A0) and np.array_equal(Q, Q0)


def test_guards():
    A = _matrix()
    with pytest.raises(ValueError):
        posterior_error_estimate(A, np.ones((80, 2)))  # not orthonormal
    with pytest.raises(ValueError):
        posterior_error_estimate(A, np.eye(60)[:, :2])  # wrong row count
    with pytest.raises(ValueError):
        adaptive_range_finder(A, 0.0)
    with pytest.raises((ValueError, TypeError)):
        adaptive_range_finder(A, 1e-3, block=0)
    with pytest.raises((ValueError, TypeError)):
        adaptive_range_finder(A, "small")
