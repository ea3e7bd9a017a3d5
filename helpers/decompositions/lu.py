"""LU with partial pivoting, triangular solves and Cholesky (notebook 07).

The loops run over columns (or rows), never over scalars: each step is a
vector or rank-1 operation on whole slices, in numpy only. These functions
are written to be read and checked against LAPACK (``scipy.linalg.lu``,
``numpy.linalg.cholesky``), not to compete with it.

Conventions
-----------
:func:`lu_partial_pivot` returns ``(P, L, U)`` with ``PA = LU``. SciPy's
``scipy.linalg.lu`` returns ``(P, L, U)`` with ``A = PLU``: its ``P`` is the
transpose of ours.
"""

from __future__ import annotations

import math

import numpy as np

from ..validation import as_flag, as_matrix, as_rank, as_vector, check_symmetric

__all__ = [
    "lu_no_pivot",
    "lu_partial_pivot",
    "growth_factor",
    "max_growth_matrix",
    "forward_substitution",
    "back_substitution",
    "lu_solve",
    "permutation_sign",
    "det_lu",
    "cholesky",
]


def _eliminate(A: np.ndarray, pivoting: bool):
    """Gaussian elimination on a copy of square or rectangular ``A``.

    Returns ``(perm, L, U, growth, zero_pivots)``: the row order, the unit
    lower factor, the upper factor, ``max |a_ij^(k)| / max |a_ij|`` over
    every intermediate matrix, and the columns where the pivot was zero.
    """
    m, n = A.shape
    k_max = min(m, n)
    W = np.array(A, dtype=np.float64)
    L = np.eye(m, k_max)
    perm = np.arange(m)
    scale = float(np.max(np.abs(W)))
    largest = scale
    zero_pivots = []
    for k in range(k_max):
        if pivoting:
            p = k + int(np.argmax(np.abs(W[k:, k])))
            if p != k:
                W[[k, p]] = W[[p, k]]
                L[[k, p], :k] = L[[p, k], :k]
                perm[[k, p]] = perm[[p, k]]
        pivot = W[k, k]
        if pivot == 0.0:
            if np.any(W[k + 1 :, k] != 0.0):
                raise ZeroDivisionError(k)  # only without pivoting
            zero_pivots.append(k)  # the column is already eliminated: L's column stays e_k
            continue
        multipliers = W[k + 1 :, k] / pivot
        L[k + 1 :, k] = multipliers
        W[k + 1 :, k + 1 :] -= np.outer(multipliers, W[k, k + 1 :])
        W[k + 1 :, k] = 0.0
        if W.shape[0] > k + 1 and W.shape[1] > k + 1:
            largest = max(largest, float(np.max(np.abs(W[k + 1 :, k + 1 :]))))
    U = np.triu(W[:k_max, :])
    growth = largest / scale if scale > 0 else 1.0
    return perm, L, U, growth, zero_pivots


def lu_partial_pivot(A):
    """LU factorization with partial pivoting: ``PA = LU``.

    At step ``k`` the row with the largest ``|a_ik|`` (``i ≥ k``) is swapped
    into the pivot position, so every multiplier satisfies ``|l_ik| ≤ 1``;
    then the rows below are updated by one rank-1 operation.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix, also singular or rectangular.

    Returns
    -------
    P : numpy.ndarray, shape (m, m)
        A permutation matrix. (SciPy's ``scipy.linalg.lu`` returns ``Pᵀ``.)
    L : numpy.ndarray, shape (m, k)
        Unit lower triangular (trapezoidal), ``k = min(m, n)``, ``|l_ij| ≤ 1``.
    U : numpy.ndarray, shape (k, n)
        Upper triangular (trapezoidal).

    Raises
    ------
    ValueError
        If ``A`` is not a finite nonempty 2-D matrix.

    Notes
    -----
    A singular ``A`` is factored too: when a whole column below the diagonal
    is already zero, the step is skipped and ``U`` gets an exact zero pivot
    ``u_kk = 0``. Then ``PA = LU`` still holds, ``det(A) = 0``, and
    :func:`back_substitution` with this ``U`` raises (``Ux = y`` has no unique
    solution). In floating point a singular matrix usually produces a tiny
    nonzero pivot instead of an exact zero.

    Examples
    --------
    >>> P, L, U = lu_partial_pivot([[1.0, 2.0], [3.0, 4.0]])
    >>> P
    array([[0., 1.],
           [1., 0.]])
    >>> U.round(6) + 0.0
    array([[3.      , 4.      ],
           [0.      , 0.666667]])
    """
    A = as_matrix(A, "A")
    perm, L, U, _, _ = _eliminate(A, pivoting=True)
    P = np.eye(A.shape[0])[perm]
    return P, L, U


def lu_no_pivot(A):
    """LU factorization without pivoting, ``A = LU``: Gaussian elimination as taught.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A finite matrix whose pivots are all nonzero (for example, one with
        nonzero leading principal minors).

    Returns
    -------
    L : numpy.ndarray, shape (m, k)
        Unit lower triangular, ``k = min(m, n)``; its entries may be huge.
    U : numpy.ndarray, shape (k, n)
        Upper triangular.

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2-D matrix, or a zero pivot appears above
        nonzero entries (elimination without row swaps cannot go on).

    Examples
    --------
    >>> L, U = lu_no_pivot([[2.0, 1.0], [4.0, 5.0]])
    >>> L
    array([[1., 0.],
           [2., 1.]])
    """
    A = as_matrix(A, "A")
    try:
        _, L, U, _, _ = _eliminate(A, pivoting=False)
    except ZeroDivisionError as exc:
        k = exc.args[0]
        raise ValueError(
            f"A has a zero pivot at step {k} (numbered from 0) with nonzero entries "
            f"below it: elimination without row exchanges cannot continue; use "
            f"lu_partial_pivot"
        ) from None
    return L, U


def growth_factor(A, pivoting: bool = True) -> float:
    """Return the growth factor ``ρ = max_{i,j,k} |a_ij^(k)| / max_{i,j} |a_ij|``.

    The maximum runs over every intermediate matrix of Gaussian elimination
    (Wilkinson's definition). With partial pivoting ``ρ ≤ 2^{n−1}``, and
    :func:`max_growth_matrix` attains it; in practice ``ρ`` is small.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A finite matrix (not all zero).
    pivoting : bool, optional
        Partial pivoting (default) or none.

    Returns
    -------
    float
        ``ρ ≥ 1``.

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2-D matrix, is zero, or (without pivoting)
        meets a zero pivot.

    Examples
    --------
    >>> growth_factor(max_growth_matrix(5))
    16.0
    """
    A = as_matrix(A, "A")
    pivoting = as_flag(pivoting, "pivoting")
    if not np.any(A):
        raise ValueError("A must not be the zero matrix: its growth factor is undefined")
    try:
        _, _, _, growth, _ = _eliminate(A, pivoting=pivoting)
    except ZeroDivisionError:
        raise ValueError("A has a zero pivot: elimination without pivoting fails") from None
    return float(growth)


def max_growth_matrix(n: int) -> np.ndarray:
    """Return Wilkinson's ``n × n`` matrix with growth factor ``2^{n−1}`` under partial pivoting.

    Ones on the diagonal and in the last column, ``−1`` below the diagonal.
    Partial pivoting never swaps (every candidate has ``|−1| = 1`` = the
    pivot), and each step doubles the last column: ``u_nn = 2^{n−1}``
    (Wilkinson 1961; Higham, *Accuracy and Stability of Numerical
    Algorithms*, §9.4).

    Parameters
    ----------
    n : int
        Size, at least 1.

    Returns
    -------
    numpy.ndarray, shape (n, n)

    Examples
    --------
    >>> max_growth_matrix(3)
    array([[ 1.,  0.,  1.],
           [-1.,  1.,  1.],
           [-1., -1.,  1.]])
    """
    n = as_rank(n, "n")
    W = np.eye(n) - np.tril(np.ones((n, n)), -1)
    W[:, -1] = 1.0
    return W


def _as_rhs(b, n: int, name: str = "b") -> np.ndarray:
    """Validate a right-hand side: a vector of length n or an n × k matrix."""
    if np.ndim(b) == 1:
        return np.asarray(as_vector(b, name, size=n), dtype=np.float64)
    arr = as_matrix(b, name)
    if arr.shape[0] != n:
        raise ValueError(
            f"{name} must be a vector of length {n} or a matrix with {n} rows, "
            f"got shape {arr.shape}"
        )
    return np.asarray(arr, dtype=np.float64)


def _check_triangular(T: np.ndarray, name: str, lower: bool) -> None:
    off = np.triu(T, 1) if lower else np.tril(T, -1)
    if np.any(off != 0.0):
        i, j = np.argwhere(off != 0.0)[0]
        shape = "lower" if lower else "upper"
        raise ValueError(
            f"{name} must be {shape} triangular, but {name}[{i}, {j}] = {T[i, j]:.3g} ≠ 0"
        )


def forward_substitution(L, b, *, unit_diagonal: bool = False):
    """Solve ``Lx = b`` for lower-triangular ``L``, top row first.

    ``x_i = (b_i − Σ_{j<i} l_ij x_j) / l_ii``: one dot product per row
    (``n²`` flops in all).

    Parameters
    ----------
    L : array_like, shape (n, n)
        Lower triangular (entries above the diagonal must be zero).
    b : array_like, shape (n,) or (n, k)
        One right-hand side or ``k`` of them as columns.
    unit_diagonal : bool, optional
        Take ``l_ii = 1`` without reading the diagonal (as for LU's ``L``).

    Returns
    -------
    numpy.ndarray
        ``x``, with the shape of ``b``.

    Raises
    ------
    ValueError
        If ``L`` is not square lower triangular, ``b`` has the wrong shape, or
        a diagonal entry is zero (``L`` is singular).

    Examples
    --------
    >>> forward_substitution([[2.0, 0.0], [1.0, 1.0]], [4.0, 5.0])
    array([2., 3.])
    """
    L = np.asarray(as_matrix(L, "L", square=True), dtype=np.float64)
    unit_diagonal = as_flag(unit_diagonal, "unit_diagonal")
    _check_triangular(L, "L", lower=True)
    b = _as_rhs(b, L.shape[0])
    if not unit_diagonal:
        _check_diagonal(L, "L")
    x = np.zeros_like(b)
    for i in range(L.shape[0]):
        s = b[i] - L[i, :i] @ x[:i]
        x[i] = s if unit_diagonal else s / L[i, i]
    return x


def back_substitution(U, b):
    """Solve ``Ux = b`` for upper-triangular ``U``, bottom row first.

    ``x_i = (b_i − Σ_{j>i} u_ij x_j) / u_ii``: one dot product per row.

    Parameters
    ----------
    U : array_like, shape (n, n)
        Upper triangular (entries below the diagonal must be zero).
    b : array_like, shape (n,) or (n, k)
        One right-hand side or ``k`` of them as columns.

    Returns
    -------
    numpy.ndarray
        ``x``, with the shape of ``b``.

    Raises
    ------
    ValueError
        If ``U`` is not square upper triangular, ``b`` has the wrong shape, or
        a pivot ``u_ii`` is zero (``U``, and the matrix it came from, is singular).

    Examples
    --------
    >>> back_substitution([[2.0, 1.0], [0.0, 4.0]], [4.0, 8.0])
    array([1., 2.])
    """
    U = np.asarray(as_matrix(U, "U", square=True), dtype=np.float64)
    _check_triangular(U, "U", lower=False)
    b = _as_rhs(b, U.shape[0])
    _check_diagonal(U, "U")
    n = U.shape[0]
    x = np.zeros_like(b)
    for i in reversed(range(n)):
        x[i] = (b[i] - U[i, i + 1 :] @ x[i + 1 :]) / U[i, i]
    return x


def _check_diagonal(T: np.ndarray, name: str) -> None:
    zeros = np.flatnonzero(np.diag(T) == 0.0)
    if zeros.size:
        raise ValueError(
            f"{name} is singular: its diagonal entry {name}[{zeros[0]}, {zeros[0]}] is "
            f"zero, so the triangular system has no unique solution"
        )


def lu_solve(P, L, U, b):
    """Solve ``Ax = b`` from ``PA = LU``: ``Ly = Pb``, then ``Ux = y``.

    Parameters
    ----------
    P, L, U : array_like
        Square factors from :func:`lu_partial_pivot`.
    b : array_like, shape (n,) or (n, k)
        Right-hand side(s).

    Returns
    -------
    numpy.ndarray
        ``x``, with the shape of ``b``.

    Raises
    ------
    ValueError
        If the shapes disagree, ``P`` is not a permutation matrix, ``L`` is not
        unit lower triangular (zeros above a diagonal of ones), ``U`` is not
        upper triangular or has a zero pivot (``A`` is singular).

    Examples
    --------
    >>> A = [[1.0, 2.0], [3.0, 4.0]]
    >>> lu_solve(*lu_partial_pivot(A), [5.0, 6.0]).round(12) + 0.0
    array([-4. ,  4.5])
    """
    P = as_matrix(P, "P", square=True)
    L = as_matrix(L, "L", square=True)
    U = as_matrix(U, "U", square=True)
    if not (P.shape == L.shape == U.shape):
        raise ValueError(
            f"P, L and U must have the same square shape, got {P.shape}, {L.shape}, {U.shape}"
        )
    _check_permutation(P, "P")
    _check_triangular(L, "L", lower=True)
    diagonal = np.diag(L)
    if np.any(diagonal != 1.0):
        i = int(np.flatnonzero(diagonal != 1.0)[0])
        raise ValueError(
            f"L must be unit lower triangular (ones on the diagonal, as lu_partial_pivot "
            f"returns it), but L[{i}, {i}] = {diagonal[i]:.6g}"
        )
    b = _as_rhs(b, P.shape[0])
    y = forward_substitution(L, P @ b, unit_diagonal=True)
    return back_substitution(U, y)


def _check_permutation(P: np.ndarray, name: str) -> None:
    ones = P == 1.0
    if not (
        np.all((P == 0.0) | ones)
        and np.all(ones.sum(axis=0) == 1)
        and np.all(ones.sum(axis=1) == 1)
    ):
        raise ValueError(
            f"{name} must be a permutation matrix: exactly one 1 per row and column and "
            f"zeros elsewhere"
        )


def permutation_sign(P) -> int:
    """Return ``det(P) = ±1`` of a permutation matrix: ``(−1)^(number of transpositions)``.

    Parameters
    ----------
    P : array_like, shape (n, n)
        A permutation matrix (one 1 in every row and column, zeros elsewhere).

    Returns
    -------
    int
        ``+1`` or ``−1``.

    Raises
    ------
    ValueError
        If ``P`` is not a permutation matrix.

    Examples
    --------
    >>> permutation_sign([[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    1
    """
    P = as_matrix(P, "P", square=True)
    n = P.shape[0]
    _check_permutation(P, "P")
    perm = list(np.argmax(P, axis=1))
    sign = 1
    seen = [False] * n
    for start in range(n):  # each cycle of length ℓ is ℓ − 1 transpositions
        length = 0
        i = start
        while not seen[i]:
            seen[i] = True
            i = perm[i]
            length += 1
        if length and length % 2 == 0:
            sign = -sign
    return sign


def det_lu(A) -> float:
    """Return ``det(A)`` from ``PA = LU``: ``det(A) = det(P)·Π u_ii``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A finite square matrix.

    Returns
    -------
    float
        The determinant (``0.0`` when ``U`` has an exact zero pivot). For
        large ``n`` the product may overflow or underflow; work with
        ``Σ log|u_ii|`` then.

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix.

    Examples
    --------
    >>> round(det_lu([[1.0, 2.0], [3.0, 4.0]]), 12)
    -2.0
    """
    A = as_matrix(A, "A", square=True)
    P, _, U = lu_partial_pivot(A)
    return float(permutation_sign(P) * math.prod(np.diag(U))) + 0.0  # no −0.0


def cholesky(A):
    """Cholesky factorization ``A = LLᵀ`` of a symmetric positive definite matrix.

    Column ``j`` of ``L`` comes from the formulas
    ``l_jj = √(a_jj − Σ_{k<j} l_jk²)`` and
    ``l_ij = (a_ij − Σ_{k<j} l_ik l_jk) / l_jj`` for ``i > j``,
    all rows ``i > j`` at once (one matrix–vector product per column).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Symmetric (to a relative ``1e-10``) positive definite. Only the lower
        triangle is read once symmetry is checked.

    Returns
    -------
    numpy.ndarray, shape (n, n)
        Lower triangular ``L`` with a positive diagonal (the unique one).

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix, is not symmetric, or is not
        positive definite; the message gives the pivot where
        ``a_jj − Σ l_jk²`` was not positive.

    Examples
    --------
    >>> cholesky([[4.0, 2.0], [2.0, 5.0]])
    array([[2., 0.],
           [1., 2.]])
    """
    A = as_matrix(A, "A", square=True)
    try:
        check_symmetric(A, "A")
    except ValueError as exc:
        raise ValueError(
            f"A is not symmetric, so it has no Cholesky factorization ({exc})"
        ) from None
    A = np.asarray(A, dtype=np.float64)
    n = A.shape[0]
    L = np.zeros((n, n))
    for j in range(n):
        row = L[j, :j]
        d = A[j, j] - row @ row
        if not d > 0.0:
            raise ValueError(
                f"A is not positive definite: at pivot {j} (numbered from 0) "
                f"a_jj − Σ l_jk² = {d:.3g} ≤ 0"
            )
        L[j, j] = math.sqrt(d)
        L[j + 1 :, j] = (A[j + 1 :, j] - L[j + 1 :, :j] @ row) / L[j, j]
    return L
