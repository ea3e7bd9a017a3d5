"""One shared guard for every public helper.

Each public function in :mod:`helpers` checks its input once, here, and fails
with a message a student can act on: which argument, what was expected, what
was received.

The principles the guards apply:

- dtypes: integers and booleans become float64, float32 stays float32, and
  the types numpy's linear algebra does not support (float16, longdouble)
  become float64, so no helper crashes inside numpy on them;
- flags must be real booleans (:func:`as_flag`): ``"no"`` is truthy and
  would silently mean True;
- seeds are named in their errors (:func:`as_generator`);
- scale before norms (:func:`scale_factor`): ``‖A‖`` of a matrix with
  entries near ``1e200`` overflows, and near ``1e-170`` it underflows, so
  every tolerance test divides by the largest entry first.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_matrix",
    "as_vector",
    "as_rank",
    "as_flag",
    "as_real",
    "as_generator",
    "check_symmetric",
    "scale_factor",
]


def _as_float_array(x, name: str) -> np.ndarray:
    """Convert ``x`` to a float ndarray, with a TypeError that names ``name``."""
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__}")
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and other oddities
        raise TypeError(f"{name} must be an array of numbers: {exc}") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must be an array of real numbers, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real, got complex dtype {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.floating) or arr.dtype not in (np.float32, np.float64):
        # integers, booleans, float16 and longdouble: numpy.linalg supports
        # none of the last two, so they become float64 (longdouble entries
        # beyond float64's range become ±inf and are reported as such).
        with np.errstate(over="ignore"):
            converted = arr.astype(np.float64)
        if np.issubdtype(arr.dtype, np.floating) and arr.dtype.itemsize > 8:
            if np.any(np.isinf(converted) & np.isfinite(arr)):
                raise ValueError(
                    f"{name} has entries beyond the float64 range (about 1.8e308), "
                    f"got dtype {arr.dtype} with a largest magnitude of "
                    f"{np.format_float_scientific(np.max(np.abs(arr[np.isfinite(arr)])), 3)}"
                )
        arr = converted
    return arr


def scale_factor(A) -> float:
    """Return the power of two ``2ᵉ`` with ``max |aᵢⱼ| / 2ᵉ`` in ``[0.5, 1)``: divide by it first.

    Norms and dot products square the entries: for entries beyond about
    ``1e154`` they overflow to ``inf``, below about ``1e-154`` they underflow
    to 0. Dividing by this factor first keeps every intermediate result in
    range, and because it is a power of two the division is exact (barring
    subnormal entries), so scale-invariant quantities such as
    ``‖A − Aᵀ‖/‖A‖`` come out bit for bit as without scaling wherever that
    did not overflow.

    Parameters
    ----------
    A : array_like
        A finite float array.

    Returns
    -------
    float
        ``2ᵉ``, or 1.0 when every entry is zero (or the array is empty).

    Examples
    --------
    >>> scale_factor(np.array([[3.0, -5.0]]))
    8.0
    >>> scale_factor(np.array([1e200])) > 1e199
    True
    """
    A = np.asarray(A)
    if A.size == 0:
        return 1.0
    m = float(np.max(np.abs(A)))
    if not (m > 0.0 and np.isfinite(m)):
        return 1.0
    return float(np.ldexp(1.0, min(int(np.frexp(m)[1]), 1023)))  # 2¹⁰²⁴ would overflow


def as_matrix(
    A,
    name: str = "A",
    *,
    square: bool = False,
    symmetric: bool = False,
    allow_empty: bool = False,
    copy: bool = False,
) -> np.ndarray:
    """Validate ``A`` as a finite real 2-D float array and return it.

    Parameters
    ----------
    A : array_like
        The matrix to check.
    name : str, optional
        The argument's name, used in error messages.
    square : bool, optional
        Require ``A`` to be square.
    symmetric : bool, optional
        Require ``A`` to be square and symmetric (up to a relative tolerance
        of ``1e-10`` on ``‖A − Aᵀ‖_F / ‖A‖_F``).
    allow_empty : bool, optional
        Accept a matrix with a zero dimension.
    copy : bool, optional
        Return a copy even when ``A`` already is a float array.

    Returns
    -------
    numpy.ndarray
        ``A`` as a float array (float32 stays float32; integers become float64).

    Raises
    ------
    TypeError
        If ``A`` is not an array of real numbers.
    ValueError
        If ``A`` is not 2-D, is empty, holds NaN or infinity, or is not square or
        symmetric when that was asked for.

    Examples
    --------
    >>> as_matrix([[1, 2], [3, 4]])
    array([[1., 2.],
           [3., 4.]])
    """
    for flag_name, flag in (
        ("square", square),
        ("symmetric", symmetric),
        ("allow_empty", allow_empty),
        ("copy", copy),
    ):
        if not isinstance(flag, (bool, np.bool_)):
            as_flag(flag, flag_name)
    arr = _as_float_array(A, name)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D matrix, got an array with shape {arr.shape}")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity; every entry must be finite")
    if (square or symmetric) and arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be square, got shape {arr.shape}")
    if symmetric:
        check_symmetric(arr, name)
    return arr.copy() if copy else arr


def check_symmetric(A: np.ndarray, name: str = "A", rtol: float = 1e-10) -> None:
    """Raise ``ValueError`` unless ``A`` equals its transpose up to ``rtol``.

    Parameters
    ----------
    A : numpy.ndarray
        A square float matrix.
    name : str, optional
        The argument's name, used in the error message.
    rtol : float, optional
        Tolerance on ``‖A − Aᵀ‖_F / ‖A‖_F``.

    Notes
    -----
    The ratio is computed on ``A / max|aᵢⱼ|``, so it is right for entries
    anywhere in the float64 range (unscaled, both norms overflow to ``inf``
    for entries near ``1e200`` and the test would pass anything).
    """
    A = np.asarray(A)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"{name} must be square to be symmetric, got shape {A.shape}")
    c = scale_factor(A)
    S = np.asarray(A, dtype=np.float64) / c
    scale = np.linalg.norm(S)
    asym = np.linalg.norm(S - S.T)
    if asym > rtol * scale:
        raise ValueError(
            f"{name} must be symmetric, but ‖{name} − {name}ᵀ‖_F = {asym * c:.3g} "
            f"(relative {asym / scale:.3g})"
        )


def as_vector(x, name: str = "x", *, size: int | None = None) -> np.ndarray:
    """Validate ``x`` as a finite real 1-D float array and return it.

    Parameters
    ----------
    x : array_like
        The vector to check.
    name : str, optional
        The argument's name, used in error messages.
    size : int, optional
        Required length.

    Returns
    -------
    numpy.ndarray
        ``x`` as a 1-D float array.

    Raises
    ------
    TypeError
        If ``x`` is not an array of real numbers.
    ValueError
        If ``x`` is not 1-D, has the wrong length, or holds NaN or infinity.
    """
    arr = _as_float_array(x, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D vector, got an array with shape {arr.shape}")
    if size is not None and arr.shape[0] != size:
        raise ValueError(f"{name} must have length {size}, got length {arr.shape[0]}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity; every entry must be finite")
    return arr


def as_rank(k, name: str = "k", *, low: int = 1, high: int | None = None) -> int:
    """Validate an integer rank (or count) ``k`` with ``low ≤ k ≤ high``.

    Parameters
    ----------
    k : int
        The value to check. Booleans and non-integral floats are rejected.
    name : str, optional
        The argument's name, used in error messages.
    low, high : int, optional
        Inclusive bounds; ``high=None`` means no upper bound.

    Returns
    -------
    int
        ``k`` as a Python int.

    Raises
    ------
    TypeError
        If ``k`` is not an integer.
    ValueError
        If ``k`` is outside ``[low, high]``.
    """
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {k!r} ({type(k).__name__})")
    k = int(k)
    if k < low or (high is not None and k > high):
        upper = "" if high is None else f" and at most {high}"
        raise ValueError(f"{name} must be at least {low}{upper}, got {k}")
    return k


def as_flag(value, name: str) -> bool:
    """Validate a flag: ``True`` or ``False`` (numpy booleans too), nothing else.

    A string such as ``"no"`` is truthy, so accepting any object would turn
    ``unit_diagonal="no"`` into True without a word.

    Parameters
    ----------
    value : bool
        The flag.
    name : str
        The argument's name, used in the error message.

    Returns
    -------
    bool

    Raises
    ------
    TypeError
        If ``value`` is not a bool.

    Examples
    --------
    >>> as_flag(np.True_, "verbose")
    True
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")
    return bool(value)


def as_real(
    value,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """Validate a finite real number (a tolerance, a fraction, a scale) and return it as float.

    Parameters
    ----------
    value : float
        The number. Booleans and strings are rejected.
    name : str
        The argument's name, used in error messages.
    low, high : float, optional
        Bounds; ``None`` means unbounded on that side.
    low_inclusive, high_inclusive : bool, optional
        Whether the bounds themselves are allowed.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is NaN, infinite or out of range.

    Examples
    --------
    >>> as_real(1e-8, "tol", low=0.0, low_inclusive=False)
    1e-08
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    too_low = low is not None and (value < low if low_inclusive else value <= low)
    too_high = high is not None and (value > high if high_inclusive else value >= high)
    if too_low or too_high:
        parts = []
        if low is not None:
            parts.append(f"{'≥' if low_inclusive else '>'} {low:g}")
        if high is not None:
            parts.append(f"{'≤' if high_inclusive else '<'} {high:g}")
        raise ValueError(f"{name} must be {' and '.join(parts)}, got {value!r}")
    return value


def as_generator(seed, name: str = "seed", *, allow_none: bool = True) -> np.random.Generator:
    """Turn a seed (a nonnegative int, a Generator or None) into a Generator.

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        A nonnegative integer gives a reproducible generator; a Generator is
        used as it is (it is shared, not copied); None draws fresh entropy.
    name : str, optional
        The argument's name, used in error messages.
    allow_none : bool, optional
        Whether None is accepted.

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    TypeError
        If ``seed`` has another type (booleans, floats and strings included).
    ValueError
        If ``seed`` is a negative integer.

    Examples
    --------
    >>> float(as_generator(0).standard_normal()) == float(as_generator(0).standard_normal())
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None and allow_none:
        return np.random.default_rng()
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        allowed = "a nonnegative int, a numpy.random.Generator" + (
            " or None" if allow_none else ""
        )
        raise TypeError(f"{name} must be {allowed}, got {seed!r} ({type(seed).__name__})")
    if seed < 0:
        raise ValueError(f"{name} must be a nonnegative integer, got {seed}")
    return np.random.default_rng(int(seed))
