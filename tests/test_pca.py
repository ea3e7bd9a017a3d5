"""Tests of helpers.pca: the SVD and covariance routes agree, with numpy; bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.matrices import random_orthogonal
from helpers.pca import PCAResult, pca_eig, pca_svd


@pytest.fixture
def data(rng):
    cov = np.array([[3.0, 1.5, 0.2], [1.5, 1.0, 0.1], [0.2, 0.1, 0.5]])
    return rng.multivariate_normal([1.0, -2.0, 5.0], cov, size=300)


def test_svd_matches_numpy_cov_eigh(data):
    res = pca_svd(data)
    C = np.cov(data, rowvar=False)  # numpy's sample covariance divides by n − 1
    lam, Q = np.linalg.eigh(C)
    np.testing.assert_allclose(res.explained_variance, lam[::-1], rtol=1e-10)
    cos = np.abs(np.sum(res.components * Q[:, ::-1].T, axis=1))
    np.testing.assert_allclose(cos, 1.0, atol=1e-10)
    np.testing.assert_allclose(res.mean, data.mean(axis=0))
    assert np.isclose(res.total_variance, np.trace(C))
    assert res.method == "svd" and res.n_samples == 300 and res.n_components == 3


def test_the_two_routes_agree(data):
    a, b = pca_svd(data, 2), pca_eig(data, 2)
    np.testing.assert_allclose(a.components, b.components, atol=1e-10)
    np.testing.assert_allclose(a.explained_variance, b.explained_variance, rtol=1e-10)
    np.testing.assert_allclose(a.explained_variance_ratio, b.explained_variance_ratio, rtol=1e-10)
    np.testing.assert_allclose(a.singular_values, b.singular_values, rtol=1e-10)
    assert b.method == "eig"


def test_eigenvalues_are_singular_values_squared_over_n_minus_1(data):
    res = pca_svd(data)
    s = np.linalg.svd(data - data.mean(axis=0), compute_uv=False)
    np.testing.assert_allclose(res.explained_variance, s**2 / (len(data) - 1), rtol=1e-12)
    np.testing.assert_allclose(res.singular_values, s, rtol=1e-12)


def test_eig_route_sorts_decreasing(data):
    lam = pca_eig(data).explained_variance
    assert np.all(np.diff(lam) < 0)


def test_ratios_sum_to_one_with_all_components(data):
    res = pca_svd(data)
    assert np.isclose(res.explained_variance_ratio.sum(), 1.0)
    assert pca_svd(data, 1).explained_variance_ratio.sum() < 1.0


def test_project_and_reconstruct(data):
    res = pca_svd(data, 2)
    Z = res.project(data)
    assert Z.shape == (300, 2)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-10)
    np.testing.assert_allclose(np.var(Z, axis=0, ddof=1), res.explained_variance, rtol=1e-10)
    Xhat = res.reconstruct(data)
    full = pca_svd(data)
    # the squared reconstruction error is the discarded variance times (n − 1)
    err2 = np.sum((data - Xhat) ** 2)
    assert np.isclose(err2, full.explained_variance[2] * 299)
    np.testing.assert_allclose(res.back_project(Z), Xhat)
    np.testing.assert_allclose(full.reconstruct(data), data, atol=1e-10)


def test_sign_convention(data):
    comps = pca_svd(data).components
    biggest = comps[np.arange(3), np.argmax(np.abs(comps), axis=1)]
    assert np.all(biggest > 0)


def test_covariance_route_loses_tiny_variances(rng):
    # centred data with known singular values 1, 1e-4, 1e-9 (times sqrt(n − 1))
    n = 50
    G = rng.standard_normal((n, 3))
    U = np.linalg.qr(G - G.mean(axis=0))[0]  # orthonormal columns, each with zero mean
    s = np.array([1.0, 1e-4, 1e-9]) * np.sqrt(n - 1)
    X = (U * s) @ random_orthogonal(3, rng).T
    true = np.array([1.0, 1e-8, 1e-18])
    good = pca_svd(X).explained_variance
    bad = pca_eig(X).explained_variance
    np.testing.assert_allclose(good, true, rtol=1e-4)
    assert abs(bad[2] - true[2]) / true[2] > 0.5


def test_more_features_than_samples(rng):
    X = rng.standard_normal((5, 12))
    res = pca_svd(X)
    assert res.n_components == 5
    np.testing.assert_allclose(res.explained_variance[-1], 0.0, atol=1e-12)
    eig = pca_eig(X, 4)
    np.testing.assert_allclose(eig.explained_variance, res.explained_variance[:4], rtol=1e-8)


def test_constant_data_has_zero_ratios():
    res = pca_svd(np.ones((4, 2)))
    np.testing.assert_array_equal(res.explained_variance_ratio, [0.0, 0.0])


def test_result_is_frozen(data):
    res = pca_svd(data, 1)
    assert isinstance(res, PCAResult)
    with pytest.raises(AttributeError):
        res.mean = None


@settings(max_examples=50, deadline=None)
@given(n=st.integers(2, 30), d=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_property_routes_agree_and_variance_adds_up(n, d, seed):
    gen = np.random.default_rng(seed)
    X = gen.standard_normal((n, d)) * gen.uniform(0.5, 2.0, size=d) + gen.normal(size=d)
    a, b = pca_svd(X), pca_eig(X)
    np.testing.assert_allclose(a.explained_variance, b.explained_variance, atol=1e-10)
    assert np.isclose(a.explained_variance.sum(), a.total_variance)
    # projecting and reconstructing with every component returns the data
    np.testing.assert_allclose(a.reconstruct(X), X, atol=1e-9)


# ---- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize("fit", [pca_svd, pca_eig])
@pytest.mark.parametrize(
    ("X", "k", "error", "match"),
    [
        ("text", None, TypeError, r"X must be an array of numbers"),
        (np.ones(4), None, ValueError, r"X must be a 2-D matrix"),
        (np.ones((1, 3)), None, ValueError, r"X must have at least 2 rows"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), None, ValueError, r"X contains NaN"),
        (np.ones((5, 3)), 0, ValueError, r"n_components must be at least 1 and at most 3, got 0"),
        (np.ones((5, 3)), 4, ValueError, r"n_components must be at least 1 and at most 3, got 4"),
        (np.ones((5, 3)), 1.5, TypeError, r"n_components must be an integer"),
    ],
)
def test_bad_input(fit, X, k, error, match):
    with pytest.raises(error, match=match):
        fit(X, k)


def test_project_bad_input(data):
    res = pca_svd(data, 2)
    with pytest.raises(ValueError, match=r"X must have 3 columns \(features\), got 2"):
        res.project(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"Z must have 2 columns \(components\), got 3"):
        res.back_project(np.ones((4, 3)))
    with pytest.raises(TypeError, match=r"Z must be an array of numbers"):
        res.back_project(None)


# --------------------------------------------------------------------------- issue 20

DATA = np.array([[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]]) + np.array([5.0, -3.0])


@pytest.mark.parametrize("pca", [pca_svd, pca_eig])
@pytest.mark.parametrize("scale", [1e100, 1e-170, 1e-300])
def test_pca_ratios_at_any_scale(pca, scale):
    # Unscaled, the variances over- or underflowed and the ratios came out NaN.
    res = pca(scale * DATA)
    assert np.allclose(res.explained_variance_ratio, [0.8, 0.2])
    assert np.allclose(res.components, [[1.0, 0.0], [0.0, 1.0]])
    assert np.allclose(res.mean, scale * np.array([5.0, -3.0]))


@pytest.mark.parametrize("pca", [pca_svd, pca_eig])
def test_pca_variances_beyond_float64_are_a_clear_error(pca):
    with pytest.raises(ValueError, match="X has variances beyond the float64 range"):
        pca(1e200 * DATA)


def test_pca_mean_of_huge_entries_does_not_overflow():
    X = np.array([[1.5e308, 1.0], [1.7e308, 2.0], [1.6e308, 4.0]])
    with pytest.raises(ValueError, match="variances beyond the float64 range"):
        pca_svd(X)  # the variance along the first feature is about 1e614
    res = pca_svd(X * 1e-300)
    assert np.all(np.isfinite(res.mean)) and np.isclose(res.mean[0], 1.6e8)
