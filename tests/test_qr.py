"""QR factorizations: against numpy's LAPACK QR, with the error bounds of notebook 06."""

from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.decompositions import (
    cgs2,
    classical_gram_schmidt,
    condition_number_exact,
    hilbert_condition_exact,
    hilbert_inverse_exact,
    householder_qr,
    householder_vector,
    modified_gram_schmidt,
    orthogonality_loss,
    qr_flops,
)
from helpers.matrices import hilbert, with_singular_values

EPS = np.finfo(float).eps
GRAM_SCHMIDT = [classical_gram_schmidt, modified_gram_schmidt, cgs2]
ALL_QR = [*GRAM_SCHMIDT, householder_qr]


def positive_diagonal(Q, R):
    """Flip signs so that diag(R) ≥ 0: the normalization that makes QR unique."""
    s = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * s, R * s[:, None]


def matrix_with_condition(m, n, log10_kappa, seed):
    """An m × n matrix with singular values from 1 down to 10^(−log10_kappa)."""
    s = np.logspace(0, -log10_kappa, n)
    return with_singular_values(s, m, n, seed)


# --- correctness against numpy ---------------------------------------------------


@pytest.mark.parametrize("qr", ALL_QR)
@pytest.mark.parametrize("shape", [(1, 1), (5, 1), (4, 4), (30, 7), (200, 40)])
def test_matches_numpy_qr(qr, shape, rng):
    A = rng.standard_normal(shape)
    Q, R = qr(A)
    Qn, Rn = positive_diagonal(*np.linalg.qr(A))
    assert Q.shape == Qn.shape and R.shape == Rn.shape
    np.testing.assert_allclose(R, Rn, atol=1e-12 * np.abs(Rn).max())
    np.testing.assert_allclose(Q, Qn, atol=1e-11)
    assert np.all(np.diag(R) > 0)
    assert np.array_equal(R, np.triu(R))


@pytest.mark.parametrize("qr", ALL_QR)
def test_accepts_integers_and_lists(qr):
    Q, R = qr([[3, 1], [4, 2]])
    np.testing.assert_allclose(R, [[5.0, 2.2], [0.0, 0.4]], atol=1e-14)
    np.testing.assert_allclose(Q, [[0.6, -0.8], [0.8, 0.6]], atol=1e-14)


@settings(max_examples=50, deadline=None)
@given(
    m=st.integers(1, 40),
    n_frac=st.floats(0.05, 1.0),
    log10_kappa=st.floats(0.0, 6.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_error_bounds_across_shapes_and_conditioning(m, n_frac, log10_kappa, seed):
    """Residual ~ε for all four; orthogonality ~ε, ~κε, ~κ²ε as in the literature."""
    n = max(1, round(n_frac * m))
    A = matrix_with_condition(m, n, log10_kappa, seed)
    kappa = np.linalg.cond(A)
    c = 10.0 * m * n  # a generous stand-in for the "c(m, n)" of the theorems
    bounds = {
        householder_qr: c * EPS,
        cgs2: c * EPS,
        modified_gram_schmidt: c * kappa * EPS,
        classical_gram_schmidt: c * kappa**2 * EPS,
    }
    for qr, bound in bounds.items():
        Q, R = qr(A)
        assert np.linalg.norm(A - Q @ R) <= c * EPS * np.linalg.norm(A), qr.__name__
        assert orthogonality_loss(Q) <= bound, qr.__name__
        assert np.all(np.diag(R) > 0) and np.array_equal(R, np.triu(R))
        # R is determined by A up to ~κε (it is the Cholesky factor of AᵀA)
        _, Rn = positive_diagonal(*np.linalg.qr(A))
        rel = np.linalg.norm(R - Rn) / np.linalg.norm(Rn)
        assert rel <= c * (kappa if qr is not classical_gram_schmidt else kappa**2) * EPS


def test_hilbert_orthogonality_ordering():
    """On H_8 (κ ≈ 1.5e10): CGS is lost, MGS is at ~κε, CGS2 and Householder at ~ε."""
    H = hilbert(8)
    kappa = hilbert_condition_exact(8)
    loss = {qr.__name__: orthogonality_loss(qr(H)[0]) for qr in ALL_QR}
    assert loss["classical_gram_schmidt"] > 0.1
    assert 1e-3 * kappa * EPS < loss["modified_gram_schmidt"] < 10 * kappa * EPS
    assert loss["cgs2"] < 100 * EPS
    assert loss["householder_qr"] < 100 * EPS


def test_mgs_updates_in_place_and_does_not_touch_input(rng):
    A = rng.standard_normal((50, 10))
    before = A.copy()
    for qr in ALL_QR:
        qr(A)
        assert np.array_equal(A, before), qr.__name__


def test_float32_input_is_computed_in_float64(rng):
    A = rng.standard_normal((6, 3)).astype(np.float32)
    for qr in ALL_QR:
        Q, R = qr(A)
        assert Q.dtype == np.float64 and R.dtype == np.float64


# --- rank deficiency ---------------------------------------------------------------


@pytest.mark.parametrize("qr", GRAM_SCHMIDT)
@pytest.mark.parametrize("kind", ["zero", "duplicate", "power_of_two_multiple"])
def test_gram_schmidt_detects_rank_deficiency(qr, kind, rng):
    A = rng.standard_normal((8, 4))
    if kind == "zero":
        A[:, 2] = 0.0
        words = "column 2 of A is zero"
    elif kind == "duplicate":
        A[:, 3] = A[:, 1]
        words = "column 3 of A has norm"
    else:
        A[:, 2] = 4.0 * A[:, 0]
        words = "column 2 of A has norm"
    with pytest.raises(ValueError, match=f"A is rank-deficient.*{words}"):
        qr(A)


@pytest.mark.parametrize("qr", [modified_gram_schmidt, cgs2])
@settings(max_examples=50, deadline=None)
@given(m=st.integers(3, 40), seed=st.integers(0, 2**32 - 1))
def test_mgs_and_cgs2_detect_combinations(qr, m, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, m + 1))
    A = rng.standard_normal((m, n))
    j = int(rng.integers(1, n))
    A[:, j] = A[:, :j] @ rng.standard_normal(j)
    with pytest.raises(ValueError, match="rank-deficient"):
        qr(A)


@pytest.mark.parametrize("qr", GRAM_SCHMIDT)
def test_rtol_zero_stops_only_at_exact_zero(qr):
    H = hilbert(14)  # numerically singular in float64: κ(fl(H_14))·ε > 1
    Q, R = qr(H, rtol=0)
    assert np.all(np.isfinite(Q)) and np.all(np.diag(R) > 0)
    with pytest.raises(ValueError, match="column 1 of A is zero"):
        qr([[1.0, 0.0], [1.0, 0.0]], rtol=0)


def test_householder_handles_rank_deficiency():
    A = np.array([[1.0, 2.0, 0.0], [2.0, 4.0, 0.0], [3.0, 6.0, 0.0], [0.0, 0.0, 0.0]])
    Q, R = householder_qr(A)
    assert orthogonality_loss(Q) < 1e-14
    np.testing.assert_allclose(Q @ R, A, atol=1e-14)
    assert abs(R[1, 1]) < 1e-14 and R[2, 2] == 0.0


# --- Householder specifics ------------------------------------------------------------


@pytest.mark.parametrize("shape", [(6, 3), (3, 6), (4, 4), (1, 5), (5, 1)])
def test_householder_complete_and_wide(shape, rng):
    A = rng.standard_normal(shape)
    m, n = shape
    Q, R = householder_qr(A, mode="complete")
    assert Q.shape == (m, m) and R.shape == (m, n)
    np.testing.assert_allclose(Q.T @ Q, np.eye(m), atol=1e-14)
    np.testing.assert_allclose(Q @ R, A, atol=1e-13)
    assert np.array_equal(R, np.triu(R))
    Qr, Rr = householder_qr(A)
    k = min(m, n)
    assert Qr.shape == (m, k) and Rr.shape == (k, n)
    Qn, Rn = positive_diagonal(*np.linalg.qr(A))
    np.testing.assert_allclose(Rr, Rn, atol=1e-12)
    np.testing.assert_allclose(Qr, Qn, atol=1e-12)


def test_householder_vector_reflects_onto_the_axis(rng):
    for x in ([3.0, 4.0], [-3.0, 4.0], [0.0, 2.0], [5.0], rng.standard_normal(7)):
        x = np.asarray(x)
        v = householder_vector(x)
        assert np.isclose(np.linalg.norm(v), 1.0)
        Hx = x - 2 * v * (v @ x)
        expected = np.zeros_like(x)
        expected[0] = -np.copysign(np.linalg.norm(x), x[0])
        np.testing.assert_allclose(Hx, expected, atol=1e-14 * np.linalg.norm(x))
    with pytest.raises(ValueError, match="x must be nonzero"):
        householder_vector([0.0, 0.0])


# --- the measuring tools ----------------------------------------------------------------


def test_orthogonality_loss():
    assert orthogonality_loss(np.eye(4)) == 0.0
    Q = np.array([[1.0, 1.0], [0.0, 0.0]])
    assert np.isclose(orthogonality_loss(Q), np.sqrt(2))
    assert np.isclose(orthogonality_loss(Q, ord=2), 1.0)
    with pytest.raises(ValueError, match="ord must be 'fro' or 2"):
        orthogonality_loss(Q, ord=1)


def test_qr_flops_leading_terms():
    m, n = 20000, 5000
    assert np.isclose(qr_flops(m, n, "cgs") / (2 * m * n**2), 1, rtol=1e-3)
    assert np.isclose(qr_flops(m, n, "mgs") / (2 * m * n**2), 1, rtol=1e-3)
    assert np.isclose(qr_flops(m, n, "cgs2") / (4 * m * n**2), 1, rtol=1e-3)
    hh_r = 2 * m * n**2 - 2 * n**3 / 3
    assert np.isclose(qr_flops(m, n, "householder_r") / hh_r, 1, rtol=1e-3)
    assert np.isclose(qr_flops(m, n, "householder") / (2 * hh_r), 1, rtol=1e-3)
    assert qr_flops(7, 1, "cgs") == 3 * 7  # one norm and one scaling


def test_qr_flops_rejects_bad_input():
    with pytest.raises(ValueError, match="method must be one of"):
        qr_flops(5, 3, "givens")
    with pytest.raises(ValueError, match="needs m ≥ n"):
        qr_flops(3, 5, "mgs")
    with pytest.raises(TypeError, match="m must be an integer"):
        qr_flops(2.5, 1, "mgs")


def test_condition_number_exact_matches_numpy_when_numpy_is_reliable(rng):
    for n in (1, 2, 5, 9):
        A = rng.standard_normal((n, n))
        assert np.isclose(condition_number_exact(A), np.linalg.cond(A), rtol=1e-9)
    assert condition_number_exact([[1.0, 2.0], [2.0, 4.0]]) == np.inf


def test_condition_numbers_of_hilbert_against_mpmath():
    """Both routes against an independent 60-digit eigenvalue computation."""
    for n in (6, 12, 13):
        with mpmath.workdps(60):
            exact = mpmath.matrix(
                [[mpmath.mpf(1) / (i + j + 1) for j in range(n)] for i in range(n)]
            )
            stored = mpmath.matrix([[mpmath.mpf(float(x)) for x in row] for row in hilbert(n)])
            kappas = []
            for M in (exact, stored):
                lam = [abs(x) for x in mpmath.eigsy(M, eigvals_only=True)]
                kappas.append(float(max(lam) / min(lam)))
        assert np.isclose(hilbert_condition_exact(n), kappas[0], rtol=1e-12)
        assert np.isclose(condition_number_exact(hilbert(n)), kappas[1], rtol=1e-12)
    # the rounding of the entries matters from n = 13 on
    assert condition_number_exact(hilbert(13)) > 3 * hilbert_condition_exact(13)


def test_hilbert_inverse_is_exact():
    n = 7
    X = hilbert_inverse_exact(n)
    H = [[Fraction(1, i + j + 1) for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(n):
            assert sum(H[i][k] * X[k][j] for k in range(n)) == (1 if i == j else 0)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("qr", ALL_QR)
@pytest.mark.parametrize(
    ("bad", "error", "words"),
    [
        ([1.0, 2.0], ValueError, "A must be a 2-D matrix"),
        ([[1.0, np.nan], [0.0, 1.0]], ValueError, "A contains NaN or infinity"),
        ("abc", TypeError, "A must be an array of numbers"),
        (np.zeros((0, 2)), ValueError, "A must not be empty"),
    ],
)
def test_rejects_bad_input(qr, bad, error, words):
    with pytest.raises(error, match=words):
        qr(bad)


@pytest.mark.parametrize("qr", GRAM_SCHMIDT)
def test_gram_schmidt_rejects_wide_matrices_and_bad_rtol(qr):
    with pytest.raises(ValueError, match="at least as many rows as columns"):
        qr(np.ones((2, 3)))
    with pytest.raises(ValueError, match="rtol must satisfy 0 ≤ rtol < 1"):
        qr(np.eye(2), rtol=-1e-3)
    with pytest.raises(TypeError, match="rtol must be a real number"):
        qr(np.eye(2), rtol="small")


def test_householder_rejects_unknown_mode():
    with pytest.raises(ValueError, match="mode must be 'reduced' or 'complete'"):
        householder_qr(np.eye(2), mode="full")


def test_condition_number_exact_needs_a_square_matrix():
    with pytest.raises(ValueError, match="A must be square"):
        condition_number_exact(np.ones((2, 3)))


# --------------------------------------------------------------------------- issue 20


@pytest.mark.parametrize("scale", [1e155, 1e200, 1e-170, 1e-300])
@pytest.mark.parametrize(
    "qr", [classical_gram_schmidt, modified_gram_schmidt, cgs2, householder_qr]
)
def test_qr_at_any_scale(qr, scale):
    # Unscaled, Gram–Schmidt called 1e155·I rank-deficient ("columns 0…-1") and
    # Householder gave NaN: the column norms overflowed or underflowed.
    A0 = np.array([[3.0, 1.0], [4.0, 2.0], [0.0, 1.0]])
    Q0, R0 = qr(A0)
    Q, R = qr(scale * A0)
    assert np.all(np.isfinite(Q)) and np.all(np.isfinite(R))
    assert np.allclose(Q, Q0, atol=1e-14)
    assert np.allclose(R / scale, R0, rtol=1e-13, atol=1e-14)


def test_gram_schmidt_on_a_huge_identity():
    Q, R = classical_gram_schmidt(1e155 * np.eye(3))
    assert np.array_equal(Q, np.eye(3)) and np.allclose(np.diag(R), 1e155)


@pytest.mark.parametrize("scale", [1e200, 1e-170])
def test_householder_vector_at_any_scale(scale):
    v = householder_vector(scale * np.array([3.0, 4.0]))
    assert np.allclose(v, householder_vector([3.0, 4.0]))


@pytest.mark.parametrize("bad", [np.array(["fro"]), ["reduced"], None, 2])
def test_mode_and_ord_of_the_wrong_type_get_a_clear_error(bad):
    with pytest.raises(ValueError, match="mode must be 'reduced' or 'complete'"):
        householder_qr(np.eye(2), mode=bad)
    with pytest.raises(ValueError, match="ord must be 'fro' or 2"):
        orthogonality_loss(np.eye(2), ord=bad if bad != 2 else 2.5)
    with pytest.raises(ValueError, match="method must be one of"):
        qr_flops(3, 2, bad)


def test_householder_vector_rejects_an_empty_vector():
    with pytest.raises(ValueError, match="x must not be empty"):
        householder_vector([])
