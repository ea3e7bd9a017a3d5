"""helpers.completion: NMF (against scikit-learn) and Gavish–Donoho denoising."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.completion import (
    hard_threshold_denoise,
    marchenko_pastur_median,
    nmf,
    nmf_error,
    optimal_coefficient,
    optimal_omega,
    optimal_threshold,
)


@pytest.fixture(scope="module")
def digits():
    from sklearn.datasets import load_digits

    return load_digits().data[:400]


def test_multiplicative_updates_are_scikit_learns(digits):
    """From the same start, sklearn's NMF(solver='mu') takes the same steps."""
    from sklearn.decomposition import NMF

    k = 10
    gen = np.random.default_rng(0)
    scale = np.sqrt(digits.mean() / k)
    W0 = scale * np.abs(gen.standard_normal((digits.shape[0], k)))
    H0 = scale * np.abs(gen.standard_normal((k, digits.shape[1])))
    ours = nmf(digits, k, W0=W0, H0=H0, n_iter=60)
    sk = NMF(k, init="custom", solver="mu", beta_loss="frobenius", max_iter=60, tol=0)
    W = sk.fit_transform(digits, W=W0.copy(), H=H0.copy())
    assert sk.n_iter_ == 60
    assert np.allclose(W, ours.W, rtol=1e-10, atol=1e-12)
    assert np.allclose(sk.components_, ours.H, rtol=1e-10, atol=1e-12)
    assert ours.error == pytest.approx(sk.reconstruction_err_, rel=1e-10)
    assert np.array_equal(W0, scale * np.abs(np.random.default_rng(0).standard_normal(W0.shape)))


def test_hals_reaches_what_scikit_learns_coordinate_descent_reaches(digits):
    from sklearn.decomposition import NMF

    k = 10
    hals = nmf(digits, k, method="hals", n_iter=150, seed=3)
    sk = NMF(k, init="custom", solver="cd", max_iter=150, tol=0)
    sk.fit_transform(digits, W=hals_start(digits, k, 3)[0], H=hals_start(digits, k, 3)[1])
    assert hals.error == pytest.approx(sk.reconstruction_err_, rel=1e-3)
    mu = nmf(digits, k, method="mu", n_iter=150, seed=3)
    assert hals.error < mu.error  # same start and budget: HALS is further down


def hals_start(X, k, seed):
    gen = np.random.default_rng(seed)
    scale = np.sqrt(X.mean() / k)
    return (
        scale * np.abs(gen.standard_normal((X.shape[0], k))),
        scale * np.abs(gen.standard_normal((k, X.shape[1]))),
    )


@settings(max_examples=30, deadline=None)
@given(
    m=st.integers(2, 12),
    n=st.integers(2, 12),
    data=st.data(),
    seed=st.integers(0, 2**32 - 1),
    method=st.sampled_from(["mu", "hals"]),
)
def test_error_never_rises_and_factors_stay_nonnegative(m, n, data, seed, method):
    gen = np.random.default_rng(seed)
    k = data.draw(st.integers(1, min(m, n)))
    X = gen.random((m, n)) * (gen.random((m, n)) < 0.7)
    fit = nmf(X, k, method=method, n_iter=25, seed=seed)
    assert fit.W.min() >= 0 and fit.H.min() >= 0
    assert np.all(np.diff(fit.errors) <= 1e-9 * fit.errors[:-1] + 1e-12), fit.errors
    assert fit.error == pytest.approx(nmf_error(X, fit.W, fit.H))


def test_an_exact_nonnegative_factorization_is_found(rng):
    W, H = rng.random((20, 3)), rng.random((3, 15))
    fit = nmf(W @ H, 3, method="hals", n_iter=3000, seed=1)
    assert fit.error / np.linalg.norm(W @ H) < 1e-4


def test_nmf_guards_and_copies(rng):
    X = rng.random((5, 4))
    bad = X.copy()
    bad[1, 2] = -0.5
    with pytest.raises(
        ValueError, match=r"X must be non-negative for NMF, but 1 entries .* -0\.5"
    ):
        nmf(bad, 2)
    with pytest.raises(ValueError, match="k must be at least 1 and at most 4"):
        nmf(X, 5)
    with pytest.raises(ValueError, match="method must be 'mu' or 'hals'"):
        nmf(X, 2, method="als")
    with pytest.raises(ValueError, match="give both W0 and H0"):
        nmf(X, 2, W0=np.ones((5, 2)))
    with pytest.raises(ValueError, match=r"W0 must have shape \(5, 2\)"):
        nmf(X, 2, W0=np.ones((4, 2)), H0=np.ones((2, 4)))
    with pytest.raises(ValueError, match="W0 must be non-negative"):
        nmf(X, 2, W0=-np.ones((5, 2)), H0=np.ones((2, 4)))
    with pytest.raises(TypeError, match="seed must be"):
        nmf(X, 2, seed="0")
    W0, H0 = np.ones((5, 2)), np.ones((2, 4))
    fit = nmf(X, 2, W0=W0, H0=H0, n_iter=3)
    assert np.array_equal(W0, np.ones((5, 2))) and fit.W is not W0
    with pytest.raises(ValueError, match="W @ H must have the shape of X"):
        nmf_error(X, np.ones((5, 2)), np.ones((3, 4)))


# --------------------------------------------------------------------------- denoising


def test_the_square_threshold_is_four_over_root_three():
    assert optimal_coefficient(1.0) == pytest.approx(4 / np.sqrt(3), rel=1e-15)


@pytest.mark.parametrize("beta", [0.1, 0.25, 0.5, 0.75, 1.0])
def test_marchenko_pastur_median_against_sampled_noise(beta, rng):
    """The median eigenvalue of ZZᵀ/n for a large Gaussian Z is close to μ_β."""
    n = 800
    m = int(beta * n)
    Z = rng.standard_normal((m, n))
    sampled = np.median(np.linalg.eigvalsh(Z @ Z.T / n))
    assert sampled == pytest.approx(marchenko_pastur_median(beta), abs=0.015)


@pytest.mark.parametrize("beta", [0.05, 0.2, 0.5, 0.8, 1.0])
def test_omega_matches_the_papers_cubic_fit(beta):
    cubic = 0.56 * beta**3 - 0.95 * beta**2 + 1.82 * beta + 1.43
    assert optimal_omega(beta) == pytest.approx(cubic, abs=0.01)


def test_threshold_recovers_the_rank_and_beats_keeping_too_much(rng):
    m, n, r, sigma = 120, 200, 4, 1.0
    X = rng.standard_normal((m, r)) @ rng.standard_normal((r, n)) * 2.0
    Y = X + sigma * rng.standard_normal((m, n))
    known = hard_threshold_denoise(Y, sigma=sigma)
    unknown = hard_threshold_denoise(Y)
    assert known.rank == unknown.rank == r
    assert known.threshold == pytest.approx(optimal_coefficient(m / n) * np.sqrt(n) * sigma)
    assert unknown.threshold == pytest.approx(known.threshold, rel=0.05)
    err = np.linalg.norm(known.X - X)
    W, s, Vt = np.linalg.svd(Y, full_matrices=False)
    for k in (r + 10, 1):
        assert err < np.linalg.norm((W[:, :k] * s[:k]) @ Vt[:k] - X)
    # the transpose gives the same threshold (β is short side over long side)
    assert optimal_threshold(Y.T, sigma=sigma) == pytest.approx(known.threshold)


def test_pure_noise_keeps_nothing(rng):
    Y = rng.standard_normal((150, 150))
    assert hard_threshold_denoise(Y).rank == 0
    assert hard_threshold_denoise(Y, sigma=1.0).rank == 0


def test_denoise_guards():
    with pytest.raises(ValueError, match=r"beta must be > 0 and ≤ 1"):
        optimal_coefficient(1.5)
    with pytest.raises(ValueError, match=r"sigma must be > 0"):
        optimal_threshold(np.eye(3), sigma=0.0)
    with pytest.raises(ValueError, match="Y contains NaN"):
        hard_threshold_denoise(np.full((3, 3), np.nan))
