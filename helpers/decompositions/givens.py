"""Givens rotations and QR by Givens rotations (Golub & Van Loan, 4th ed., §5.1.8, §5.2.5).

A Givens rotation acts on two coordinates only,
``G = [[c, s], [−s, c]]`` with ``c² + s² = 1``, chosen so that
``G (a, b)ᵀ = (r, 0)ᵀ``. QR by Givens zeros the entries below the diagonal one
at a time; it costs about ``3mn² − n³`` flops for ``R`` (GVL §5.2.5), 1.5 times
Householder's ``2mn² − 2n³/3`` when ``m ≫ n``, but each rotation touches two
rows only, which pays for sparse or structured matrices (Hessenberg,
banded) and for updating a QR decomposition when a row is added.
"""

import numpy as np

from ..validation import as_matrix, as_real

__all__ = ["givens_qr", "givens_rotation"]


def givens_rotation(a, b):
    """Return ``(c, s, r)`` with ``[[c, s], [−s, c]] @ (a, b) = (r, 0)`` and ``r ≥ 0``.

    Parameters
    ----------
    a, b : float
        The two entries; finite real numbers.

    Returns
    -------
    c, s, r : float
        ``c² + s² = 1`` and ``r = √(a² + b²)`` (computed by ``hypot``, which
        neither overflows nor underflows in the squares). For ``a = b = 0``
        the identity ``(1, 0, 0)``.

    Raises
    ------
    TypeError, ValueError
        If ``a`` or ``b`` is not a finite real number.

    Examples
    --------
    >>> givens_rotation(3.0, 4.0)
    (0.6, 0.8, 5.0)
    """
    a, b = as_real(a, "a"), as_real(b, "b")
    r = float(np.hypot(a, b))
    if r == 0.0:
        return 1.0, 0.0, 0.0
    return a / r, b / r, r


def givens_qr(A):
    """Full QR decomposition ``A = QR`` by Givens rotations, column by column, bottom up.

    Parameters
    ----------
    A : array_like
        An ``m × n`` real matrix (any rank).

    Returns
    -------
    Q : numpy.ndarray
        ``m × m`` orthogonal: the product of the transposed rotations.
    R : numpy.ndarray
        ``m × n`` upper triangular (entries below the diagonal exactly zero),
        with ``r_jj ≥ 0`` for every ``j < min(n, m − 1)`` (the last rotation of
        column ``j`` puts ``r = hypot(·,·) ≥ 0`` there); when ``n ≥ m`` the entry
        ``r_{m−1,m−1}`` is never rotated and keeps its sign.

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite real 2-D array.
    """
    R = as_matrix(A, "A", copy=True).astype(float)
    m, n = R.shape
    Q = np.eye(m)
    for j in range(min(n, m - 1)):
        for i in range(m - 1, j, -1):  # zero R[i, j] against the row above it
            c, s, _ = givens_rotation(R[i - 1, j], R[i, j])
            G = np.array([[c, s], [-s, c]])
            R[[i - 1, i], j:] = G @ R[[i - 1, i], j:]
            Q[:, [i - 1, i]] = Q[:, [i - 1, i]] @ G.T
            R[i, j] = 0.0
    return Q, R
