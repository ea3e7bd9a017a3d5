"""One shared guard for every public helper.

Each public function in :mod:`helpers` checks its input once, here, and fails
with a message a student can act on: which argument, what was expected, what
was received.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["as_matrix", "as_vector", "as_rank", "check_symmetric"]


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
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(float)
    return arr


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
    """
    scale = np.linalg.norm(A)
    asym = np.linalg.norm(A - A.T)
    if asym > rtol * max(scale, np.finfo(float).tiny):
        raise ValueError(
            f"{name} must be symmetric, but ‖{name} − {name}ᵀ‖_F = {asym:.3g} "
            f"(relative {asym / max(scale, np.finfo(float).tiny):.3g})"
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
