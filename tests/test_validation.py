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


# --------------------------------------------------------------------------- issue 20


@pytest.mark.parametrize("dtype", [np.float16, np.longdouble])
def test_unsupported_float_types_become_float64(dtype):
    # numpy.linalg rejects float16 and longdouble: they passed the guard, then crashed.
    A = as_matrix(np.array([[2.0, 1.0], [1.0, 2.0]], dtype=dtype))
    assert A.dtype == np.float64
    np.linalg.svd(A)
    assert as_vector(np.ones(3, dtype=dtype)).dtype == np.float64


def test_longdouble_beyond_float64_is_refused():
    big = np.array([[np.longdouble(10) ** 400]], dtype=np.longdouble)
    if not np.isfinite(big).all():  # platforms where longdouble is float64
        pytest.skip("longdouble has no wider range here")
    with pytest.raises(ValueError, match="A has entries beyond the float64 range"):
        as_matrix(big)


@pytest.mark.parametrize("scale", [1e200, 1e-170, 1e300])
def test_symmetry_guard_is_scale_invariant(scale):
    with pytest.raises(ValueError, match="must be symmetric"):
        check_symmetric(scale * np.array([[1.0, 2.0], [0.0, 1.0]]))
    check_symmetric(scale * np.array([[1.0, 2.0], [2.0, 1.0]]))


def test_scale_factor_is_a_power_of_two_near_the_largest_entry():
    from helpers.validation import scale_factor

    for value in (3.0, 1e-300, 1e300, np.finfo(float).max, 5e-324):
        c = scale_factor(np.array([value, -value / 2]))
        assert np.isfinite(c) and 0.5 <= value / c < 2.0
        assert np.frexp(c)[0] == 0.5  # a power of two: the division is exact
    assert scale_factor(np.zeros((2, 2))) == 1.0


def test_as_flag_accepts_only_booleans():
    from helpers.validation import as_flag

    assert as_flag(True, "f") is True and as_flag(np.bool_(False), "f") is False
    for bad in ("no", 1, None, 0.0):
        with pytest.raises(TypeError, match="unit_diagonal must be True or False"):
            as_flag(bad, "unit_diagonal")


def test_as_real_names_the_argument_and_the_range():
    from helpers.validation import as_real

    assert as_real(np.float32(0.5), "tol", low=0.0) == 0.5
    with pytest.raises(TypeError, match="tol must be a real number"):
        as_real("1e-8", "tol")
    with pytest.raises(TypeError, match="tol must be a real number"):
        as_real(True, "tol")
    with pytest.raises(ValueError, match="tol must be a finite number"):
        as_real(float("nan"), "tol")
    with pytest.raises(ValueError, match=r"tol must be > 0, got 0.0"):
        as_real(0, "tol", low=0.0, low_inclusive=False)
    with pytest.raises(ValueError, match=r"fraction must be > 0 and ≤ 1, got 1.5"):
        as_real(1.5, "fraction", low=0.0, low_inclusive=False, high=1.0)


def test_as_generator_names_the_seed():
    from helpers.validation import as_generator

    assert as_generator(3).integers(1000) == np.random.default_rng(3).integers(1000)
    g = np.random.default_rng(0)
    assert as_generator(g) is g
    for bad, error in ((-1, ValueError), (1.5, TypeError), ("0", TypeError), (True, TypeError)):
        with pytest.raises(error, match="seed must be"):
            as_generator(bad)
    with pytest.raises(TypeError, match="seed must be a nonnegative int"):
        as_generator(None, allow_none=False)


def test_as_matrix_options_must_be_booleans():
    with pytest.raises(TypeError, match="symmetric must be True or False"):
        as_matrix(np.eye(2), symmetric="no")
