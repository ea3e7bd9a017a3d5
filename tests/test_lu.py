"""LU with partial pivoting, triangular solves and Cholesky against scipy and numpy."""

import itertools

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.decompositions import (
    back_substitution,
    cholesky,
    det_lu,
    forward_substitution,
    growth_factor,
    lu_no_pivot,
    lu_partial_pivot,
    lu_solve,
    max_growth_matrix,
    permutation_sign,
)
from helpers.matrices import with_singular_values

EPS = np.finfo(float).eps

# --- LU ------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(1, 1), (2, 2), (5, 5), (40, 40), (7, 4), (4, 7)])
def test_lu_matches_scipy(shape, rng):
    A = rng.standard_normal(shape)
    P, L, U = lu_partial_pivot(A)
    Ps, Ls, Us = scipy.linalg.lu(A)  # SciPy: A = Ps Ls Us, so our P is Psᵀ
    np.testing.assert_array_equal(P, Ps.T)
    np.testing.assert_allclose(L, Ls, atol=1e-12)
    np.testing.assert_allclose(U, Us, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(
    m=st.integers(1, 30),
    n=st.integers(1, 30),
    log10_kappa=st.floats(0.0, 12.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_lu_properties(m, n, log10_kappa, seed):
    """PA = LU to round-off, L unit lower with |l_ij| ≤ 1, U upper, P a permutation."""
    k = min(m, n)
    A = with_singular_values(np.logspace(0, -log10_kappa, k), m, n, seed)
    P, L, U = lu_partial_pivot(A)
    assert P.shape == (m, m) and L.shape == (m, k) and U.shape == (k, n)
    assert permutation_sign(P) in (1, -1)
    assert np.array_equal(L, np.tril(L)) and np.all(np.diag(L) == 1.0)
    assert np.all(np.abs(L) <= 1.0)
    assert np.array_equal(U, np.triu(U))
    rho = growth_factor(A)
    bound = 10 * max(m, n) * rho * EPS * np.abs(A).max()
    assert np.abs(P @ A - L @ U).max() <= bound


def test_lu_of_a_singular_matrix_has_a_zero_pivot():
    A = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])
    P, L, U = lu_partial_pivot(A)
    np.testing.assert_allclose(P @ A, L @ U, atol=1e-15)
    assert U[2, 2] == 0.0
    # the pivots 2, −2, 0 multiply to −0.0; the determinant is printed as 0.0
    assert det_lu(A) == 0.0 and str(det_lu(A)) == "0.0"
    with pytest.raises(ValueError, match=r"U is singular: its diagonal entry U\[2, 2\] is zero"):
        lu_solve(P, L, U, [1.0, 2.0, 3.0])
    Z = np.zeros((3, 3))
    P, L, U = lu_partial_pivot(Z)
    assert np.array_equal(L, np.eye(3)) and np.array_equal(U, Z)


def test_without_pivoting_a_tiny_pivot_ruins_the_solution():
    eps = 1e-20
    A = np.array([[eps, 1.0], [1.0, 1.0]])
    b = np.array([1.0, 2.0])
    L, U = lu_no_pivot(A)
    assert L[1, 0] == 1e20
    x_bad = back_substitution(U, forward_substitution(L, b, unit_diagonal=True))
    x_good = lu_solve(*lu_partial_pivot(A), b)
    x_true = np.linalg.solve(A, b)  # ≈ (1, 1)
    assert np.allclose(x_good, x_true, rtol=1e-15)
    assert abs(x_bad[0] - x_true[0]) > 0.5
    assert growth_factor(A, pivoting=False) > 1e19
    assert growth_factor(A) == 1.0


def test_lu_no_pivot_agrees_when_no_swap_is_needed(rng):
    A = rng.standard_normal((6, 6)) + 10 * np.eye(6)  # diagonally dominant: no swaps
    L, U = lu_no_pivot(A)
    P, L2, U2 = lu_partial_pivot(A)
    assert np.array_equal(P, np.eye(6))
    np.testing.assert_allclose(L, L2)
    np.testing.assert_allclose(U, U2)
    with pytest.raises(ValueError, match="zero pivot at step 0"):
        lu_no_pivot([[0.0, 1.0], [1.0, 1.0]])


@pytest.mark.parametrize("n", [1, 2, 5, 10, 30, 53])
def test_max_growth_matrix_doubles_every_step(n):
    W = max_growth_matrix(n)
    assert growth_factor(W) == 2.0 ** (n - 1)
    P, _, U = lu_partial_pivot(W)
    assert np.array_equal(P, np.eye(n))  # ties never swap
    assert U[-1, -1] == 2.0 ** (n - 1)


def test_growth_factor_rejects_zero_and_zero_pivots():
    with pytest.raises(ValueError, match="must not be the zero matrix"):
        growth_factor(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="zero pivot"):
        growth_factor([[0.0, 1.0], [1.0, 0.0]], pivoting=False)


# --- triangular solves -----------------------------------------------------------------


@pytest.mark.parametrize("k", [None, 3])
def test_substitutions_match_scipy(k, rng):
    n = 12
    L = np.tril(rng.standard_normal((n, n))) + 4 * np.eye(n)
    U = L.T.copy()
    b = rng.standard_normal(n if k is None else (n, k))
    np.testing.assert_allclose(
        forward_substitution(L, b), scipy.linalg.solve_triangular(L, b, lower=True)
    )
    np.testing.assert_allclose(back_substitution(U, b), scipy.linalg.solve_triangular(U, b))
    np.testing.assert_allclose(
        forward_substitution(L, b, unit_diagonal=True),
        scipy.linalg.solve_triangular(L, b, lower=True, unit_diagonal=True),
    )


def test_substitutions_reject_bad_input():
    with pytest.raises(ValueError, match=r"L must be lower triangular, but L\[0, 1\]"):
        forward_substitution([[1.0, 2.0], [0.0, 1.0]], [1.0, 1.0])
    with pytest.raises(ValueError, match=r"U must be upper triangular, but U\[1, 0\]"):
        back_substitution([[1.0, 0.0], [3.0, 1.0]], [1.0, 1.0])
    with pytest.raises(ValueError, match=r"L is singular: its diagonal entry L\[1, 1\]"):
        forward_substitution([[1.0, 0.0], [1.0, 0.0]], [1.0, 1.0])
    with pytest.raises(ValueError, match="b must have length 2"):
        back_substitution(np.eye(2), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="b must be a vector of length 2 or a matrix with 2 rows"):
        back_substitution(np.eye(2), np.ones((3, 2)))
    with pytest.raises(ValueError, match="U must be square"):
        back_substitution(np.ones((2, 3)), [1.0, 2.0])
    with pytest.raises(ValueError, match="b contains NaN"):
        back_substitution(np.eye(2), [1.0, np.nan])


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 25), log10_kappa=st.floats(0, 8), seed=st.integers(0, 2**32 - 1))
def test_lu_solve_is_backward_stable(n, log10_kappa, seed):
    A = with_singular_values(np.logspace(0, -log10_kappa, n), n, n, seed)
    b = np.random.default_rng(seed).standard_normal(n)
    x = lu_solve(*lu_partial_pivot(A), b)
    residual = np.linalg.norm(b - A @ x) / (np.linalg.norm(A, 2) * np.linalg.norm(x))
    assert residual <= 10 * n * growth_factor(A) * EPS


def test_lu_solve_checks_shapes():
    with pytest.raises(ValueError, match="same square shape"):
        lu_solve(np.eye(2), np.eye(2), np.eye(3), [1.0, 2.0])


# --- determinants ------------------------------------------------------------------------


def test_permutation_sign_matches_det():
    for perm in itertools.permutations(range(4)):
        P = np.eye(4)[list(perm)]
        assert permutation_sign(P) == round(np.linalg.det(P))
    with pytest.raises(ValueError, match="P must be a permutation matrix"):
        permutation_sign([[1.0, 1.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="P must be a permutation matrix"):
        permutation_sign([[0.5, 0.0], [0.0, 1.0]])


def test_det_lu_matches_numpy(rng):
    for n in (1, 2, 3, 8):
        A = rng.standard_normal((n, n))
        assert np.isclose(det_lu(A), np.linalg.det(A), rtol=1e-12)
    assert det_lu([[0.0, 1.0], [1.0, 0.0]]) == -1.0
    with pytest.raises(ValueError, match="A must be square"):
        det_lu(np.ones((2, 3)))


# --- Cholesky ----------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 30), log10_kappa=st.floats(0, 10), seed=st.integers(0, 2**32 - 1))
def test_cholesky_matches_numpy(n, log10_kappa, seed):
    s = np.logspace(0, -log10_kappa, n)
    B = with_singular_values(np.sqrt(s), n, n, seed)
    A = B @ B.T  # symmetric positive definite, κ(A) = 10^log10_kappa
    A = (A + A.T) / 2
    L = cholesky(A)
    Ln = np.linalg.cholesky(A)
    assert np.array_equal(L, np.tril(L)) and np.all(np.diag(L) > 0)
    assert np.linalg.norm(L @ L.T - A) <= 10 * n * EPS * np.linalg.norm(A)
    kappa = 10.0**log10_kappa
    assert np.linalg.norm(L - Ln) <= 10 * n * kappa * EPS * np.linalg.norm(Ln)


def test_cholesky_small_example():
    A = np.array([[4.0, 2.0, 1.0], [2.0, 3.0, 1.0], [1.0, 1.0, 2.0]])
    L = cholesky(A)
    np.testing.assert_allclose(L, np.linalg.cholesky(A))
    np.testing.assert_allclose(L @ L.T, A)


def test_cholesky_says_what_is_wrong():
    with pytest.raises(ValueError, match="A is not symmetric"):
        cholesky([[2.0, 1.0], [0.0, 2.0]])
    with pytest.raises(ValueError, match="A is not positive definite: at pivot 1"):
        cholesky([[1.0, 2.0], [2.0, 1.0]])  # eigenvalues 3 and −1
    with pytest.raises(ValueError, match="A is not positive definite: at pivot 1"):
        cholesky([[1.0, 1.0], [1.0, 1.0]])  # semidefinite: the pivot is exactly 0
    with pytest.raises(ValueError, match="A is not positive definite: at pivot 0"):
        cholesky([[-1.0]])
    with pytest.raises(ValueError, match="A must be square"):
        cholesky(np.ones((2, 3)))
    with pytest.raises(ValueError, match="A contains NaN"):
        cholesky([[np.nan]])
    with pytest.raises(TypeError, match="A must be an array of numbers"):
        cholesky("identity")


# --------------------------------------------------------------------------- issue 20


def test_lu_solve_checks_that_p_is_a_permutation():
    A = [[1.0, 2.0], [3.0, 4.0]]
    P, L, U = lu_partial_pivot(A)
    with pytest.raises(ValueError, match="P must be a permutation matrix"):
        lu_solve(2 * P, L, U, [1.0, 2.0])
    with pytest.raises(ValueError, match="P must be a permutation matrix"):
        lu_solve(np.ones((2, 2)), L, U, [1.0, 2.0])


def test_lu_solve_checks_that_l_is_unit_lower_triangular():
    P, L, U = lu_partial_pivot([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(ValueError, match=r"L must be unit lower triangular.*L\[1, 1\] = 3"):
        lu_solve(P, L + np.diag([0.0, 2.0]), U, [1.0, 2.0])
    with pytest.raises(ValueError, match="L must be lower triangular"):
        lu_solve(P, L + np.triu(np.ones((2, 2)), 1), U, [1.0, 2.0])
    with pytest.raises(ValueError, match="U must be upper triangular"):
        lu_solve(P, L, U + np.tril(np.ones((2, 2)), -1), [1.0, 2.0])


@pytest.mark.parametrize("flag", ["no", 1, None])
def test_flags_must_be_booleans(flag):
    with pytest.raises(TypeError, match="unit_diagonal must be True or False"):
        forward_substitution(np.eye(2), [1.0, 2.0], unit_diagonal=flag)
    with pytest.raises(TypeError, match="pivoting must be True or False"):
        growth_factor(np.eye(2), pivoting=flag)


@pytest.mark.parametrize("scale", [1e200, 1e-170])
def test_lu_and_cholesky_at_any_scale(scale):
    A = np.array([[4.0, 2.0], [2.0, 5.0]])
    P, L, U = lu_partial_pivot(scale * A)
    assert np.allclose(P @ A, L @ (U / scale))
    C = cholesky(scale * A)
    assert np.allclose(C @ C.T / scale, A)
    x = lu_solve(P, L, U, scale * np.array([6.0, 7.0]))
    assert np.allclose(A @ x, [6.0, 7.0])
    with pytest.raises(ValueError, match="not symmetric"):
        cholesky(scale * np.array([[4.0, 2.0], [0.0, 5.0]]))
