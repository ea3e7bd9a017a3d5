"""Tests of helpers.gershgorin."""

import numpy as np
import pytest

from helpers.gershgorin import gershgorin_discs, gershgorin_interval


def test_every_eigenvalue_lies_in_some_disc():
    rng = np.random.default_rng(0)
    for n in (1, 2, 5, 12):
        A = rng.standard_normal((n, n)) * rng.uniform(0.1, 10)
        centers, radii = gershgorin_discs(A)
        for lam in np.linalg.eigvals(A):
            assert np.any(np.abs(lam - centers) <= radii * (1 + 1e-12) + 1e-12)


def test_discs_of_a_diagonal_matrix_are_points():
    centers, radii = gershgorin_discs(np.diag([3.0, -1.0, 2.5]))
    assert centers.tolist() == [3.0, -1.0, 2.5] and radii.tolist() == [0.0, 0.0, 0.0]


def test_radii_are_off_diagonal_absolute_row_sums():
    A = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, 0.0], [-1.0, -1.0, -6.0]])
    centers, radii = gershgorin_discs(A)
    assert np.array_equal(centers, [1.0, 4.0, -6.0])
    assert np.array_equal(radii, [5.0, 0.5, 2.0])


def test_interval_contains_the_spectrum_of_symmetric_matrices():
    rng = np.random.default_rng(1)
    for n in (1, 3, 8):
        X = rng.standard_normal((n, n))
        S = X + X.T
        lo, hi = gershgorin_interval(S)
        lam = np.linalg.eigvalsh(S)
        assert lo <= lam[0] + 1e-12 and lam[-1] <= hi + 1e-12


def test_the_caller_array_is_not_kept_or_changed():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    before = A.copy()
    centers, _radii = gershgorin_discs(A)
    centers[0] = 99.0
    assert np.array_equal(A, before)


@pytest.mark.parametrize(
    "bad, error",
    [
        (np.ones((2, 3)), ValueError),
        ([[1.0, np.nan], [0.0, 1.0]], ValueError),
        ("abc", TypeError),
        (np.zeros((0, 0)), ValueError),
    ],
)
def test_bad_input_is_refused_naming_A(bad, error):
    with pytest.raises(error, match="A"):
        gershgorin_discs(bad)


def test_interval_refuses_a_non_symmetric_matrix():
    with pytest.raises(ValueError, match="A"):
        gershgorin_interval([[1.0, 2.0], [0.0, 1.0]])
