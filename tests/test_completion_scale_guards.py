"""The fixes the robustness spec of helpers.completion led to: scale, divergence, names."""

import numpy as np
import pytest

from helpers.completion import als, funk_sgd, nmf, nmf_error, rmse
from helpers.completion._checks import LARGEST


@pytest.fixture
def rng():
    return np.random.default_rng(20)


def test_rmse_is_exact_at_any_scale():
    R = np.array([[1.0, 2.0], [3.0, np.nan]])
    mask = ~np.isnan(R)
    P = np.array([[1.0, 2.0], [5.0, 0.0]])
    base = rmse(R, mask, P)
    for c in (2.0**-1000, 1e-300, 1e200, 1e300):
        assert rmse(R * c, mask, P * c) == pytest.approx(base * c, rel=1e-15)


def test_rmse_names_a_prediction_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"prediction must have shape \(2, 2\)"):
        rmse(np.eye(2), np.ones((2, 2), bool), np.zeros((2, 3)))


def test_a_fit_refuses_ratings_whose_squares_overflow():
    R = np.array([[1e200, 1.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="R has observed entries as large as 1e\\+200"):
        als(R, np.ones((2, 2), bool), rank=1, lam=0.1)
    # an unobserved huge value is never read
    R[0, 0] = np.nan
    mask = np.array([[False, True], [True, True]])
    assert als(R, mask, rank=1, lam=0.1, n_iter=2).U.shape == (2, 1)
    assert 1e100 <= LARGEST <= 1e154


def test_sgd_that_diverges_says_to_lower_lr():
    with pytest.raises(ValueError, match="diverged.*smaller lr"):
        funk_sgd(np.full((2, 2), 1e3), np.ones((2, 2), bool), rank=2, lr=1e3, n_epochs=50)


def test_nmf_is_scale_equivariant_bit_for_bit(rng):
    X = rng.integers(0, 17, size=(30, 12)).astype(float)
    for method in ("mu", "hals"):
        base = nmf(X, 4, method=method, n_iter=40, seed=1)
        for e in (-1000, -600, 500, 1000):  # X·2^e: exact, and W, H scale by 2^(e/2)
            fit = nmf(np.ldexp(X, e), 4, method=method, n_iter=40, seed=1)
            assert np.array_equal(fit.W, np.ldexp(base.W, e // 2)), (method, e)
            assert np.array_equal(fit.H, np.ldexp(base.H, e // 2)), (method, e)
            assert np.array_equal(fit.errors, np.ldexp(base.errors, e)), (method, e)


def test_nmf_error_does_not_overflow():
    X = np.array([[1e300, 0.0], [0.0, 1e300]])
    W = np.array([[1e150], [0.0]])
    H = np.array([[1e150, 0.0]])
    assert nmf_error(X, W, H) == pytest.approx(1e300, rel=1e-12)
    assert nmf_error(X * 1e-600, W * 1e-300, H * 1e-300) == pytest.approx(1e-300, rel=1e-12)
