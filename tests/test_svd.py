"""svd_via_eigh: the SVD from the eigendecomposition of AᵀA, against numpy's SVD."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.decompositions import complete_orthonormal_basis, default_tolerance, svd_via_eigh
from helpers.matrices import with_singular_values

EPS = np.finfo(float).eps


def sigma_matrix(s, shape):
    S = np.zeros(shape)
    S[: len(s), : len(s)] = np.diag(s)
    return S


def test_the_2x3_example_of_notebook_03():
    A = np.array([[3.0, 2.0, 2.0], [2.0, 3.0, -2.0]])
    U, s, Vt = svd_via_eigh(A)
    assert U.shape == (2, 2) and Vt.shape == (3, 3)
    np.testing.assert_allclose(s, [5.0, 3.0], rtol=1e-14)
    np.testing.assert_allclose(U @ sigma_matrix(s, A.shape) @ Vt, A, atol=1e-13)
    # distinct singular values: the vectors agree with numpy's up to one sign per pair
    U0, _, Vt0 = np.linalg.svd(A)
    signs = np.sign(np.sum(U * U0, axis=0))
    np.testing.assert_allclose(U * signs, U0, atol=1e-12)
    np.testing.assert_allclose(Vt[:2] * signs[:, None], Vt0[:2], atol=1e-12)
    # the third right singular vector spans the null space of A
    np.testing.assert_allclose(A @ Vt[2], 0.0, atol=1e-13)


def test_the_3x2_example_of_notebook_04():
    W = np.array([[3.0, 1.0], [1.0, 3.0], [1.0, 1.0]])
    U, s, _ = svd_via_eigh(W)
    np.testing.assert_allclose(s, [np.sqrt(18.0), 2.0], rtol=1e-14)
    np.testing.assert_allclose(np.abs(U[:, 0]), [2 / 3, 2 / 3, 1 / 3], atol=1e-14)
    # u₃ is the completion: ±(1, 1, −4)/√18, the unit vector orthogonal to u₁ and u₂
    np.testing.assert_allclose(np.abs(U[:, 2]), np.array([1, 1, 4]) / np.sqrt(18), atol=1e-14)
    np.testing.assert_allclose(U.T @ U, np.eye(3), atol=1e-14)
    np.testing.assert_allclose(W.T @ U[:, 2], 0.0, atol=1e-14)


@pytest.mark.parametrize("full", [True, False])
@pytest.mark.parametrize("shape", [(1, 1), (1, 4), (4, 1), (3, 3), (5, 2), (2, 5)])
def test_shapes_match_numpy(shape, full, rng):
    A = rng.standard_normal(shape)
    U, s, Vt = svd_via_eigh(A, full_matrices=full)
    U0, s0, Vt0 = np.linalg.svd(A, full_matrices=full)
    assert (U.shape, s.shape, Vt.shape) == (U0.shape, s0.shape, Vt0.shape)
    np.testing.assert_allclose(s, s0, rtol=1e-10, atol=1e-12)
    if full:
        np.testing.assert_allclose(U @ sigma_matrix(s, shape) @ Vt, A, atol=1e-12)
    else:
        np.testing.assert_allclose((U * s) @ Vt, A, atol=1e-12)


def test_zero_matrix_has_rank_zero_and_identity_vectors():
    U, s, Vt = svd_via_eigh(np.zeros((3, 2)))
    assert np.all(s == 0.0)
    np.testing.assert_allclose(U.T @ U, np.eye(3), atol=1e-15)
    np.testing.assert_allclose(Vt @ Vt.T, np.eye(2), atol=1e-15)


def test_repeated_singular_values_still_give_an_svd():
    Q = np.linalg.qr(np.arange(16.0).reshape(4, 4) ** 2 + np.eye(4))[0]
    A = 2.0 * Q  # σ = 2, 2, 2, 2: every orthonormal V is a valid choice
    U, s, Vt = svd_via_eigh(A)
    np.testing.assert_allclose(s, 2.0, rtol=1e-13)
    np.testing.assert_allclose(U.T @ U, np.eye(4), atol=1e-13)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt, A, atol=1e-13)


def test_rank_deficient_tall_matrix_completes_u():
    A = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [0.0, 0.0]])  # rank 1
    U, s, Vt = svd_via_eigh(A)
    assert s[1] == 0.0 and s[0] > 0
    np.testing.assert_allclose(U.T @ U, np.eye(4), atol=1e-14)
    np.testing.assert_allclose(U @ sigma_matrix(s, A.shape) @ Vt, A, atol=1e-13)
    np.testing.assert_allclose(U[:, 0], A @ Vt[0] / s[0], atol=1e-15)  # u₁ = Av₁/σ₁


def test_small_singular_values_are_lost_by_forming_AtA():
    """The instability notebook 03 measures: σ below ≈ √ε·σ₁ cannot survive AᵀA."""
    sigma = np.logspace(0, -10, 11)
    A = with_singular_values(sigma, 20, 11, seed=3)
    s_eigh = svd_via_eigh(A, full_matrices=False)[1]
    s_lapack = np.linalg.svd(A, compute_uv=False)
    rel_eigh = np.abs(s_eigh - sigma) / sigma
    rel_lapack = np.abs(s_lapack - sigma) / sigma
    assert np.all(s_eigh[sigma < 1e-8] == 0.0)  # below the tolerance: returned as 0
    assert rel_eigh[6] > 1e-7  # σ = 1e-6 keeps well under 10 correct digits
    assert np.all(rel_lapack <= 100 * 11 * EPS / sigma)  # backward stable: error ≲ ε·σ₁
    assert np.all(rel_lapack[6:] < rel_eigh[6:])


def test_explicit_tolerance_and_default_tolerance():
    A = np.diag([1.0, 1e-3, 1e-5])
    assert svd_via_eigh(A, tol=1e-4)[1].tolist() == [1.0, 1e-3, 0.0]
    assert np.count_nonzero(svd_via_eigh(A, tol=0.0)[1]) == 3
    assert default_tolerance((4, 9), 2.0) == pytest.approx(np.sqrt(9 * EPS) * 2.0)
    with pytest.raises(ValueError, match="sigma_max must be ≥ 0"):
        default_tolerance((2, 2), -1.0)


@pytest.mark.parametrize(
    ("bad", "kwargs", "error", "message"),
    [
        ([1.0, 2.0, 3.0], {}, ValueError, "A must be a 2-D matrix"),
        (np.ones((2, 2, 2)), {}, ValueError, "A must be a 2-D matrix"),
        ([[1.0, np.nan], [0.0, 1.0]], {}, ValueError, "A contains NaN or infinity"),
        ([[1.0, np.inf], [0.0, 1.0]], {}, ValueError, "A contains NaN or infinity"),
        (np.zeros((0, 3)), {}, ValueError, "A must not be empty"),
        ("abc", {}, TypeError, "A must be an array of numbers"),
        ([[1j, 0], [0, 1]], {}, TypeError, "A must be real"),
        ([[1.0]], {"tol": -1.0}, ValueError, "tol must be ≥ 0"),
        ([[1.0]], {"tol": np.nan}, ValueError, "tol must be a finite number"),
        ([[1.0]], {"full_matrices": "yes"}, TypeError, "full_matrices must be True or False"),
    ],
)
def test_bad_input_is_named(bad, kwargs, error, message):
    with pytest.raises(error, match=message):
        svd_via_eigh(bad, **kwargs)


def test_complete_orthonormal_basis():
    q = np.array([[1.0], [2.0], [2.0]]) / 3.0
    U = complete_orthonormal_basis(q)
    np.testing.assert_allclose(U.T @ U, np.eye(3), atol=1e-15)
    np.testing.assert_array_equal(U[:, :1], q)  # the given columns are kept as they are
    np.testing.assert_allclose(complete_orthonormal_basis(np.zeros((3, 0))), np.eye(3))
    full = np.eye(2)[:, ::-1]
    np.testing.assert_array_equal(complete_orthonormal_basis(full), full)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (np.ones((2, 3)) / 2, "Q has 3 columns but only 2 rows"),
        (np.array([[1.0], [1.0]]), "Q must have orthonormal columns"),
        (np.zeros((0, 0)), "Q must have at least one row"),
        ([1.0, 0.0], "Q must be a 2-D matrix"),
    ],
)
def test_complete_orthonormal_basis_rejects_bad_input(bad, message):
    with pytest.raises(ValueError, match=message):
        complete_orthonormal_basis(bad)


@st.composite
def matrices(draw):
    """Tall, wide and square matrices, often rank-deficient, with σ_r/σ₁ ≥ 1e-2."""
    m = draw(st.integers(1, 6))
    n = draw(st.integers(1, 6))
    r = draw(st.integers(0, min(m, n)))
    scale = 10.0 ** draw(st.integers(-3, 3))
    s = draw(st.lists(st.floats(1e-2, 1.0), min_size=r, max_size=r))
    seed = draw(st.integers(0, 2**32 - 1))
    A = with_singular_values(sorted(s, reverse=True), m, n, seed=seed) * scale
    return A, r


@settings(max_examples=50, deadline=None)
@given(matrices(), st.booleans())
def test_properties_against_numpy(case, full):
    A, r = case
    m, n = A.shape
    p = min(m, n)
    U, s, Vt = svd_via_eigh(A, full_matrices=full)
    s0 = np.linalg.svd(A, compute_uv=False)
    scale = max(s0[0], np.finfo(float).tiny)
    # ordering and the number of nonzero singular values (the rank)
    assert s.shape == (p,)
    assert np.all(s >= 0) and np.all(np.diff(s) <= 0)
    assert np.count_nonzero(s) == r
    np.testing.assert_allclose(s, s0, rtol=1e-9, atol=1e-12 * scale)
    # orthogonality
    k = U.shape[1]
    assert U.shape == ((m, m) if full else (m, p))
    assert Vt.shape == ((n, n) if full else (p, n))
    np.testing.assert_allclose(U.T @ U, np.eye(k), atol=1e-9)
    np.testing.assert_allclose(Vt @ Vt.T, np.eye(Vt.shape[0]), atol=1e-12)
    # reconstruction
    R = U @ sigma_matrix(s, (k, Vt.shape[0])) @ Vt
    np.testing.assert_allclose(R, A, atol=1e-10 * scale)
    # the construction: uᵢ = Avᵢ/σᵢ for the nonzero σᵢ
    np.testing.assert_allclose(U[:, :r] * s[:r], A @ Vt[:r].T, atol=1e-12 * scale)


# --------------------------------------------------------------------------- issue 20


@pytest.mark.parametrize("scale", [1e200, 1e-170, 1e300])
def test_svd_via_eigh_at_any_scale(scale):
    # Unscaled, AᵀA overflowed and the default tolerance became inf; the error then
    # named `tol`, an argument the caller never passed.
    A = np.array([[3.0, 2.0, 2.0], [2.0, 3.0, -2.0]])
    U, s, Vt = svd_via_eigh(scale * A)
    assert np.allclose(s / scale, [5.0, 3.0])
    assert np.allclose(U @ np.diag(s / scale) @ Vt[:2], A)


def test_svd_via_eigh_explicit_tol_is_in_the_units_of_a():
    A = 1e200 * np.diag([1.0, 1e-3])
    assert np.count_nonzero(svd_via_eigh(A, tol=1e196)[1]) == 2
    assert np.count_nonzero(svd_via_eigh(A, tol=1e198)[1]) == 1


def test_default_tolerance_checks_its_arguments():
    with pytest.raises(ValueError, match="shape must be a pair"):
        default_tolerance((2,), 1.0)
    with pytest.raises(TypeError, match="sigma_max must be a real number"):
        default_tolerance((2, 2), "1")


def test_condition_number_full_rank_square_and_rectangular(rng):
    from helpers.decompositions import condition_number

    for shape in ((4, 4), (6, 3), (3, 6)):
        A = rng.standard_normal(shape)
        assert condition_number(A) == pytest.approx(np.linalg.cond(A), rel=1e-12)
    A = with_singular_values([10.0, 2.0, 0.5], 5, 3, seed=2)
    assert condition_number(A) == pytest.approx(20.0, rel=1e-12)


def test_condition_number_is_inf_when_numerically_rank_deficient():
    from helpers.decompositions import condition_number, effective_condition_number

    A = with_singular_values([4.0, 1.0, 1e-17], 4, 3, seed=0)  # σ₃ below 4·ε·σ₁
    assert condition_number(A) == np.inf
    assert np.linalg.cond(A) < np.inf  # numpy returns a huge, meaningless number
    assert effective_condition_number(A) == pytest.approx(4.0, rel=1e-12)
    assert condition_number(np.zeros((2, 3))) == np.inf
    with pytest.raises(ValueError, match="A is the zero matrix"):
        effective_condition_number(np.zeros((2, 3)))


@pytest.mark.parametrize("scale", [1e200, 1e-170, 1e300])
def test_condition_numbers_at_any_scale(scale):
    from helpers.decompositions import condition_number, effective_condition_number, numerical_rank

    A = np.diag([3.0, 1.0, 0.0])
    assert condition_number(scale * A[:2, :2]) == pytest.approx(3.0)
    assert effective_condition_number(scale * A) == pytest.approx(3.0)
    assert numerical_rank(scale * A) == 2


def test_rank_tolerance_is_checked():
    from helpers.decompositions import condition_number, numerical_rank

    with pytest.raises(ValueError, match="rtol must be"):
        condition_number(np.eye(2), rtol=1.5)
    with pytest.raises(TypeError, match="rtol must be a real number"):
        numerical_rank(np.eye(2), rtol="0")
    assert numerical_rank(np.diag([1.0, 1e-3]), rtol=1e-2) == 1
