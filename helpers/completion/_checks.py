"""The guards shared by the completion helpers: a ratings matrix with its mask of observed entries.

Private: the public functions call :func:`as_observed` first, so every one of
them fails the same way on the same bad input.
"""

from __future__ import annotations

import numpy as np

from ..validation import as_real

__all__ = ["LARGEST", "as_lambda", "as_mask", "as_observed", "describe_indices"]

#: The largest observed magnitude a model fit accepts: the squared errors it sums
#: must stay below float64's limit (about 1.8e308) for any matrix of reasonable size.
LARGEST = 1e150


def describe_indices(indices, what: str) -> str:
    """``"row 3"``, ``"rows 3, 8 and 2 more"``: a short list of offending indices."""
    indices = [int(i) for i in indices]
    shown = ", ".join(str(i) for i in indices[:3])
    more = f" and {len(indices) - 3} more" if len(indices) > 3 else ""
    return f"{what}{'s' if len(indices) > 1 else ''} {shown}{more}"


def as_mask(mask, shape: tuple[int, int] | None = None, name: str = "mask") -> np.ndarray:
    """Validate a boolean mask (True = observed) and return a copy of it.

    Booleans are accepted, and integer or float arrays holding only 0 and 1.

    Parameters
    ----------
    mask : array_like of bool
        The mask.
    shape : tuple of int, optional
        The shape it must have.
    name : str, optional
        The argument's name, used in error messages.

    Returns
    -------
    numpy.ndarray of bool
        A new array (never the caller's).

    Raises
    ------
    TypeError
        If ``mask`` is not an array of booleans (or of 0/1 numbers).
    ValueError
        If it is not 2-D or does not have ``shape``.
    """
    if isinstance(mask, (str, bytes)) or mask is None:
        raise TypeError(f"{name} must be a boolean array, got {type(mask).__name__}")
    try:
        arr = np.array(mask)  # a copy, always
    except Exception as exc:
        raise TypeError(f"{name} must be a boolean array: {exc}") from None
    if arr.dtype != np.bool_:
        if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
            raise TypeError(f"{name} must be a boolean array, got dtype {arr.dtype}")
        if np.iscomplexobj(arr) or not np.all((arr == 0) | (arr == 1)):
            raise TypeError(
                f"{name} must be a boolean array (True = observed), got dtype {arr.dtype} "
                "with values other than 0 and 1"
            )
        arr = arr.astype(bool)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D boolean array, got shape {arr.shape}")
    if shape is not None and arr.shape != tuple(shape):
        raise ValueError(
            f"{name} must have the shape of the ratings matrix {tuple(shape)}, got {arr.shape}"
        )
    return arr


def as_observed(
    R,
    mask,
    *,
    name: str = "R",
    mask_name: str = "mask",
    every_line: bool = True,
    bounded: bool = True,
    shape: tuple[int, int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Validate a partly observed matrix; return it with zeros off the mask, and the mask.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The matrix. Unobserved entries may hold anything (NaN included): they
        are never read.
    mask : array_like of bool, shape (m, n)
        True where ``R`` is observed.
    name, mask_name : str, optional
        The arguments' names, used in error messages.
    every_line : bool, optional
        Require at least one observed entry in every row and every column.
    bounded : bool, optional
        Refuse observed entries larger than :data:`LARGEST` in magnitude
        (a least-squares fit squares them).
    shape : tuple of int, optional
        The shape ``R`` must have (when it must match another matrix).

    Returns
    -------
    R0 : numpy.ndarray of float64, shape (m, n)
        A new array: ``R`` on the mask, 0 elsewhere.
    mask : numpy.ndarray of bool, shape (m, n)
        A new array.

    Raises
    ------
    TypeError
        If ``R`` is not an array of real numbers or ``mask`` not a boolean array.
    ValueError
        If ``R`` is not 2-D or empty, the shapes differ, an observed entry is
        NaN or infinite, nothing is observed, (with ``bounded``) an observed
        entry exceeds :data:`LARGEST`, or (with ``every_line``) a row or a
        column has no observed entry.
    """
    if isinstance(R, (str, bytes)) or R is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(R).__name__}")
    try:
        arr = np.array(R)  # a copy, always
    except Exception as exc:
        raise TypeError(f"{name} must be an array of numbers: {exc}") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must be an array of real numbers, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real, got complex dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D matrix, got an array with shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if shape is not None and arr.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}, got {arr.shape}")
    M = as_mask(mask, arr.shape, mask_name)
    if not M.any():
        raise ValueError(f"{mask_name} has no True entry: nothing of {name} is observed")
    bad = M & ~np.isfinite(arr)
    if bad.any():
        where = np.argwhere(bad)[0]
        raise ValueError(
            f"{name} has {int(bad.sum())} observed entries that are NaN or infinite "
            f"(the first at {tuple(int(i) for i in where)}); mark them unobserved in {mask_name}"
        )
    if bounded and np.abs(arr[M]).max() > LARGEST:
        raise ValueError(
            f"{name} has observed entries as large as {np.abs(arr[M]).max():.3g}: their squares "
            f"overflow float64 (keep them below {LARGEST:.0e} in magnitude, rescale {name})"
        )
    if every_line:
        for axis, what in ((1, "row"), (0, "column")):
            empty = np.flatnonzero(~M.any(axis=axis))
            if empty.size:
                raise ValueError(
                    f"{mask_name} has no observed entry in {describe_indices(empty, what)}: "
                    f"every {what} needs at least one (drop it, or use a split that keeps one)"
                )
    arr[~M] = 0.0
    return arr, M


def as_lambda(lam, name: str = "lam") -> float:
    """Validate a regularization weight λ ≥ 0."""
    return as_real(lam, name, low=0.0)
