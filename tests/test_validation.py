"""The shared input guard: every bad input gets a clear error naming the argument."""

import numpy as np
import pytest

from helpers.validation import as_matrix, as_rank, as_vector, check_symmetric


def test_as_matrix_converts_integers_to_float():
    A = as_matrix([[1, 2], [3, 4]])
    assert A.dtype == np.float64
    assert A.shape == (2, 2)


def test_as_matrix_keeps_float32():
    assert as_matrix(np.ones((2, 3), dtype=np.float32)).dtype == np.float32


@pytest.mark.parametrize(
    ("bad", "error", "words"),
    [
        ("abc", TypeError, "M must be an array of numbers"),
        (None, TypeError, "M must be an array of numbers"),
        ([[1 + 2j, 0], [0, 1]], TypeError, "M must be real"),
        ([1.0, 2.0], ValueError, "M must be a 2-D matrix"),
        (np.ones((2, 2, 2)), ValueError, "M must be a 2-D matrix"),
        (np.zeros((0, 3)), ValueError, "M must not be empty"),
        ([[1.0, np.nan], [0.0, 1.0]], ValueError, "M contains NaN or infinity"),
        ([[1.0, np.inf], [0.0, 1.0]], ValueError, "M contains NaN or infinity"),
        ([["a", "b"]], TypeError, "M must be an array of real numbers"),
    ],
)
def test_as_matrix_rejects_bad_input_naming_it(bad, error, words):
    with pytest.raises(error, match=words):
        as_matrix(bad, name="M")


def test_as_matrix_square_and_symmetric():
    with pytest.raises(ValueError, match="S must be square, got shape \\(2, 3\\)"):
        as_matrix(np.ones((2, 3)), name="S", square=True)
    with pytest.raises(ValueError, match="S must be symmetric"):
        as_matrix([[1.0, 2.0], [0.0, 1.0]], name="S", symmetric=True)
    S = as_matrix([[2.0, 1.0], [1.0, 2.0]], symmetric=True)
    assert S.shape == (2, 2)


def test_check_symmetric_tolerates_round_off():
    A = np.array([[1.0, 1.0 + 1e-15], [1.0, 1.0]])
    check_symmetric(A)


def test_as_vector():
    assert as_vector([1, 2, 3], size=3).dtype == np.float64
    with pytest.raises(ValueError, match="x must be a 1-D vector"):
        as_vector([[1.0]])
    with pytest.raises(ValueError, match="x must have length 2, got length 3"):
        as_vector([1, 2, 3], size=2)
    with pytest.raises(ValueError, match="NaN"):
        as_vector([1.0, np.nan])


@pytest.mark.parametrize("k", [1, 5, np.int64(3)])
def test_as_rank_accepts_integers(k):
    assert as_rank(k, high=5) == int(k)


@pytest.mark.parametrize(
    ("k", "error", "words"),
    [
        (0, ValueError, "k must be at least 1 and at most 5, got 0"),
        (6, ValueError, "k must be at least 1 and at most 5, got 6"),
        (2.5, TypeError, "k must be an integer"),
        (True, TypeError, "k must be an integer"),
        ("3", TypeError, "k must be an integer"),
    ],
)
def test_as_rank_rejects(k, error, words):
    with pytest.raises(error, match=words):
        as_rank(k, high=5)
