"""Gershgorin discs: where the eigenvalues of a matrix can be, read off its entries.

Gershgorin's theorem (Golub & Van Loan, *Matrix Computations*, 4th ed., §7.2):
every eigenvalue of ``A`` lies in the union of the discs
``{z : |z − a_ii| ≤ r_i}`` with ``r_i = Σ_{j≠i} |a_ij|``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .validation import as_matrix

__all__ = ["GershgorinDiscs", "gershgorin_discs", "gershgorin_interval"]


class GershgorinDiscs(NamedTuple):
    """The row discs of a square matrix: disc i has centre centers[i], radius radii[i].

    A named pair (``centers``, ``radii``) of float arrays of the same length.
    """

    centers: np.ndarray
    radii: np.ndarray


def gershgorin_discs(A) -> GershgorinDiscs:
    """Return the Gershgorin row discs of a real square matrix.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real square matrix with finite entries.

    Returns
    -------
    GershgorinDiscs
        ``centers`` (the diagonal ``a_ii``) and ``radii`` (``r_i = Σ_{j≠i} |a_ij|``),
        two new float arrays of length ``n``. Every eigenvalue of ``A`` lies in
        the union of the discs ``|z − centers[i]| ≤ radii[i]``.

    Raises
    ------
    TypeError
        If ``A`` is not an array of real numbers.
    ValueError
        If ``A`` is not square, is empty or holds NaN or infinity.

    Examples
    --------
    >>> discs = gershgorin_discs([[4.0, 1.0], [2.0, -3.0]])
    >>> discs.centers.tolist(), discs.radii.tolist()
    ([4.0, -3.0], [1.0, 2.0])
    """
    A = as_matrix(A, "A", square=True)
    magnitudes = np.abs(A.astype(np.float64))
    centers = np.diag(A).astype(np.float64)  # a new array, never a view of the caller's
    radii = magnitudes.sum(axis=1) - np.diag(magnitudes)
    return GershgorinDiscs(centers, np.maximum(radii, 0.0))


def gershgorin_interval(A) -> tuple[float, float]:
    """Return ``(lo, hi)`` with every eigenvalue of a symmetric ``A`` in ``[lo, hi]``.

    For symmetric ``A`` the eigenvalues are real, so each lies in one of the
    intervals ``[a_ii − r_i, a_ii + r_i]``; ``lo = min_i (a_ii − r_i)`` and
    ``hi = max_i (a_ii + r_i)``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real symmetric matrix (relative tolerance 1e-10) with finite entries.

    Returns
    -------
    tuple of float
        ``(lo, hi)``, ``lo ≤ λ_min ≤ λ_max ≤ hi``.

    Raises
    ------
    TypeError
        If ``A`` is not an array of real numbers.
    ValueError
        If ``A`` is not square and symmetric, is empty or holds NaN or infinity.

    Examples
    --------
    >>> gershgorin_interval([[2.0, 1.0], [1.0, 2.0]])
    (1.0, 3.0)
    """
    A = as_matrix(A, "A", symmetric=True)
    centers, radii = gershgorin_discs(A)
    return float(np.min(centers - radii)), float(np.max(centers + radii))
