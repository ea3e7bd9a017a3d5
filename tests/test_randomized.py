"""Tests of helpers.decompositions.randomized: accuracy, reproducibility, sparse input, errors."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.decompositions import randomized_range_finder, randomized_svd
from helpers.matrices import with_singular_values


def optimal_error(s, k):
    """‖A − A_k‖_F from the singular values (Eckart–Young)."""
    return float(np.sqrt(np.sum(np.asarray(s)[k:] ** 2)))


def test_exported():
    import helpers.decompositions as d

    assert "randomized_svd" in d.__all__
    assert "randomized_range_finder" in d.__all__


def test_exact_on_a_matrix_of_rank_k():
    s = np.array([10.0, 5.0, 2.0, 1.0, 0.5])
    A = with_singular_values(s, 60, 40, seed=1)
    U, sk, Vt = randomized_svd(A, k=5, oversample=5, n_iter=0, seed=3)
    assert U.shape == (60, 5) and sk.shape == (5,) and Vt.shape == (5, 40)
    np.testing.assert_allclose(sk, s, rtol=1e-12)
    np.testing.assert_allclose((U * sk) @ Vt, A, atol=1e-12)
    np.testing.assert_allclose(U.T @ U, np.eye(5), atol=1e-12)
    np.testing.assert_allclose(Vt @ Vt.T, np.eye(5), atol=1e-12)


def test_matches_numpy_svd_on_a_decaying_spectrum():
    s = 0.8 ** np.arange(80)
    A = with_singular_values(s, 120, 90, seed=2)
    k = 10
    U, sk, Vt = randomized_svd(A, k=k, oversample=10, n_iter=3, seed=0)
    U0, s0, _ = np.linalg.svd(A, full_matrices=False)
    np.testing.assert_allclose(sk, s0[:k], rtol=1e-8)
    # singular vectors agree up to sign
    cos = np.abs(np.sum(U * U0[:, :k], axis=0))
    np.testing.assert_allclose(cos, 1.0, atol=1e-6)
    err = np.linalg.norm(A - (U * sk) @ Vt)
    assert err <= (1 + 1e-6) * optimal_error(s, k)


def test_error_close_to_optimal_on_a_slow_spectrum():
    s = 1.0 / np.arange(1, 101)
    A = with_singular_values(s, 150, 100, seed=4)
    k = 10
    ratios = []
    for q in (0, 1, 3):
        U, sk, Vt = randomized_svd(A, k=k, oversample=10, n_iter=q, seed=5)
        ratios.append(np.linalg.norm(A - (U * sk) @ Vt) / optimal_error(s, k))
    assert all(r >= 1 - 1e-12 for r in ratios)  # Eckart–Young: nothing beats A_k
    assert ratios[2] < 1.05
    assert ratios[2] <= ratios[0]


def test_range_finder_meets_the_halko_frobenius_bound_on_average():
    # Theorem 10.5: E‖A − QQᵀA‖_F ≤ sqrt(1 + k/(p − 1)) · (Σ_{j>k} σ_j²)^{1/2}
    s = 1.0 / np.arange(1, 61)
    A = with_singular_values(s, 80, 60, seed=6)
    k, p = 8, 4
    rng = np.random.default_rng(7)
    errs = []
    for _ in range(40):
        Q = randomized_range_finder(A, size=k + p, n_iter=0, seed=rng)
        errs.append(np.linalg.norm(A - Q @ (Q.T @ A)))
    bound = np.sqrt(1 + k / (p - 1)) * optimal_error(s, k)
    assert np.mean(errs) <= bound


def test_range_finder_is_orthonormal_and_exact_for_low_rank():
    A = with_singular_values([3.0, 2.0, 1.0], 30, 20, seed=8)
    Q = randomized_range_finder(A, size=5, n_iter=2, seed=1)
    assert Q.shape == (30, 5)
    np.testing.assert_allclose(Q.T @ Q, np.eye(5), atol=1e-12)
    np.testing.assert_allclose(Q @ (Q.T @ A), A, atol=1e-12)


def test_power_iterations_with_qr_stay_accurate_where_plain_powers_fail():
    # σ_j = 0.95^j: (AAᵀ)^7 AΩ without re-orthonormalization loses the small directions
    s = 0.95 ** np.arange(1, 201)
    A = with_singular_values(s, 300, 200, seed=9)
    k, q = 50, 7
    sk = randomized_svd(A, k=k, oversample=10, n_iter=q, seed=0)[1]
    np.testing.assert_allclose(sk, s[:k], rtol=1e-6)
    Omega = np.random.default_rng(0).standard_normal((200, k + 10))
    Y = A @ Omega
    for _ in range(q):
        Y = A @ (A.T @ Y)
    Q = np.linalg.qr(Y)[0]
    s_plain = np.linalg.svd(Q.T @ A, compute_uv=False)[:k]
    assert np.max(np.abs(s_plain - s[:k]) / s[:k]) > 0.1


def test_reproducible_for_an_int_seed_and_a_generator():
    A = np.random.default_rng(10).standard_normal((50, 40))
    r1 = randomized_svd(A, 5, seed=123)
    r2 = randomized_svd(A, 5, seed=123)
    for a, b in zip(r1, r2, strict=True):
        np.testing.assert_array_equal(a, b)
    g1 = randomized_svd(A, 5, seed=np.random.default_rng(9))
    g2 = randomized_svd(A, 5, seed=np.random.default_rng(9))
    for a, b in zip(g1, g2, strict=True):
        np.testing.assert_array_equal(a, b)
    other = randomized_svd(A, 5, n_iter=0, seed=124)
    assert not np.array_equal(other[1], randomized_svd(A, 5, n_iter=0, seed=123)[1])


def test_default_seed_is_reproducible():
    A = np.random.default_rng(11).standard_normal((30, 20))
    np.testing.assert_array_equal(randomized_svd(A, 3)[1], randomized_svd(A, 3)[1])


def test_sign_convention():
    A = np.random.default_rng(12).standard_normal((30, 20))
    U = randomized_svd(A, 4, seed=0)[0]
    biggest = U[np.argmax(np.abs(U), axis=0), np.arange(4)]
    assert np.all(biggest > 0)


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
def test_sparse_input_matches_dense(fmt):
    rng = np.random.default_rng(13)
    S = sp.random(200, 150, density=0.05, format=fmt, random_state=rng)
    dense = S.toarray()
    Us, ss, Vts = randomized_svd(S, 6, n_iter=3, seed=1)
    Ud, sd, _ = randomized_svd(dense, 6, n_iter=3, seed=1)
    np.testing.assert_allclose(ss, sd, rtol=1e-10)
    np.testing.assert_allclose(np.abs(Us.T @ Ud), np.eye(6), atol=1e-6)
    assert isinstance(Us, np.ndarray) and isinstance(Vts, np.ndarray)


def test_sparse_array_and_integer_data():
    S = sp.csr_array(np.array([[1, 0, 2], [0, 3, 0], [4, 0, 5], [0, 0, 1]]))
    s = randomized_svd(S, 3, seed=0)[1]
    np.testing.assert_allclose(s, np.linalg.svd(S.toarray(), compute_uv=False), rtol=1e-12)


def test_sparse_is_not_densified(monkeypatch):
    S = sp.random(100, 80, density=0.1, format="csr", random_state=0)

    def refuse(*args, **kwargs):
        raise AssertionError("the sparse matrix was densified")

    monkeypatch.setattr(type(S), "toarray", refuse)
    monkeypatch.setattr(type(S), "todense", refuse)
    randomized_svd(S, 4, seed=0)


def test_oversample_is_capped_by_the_shape():
    A = np.random.default_rng(14).standard_normal((12, 8))
    s = randomized_svd(A, 8, oversample=10, seed=0)[1]
    np.testing.assert_allclose(s, np.linalg.svd(A, compute_uv=False), rtol=1e-10)


def test_lists_and_float32_are_accepted():
    s = randomized_svd([[3.0, 0.0], [0.0, 1.0], [0.0, 0.0]], 1, seed=0)[1]
    np.testing.assert_allclose(s, [3.0])
    A32 = np.eye(4, dtype=np.float32) * np.arange(1, 5, dtype=np.float32)
    assert np.allclose(randomized_svd(A32, 2, seed=0)[1], [4.0, 3.0])


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(2, 25),
    n=st.integers(2, 25),
    data=st.data(),
)
def test_property_exact_when_k_plus_p_covers_the_rank(m, n, data):
    r = data.draw(st.integers(1, min(m, n)))
    seed = data.draw(st.integers(0, 2**32 - 1))
    s = np.sort(np.random.default_rng(seed).uniform(0.5, 2.0, size=r))[::-1]
    A = with_singular_values(s, m, n, seed=seed)
    U, sk, Vt = randomized_svd(A, r, oversample=data.draw(st.integers(0, 5)), seed=seed)
    np.testing.assert_allclose(sk, s, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose((U * sk) @ Vt, A, atol=1e-10)
    assert np.all(np.diff(sk) <= 1e-12)


# ---- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"k": 0}, ValueError, r"k must be at least 1 and at most 20, got 0"),
        ({"k": 21}, ValueError, r"k must be at least 1 and at most 20, got 21"),
        ({"k": 2.5}, TypeError, r"k must be an integer"),
        ({"k": True}, TypeError, r"k must be an integer"),
        ({"k": 2, "oversample": -1}, ValueError, r"oversample must be at least 0"),
        ({"k": 2, "n_iter": -1}, ValueError, r"n_iter must be at least 0"),
        ({"k": 2, "n_iter": 1.0}, TypeError, r"n_iter must be an integer"),
        (
            {"k": 2, "seed": "abc"},
            TypeError,
            r"seed must be a nonnegative int, a numpy.random.Generator",
        ),
        ({"k": 2, "seed": 1.5}, TypeError, r"seed must be a nonnegative int"),
        ({"k": 2, "seed": -3}, ValueError, r"seed must be a nonnegative integer"),
    ],
)
def test_bad_parameters(kwargs, error, match):
    A = np.ones((30, 20))
    with pytest.raises(error, match=match):
        randomized_svd(A, **kwargs)


@pytest.mark.parametrize(
    ("A", "error", "match"),
    [
        ("not a matrix", TypeError, r"A must be an array of numbers"),
        (None, TypeError, r"A must be an array of numbers"),
        (np.ones(5), ValueError, r"A must be a 2-D matrix"),
        (np.ones((0, 3)), ValueError, r"A must not be empty"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), ValueError, r"A contains NaN or infinity"),
        (np.array([[1.0, np.inf], [0.0, 1.0]]), ValueError, r"A contains NaN or infinity"),
        (np.array([[1 + 1j, 0], [0, 1]]), TypeError, r"A must be real"),
        (np.array([["a", "b"]]), TypeError, r"A must be an array of real numbers"),
    ],
)
def test_bad_dense_matrix(A, error, match):
    with pytest.raises(error, match=match):
        randomized_svd(A, 1)


def test_bad_sparse_matrix():
    S = sp.csr_array(np.array([[1.0, 0.0], [0.0, 2.0]]))
    S.data[1] = np.nan
    with pytest.raises(ValueError, match=r"A contains NaN or infinity"):
        randomized_svd(S, 1)
    S.data[1] = np.inf
    with pytest.raises(ValueError, match=r"A contains NaN or infinity"):
        randomized_svd(S, 1)
    with pytest.raises(TypeError, match=r"A must be real"):
        randomized_svd(sp.csr_array(np.array([[1j, 0], [0, 1]])), 1)
    with pytest.raises(ValueError, match=r"A must not be empty"):
        randomized_svd(sp.csr_array((0, 3)), 1)
    with pytest.raises(ValueError, match=r"A must be a 2-D matrix"):
        randomized_svd(sp.coo_array(np.ones(4)), 1)
    with pytest.raises(ValueError, match=r"k must be at least 1 and at most 2, got 3"):
        randomized_svd(sp.eye(2, format="csr"), 3)


def test_range_finder_bad_input():
    A = np.ones((6, 4))
    with pytest.raises(ValueError, match=r"size must be at least 1 and at most 4, got 5"):
        randomized_range_finder(A, 5)
    with pytest.raises(ValueError, match=r"size must be at least 1"):
        randomized_range_finder(A, 0)
    with pytest.raises(TypeError, match=r"seed must be a nonnegative int"):
        randomized_range_finder(A, 2, seed=[1, 2])
    with pytest.raises(ValueError, match=r"A contains NaN"):
        randomized_range_finder(np.full((3, 3), np.nan), 1)
