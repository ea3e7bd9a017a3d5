"""Tests of helpers.gaussian_process against scipy.stats and direct formulas."""

import numpy as np
import pytest
import scipy.stats

from helpers.gaussian_process import (
    cholesky_jitter,
    gp_fit,
    gp_log_marginal_likelihood,
    rbf_kernel,
)

rng = np.random.default_rng(2)


def test_kernel_values_and_symmetry():
    x = rng.uniform(size=(7, 2))
    K = rbf_kernel(x, length_scale=0.5, variance=2.0)
    d2 = ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1)
    assert np.allclose(K, 2.0 * np.exp(-d2 / 0.5))
    assert np.allclose(K, K.T) and np.allclose(np.diag(K), 2.0)
    assert rbf_kernel(x[:3], x, length_scale=0.5).shape == (3, 7)


@pytest.mark.parametrize("noise", [1e-3, 0.1, 1.0])
def test_log_likelihood_matches_scipy(noise):
    x = np.sort(rng.uniform(size=25))
    K, y = rbf_kernel(x, length_scale=0.2), rng.standard_normal(25)
    expected = scipy.stats.multivariate_normal(np.zeros(25), K + noise * np.eye(25)).logpdf(y)
    assert np.isclose(gp_log_marginal_likelihood(K, y, noise), expected, rtol=1e-10)


def test_fit_weights_solve_the_system():
    x = np.sort(rng.uniform(size=15))
    K, y = rbf_kernel(x, length_scale=0.3), rng.standard_normal(15)
    fit = gp_fit(K, y, 0.05)
    assert np.allclose((K + 0.05 * np.eye(15)) @ fit.alpha, y)
    assert np.allclose(fit.L @ fit.L.T, K + 0.05 * np.eye(15))


def test_jitter_is_needed_on_a_dense_grid_and_is_small():
    x = np.linspace(0, 1, 60)
    K = rbf_kernel(x, length_scale=0.3)
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.cholesky(K)
    L, tau = cholesky_jitter(K)
    assert 0 < tau <= 1e-6 and np.allclose(L @ L.T, K + tau * np.eye(60))
    L0, tau0 = cholesky_jitter(np.eye(3) * 2)
    assert tau0 == 0.0 and np.allclose(L0, np.sqrt(2) * np.eye(3))


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="length_scale"):
        rbf_kernel([0.0, 1.0], length_scale=0.0)
    with pytest.raises(ValueError, match="dimension"):
        rbf_kernel(np.ones((2, 2)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="y"):
        gp_fit(np.eye(3), np.ones(2))
    with pytest.raises(ValueError, match="noise"):
        gp_fit(np.eye(2), np.ones(2), -1.0)
    with pytest.raises(ValueError, match="max_tries"):
        cholesky_jitter(np.eye(2), max_tries=0)
    with pytest.raises(np.linalg.LinAlgError):
        cholesky_jitter(-np.eye(2), max_tries=2)
