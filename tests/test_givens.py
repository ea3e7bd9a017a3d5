"""Tests of helpers.decompositions.givens."""

import numpy as np
import pytest

from helpers.decompositions.givens import givens_qr, givens_rotation

rng = np.random.default_rng(1)


@pytest.mark.parametrize(
    "a, b", [(3.0, 4.0), (-1.0, 2.0), (0.0, -5.0), (1e-300, 1e-300), (1e300, 1e300)]
)
def test_rotation_zeros_the_second_entry(a, b):
    c, s, r = givens_rotation(a, b)
    assert np.isclose(c * c + s * s, 1.0) and r >= 0
    assert np.isclose(c * a + s * b, r, rtol=1e-14)
    assert abs(-s * a + c * b) <= 1e-15 * max(abs(a), abs(b))


def test_zero_pair_gives_the_identity():
    assert givens_rotation(0.0, 0.0) == (1.0, 0.0, 0.0)


@pytest.mark.parametrize("shape", [(6, 3), (3, 6), (5, 5), (1, 4), (4, 1)])
def test_givens_qr_is_a_qr(shape):
    A = rng.standard_normal(shape)
    Q, R = givens_qr(A)
    assert np.allclose(Q @ R, A) and np.allclose(Q.T @ Q, np.eye(shape[0]))
    assert np.all(np.tril(R, -1) == 0)
    k = min(shape[1], shape[0] - 1)
    assert np.all(np.diag(R)[:k] >= 0)


def test_matches_lapack_up_to_signs():
    A = rng.standard_normal((7, 4))
    _, R = givens_qr(A)
    R_np = np.linalg.qr(A, mode="r")
    assert np.allclose(np.abs(R[:4]), np.abs(R_np))


def test_input_untouched_and_bad_input_refused():
    A = rng.standard_normal((4, 3))
    A0 = A.copy()
    givens_qr(A)
    assert np.array_equal(A, A0)
    with pytest.raises(ValueError, match="A"):
        givens_qr(np.array([[1.0, np.nan]]))
    with pytest.raises((TypeError, ValueError), match="a"):
        givens_rotation("x", 1.0)
