"""QR factorizations: Gram–Schmidt in three variants and Householder (notebook 06).

Every function returns the thin factorization ``A = QR`` of an ``m × n`` matrix
(``Q`` is ``m × n`` with orthonormal columns, ``R`` is ``n × n`` upper
triangular with a nonnegative diagonal), computed in float64.

The loops run over columns, never over scalars: each step is one or two BLAS
calls on whole columns or blocks. Each function keeps its loop inside *one*
BLAS library (numpy's for the classical variants, ``scipy.linalg.blas`` for
MGS and Householder, whose in-place rank-1 update ``dger`` numpy lacks):
numpy and scipy load separate OpenBLAS copies here, and alternating between
them makes their thread pools fight over the cores.

The functions that check the Hilbert experiments of notebook 06 are here too:
:func:`orthogonality_loss` and :func:`condition_number_exact`.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

import numpy as np
from scipy.linalg import blas as _blas

from ..validation import as_matrix, as_rank, as_vector, scale_factor

__all__ = [
    "classical_gram_schmidt",
    "modified_gram_schmidt",
    "cgs2",
    "householder_qr",
    "householder_vector",
    "orthogonality_loss",
    "qr_flops",
    "condition_number_exact",
    "hilbert_condition_exact",
    "hilbert_inverse_exact",
]

_EPS = float(np.finfo(np.float64).eps)


def _as_tall(A, name: str = "A") -> tuple[np.ndarray, float]:
    """Validate ``A`` as a finite m × n matrix with m ≥ n; return ``(A/c, c)`` in float64.

    ``c`` is :func:`helpers.validation.scale_factor`, an exact power of two:
    the Gram–Schmidt loops take norms of columns, which overflow for entries
    beyond about 1e154 (``1e155·I`` was called rank-deficient) and underflow
    below about 1e-154. ``Q`` of ``A/c`` is ``Q`` of ``A`` and ``R`` scales by ``c``.
    """
    A = as_matrix(A, name)
    m, n = A.shape
    if m < n:
        raise ValueError(
            f"{name} must have at least as many rows as columns for Gram–Schmidt "
            f"(n ≤ m independent columns), got shape {A.shape}; householder_qr "
            f"handles wide matrices"
        )
    c = scale_factor(A)
    return np.asarray(A, dtype=np.float64) / c, c


def _rank_tolerance(rtol, m: int, n: int) -> float:
    """Return the relative tolerance for a numerically zero column."""
    if rtol is None:
        return max(m, n) * _EPS
    if isinstance(rtol, bool) or not isinstance(rtol, numbers.Real):
        raise TypeError(f"rtol must be a real number or None, got {type(rtol).__name__}")
    rtol = float(rtol)
    if not (0.0 <= rtol < 1.0):
        raise ValueError(f"rtol must satisfy 0 ≤ rtol < 1, got {rtol!r}")
    return rtol


def _rank_error(j: int, remainder: float, column_norm: float, rtol: float) -> ValueError:
    """The error a Gram–Schmidt routine raises at a numerically zero column."""
    if column_norm == 0.0:
        what = f"column {j} of A is zero"
    else:
        what = (
            f"after removing its components along columns 0…{j - 1}, column {j} of A "
            f"has norm {remainder:.3g} ≤ rtol·‖a_{j}‖ = {rtol:.3g}·{column_norm:.3g}: "
            f"it is a combination of the earlier columns up to rounding"
        )
    return ValueError(
        f"A is rank-deficient (columns numbered from 0): {what}. Gram–Schmidt needs "
        f"linearly independent columns; householder_qr handles rank-deficient A, and "
        f"rtol=0 stops only at an exactly zero remainder"
    )


def classical_gram_schmidt(A, *, rtol: float | None = None):
    """Thin QR by classical Gram–Schmidt (CGS).

    Column ``j`` is orthogonalized against the *original* column:
    ``r = Q[:, :j]ᵀ a_j`` (all projections at once, one matrix–vector product),
    then ``v = a_j − Q[:, :j] r`` and ``q_j = v / ‖v‖``.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A matrix with ``m ≥ n`` and linearly independent columns.
    rtol : float, optional
        Rank tolerance: the routine raises when the remainder ``v`` of a
        column satisfies ``‖v‖ ≤ rtol·‖a_j‖``. Default ``max(m, n)·ε``, the
        tolerance ``numpy.linalg.matrix_rank`` uses. ``rtol=0`` stops only at
        an exactly zero remainder.

    Returns
    -------
    Q : numpy.ndarray, shape (m, n)
        Orthonormal columns in exact arithmetic; in floating point CGS loses
        orthogonality roughly like ``κ(A)²·ε`` (notebook 06).
    R : numpy.ndarray, shape (n, n)
        Upper triangular with a positive diagonal.

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2-D matrix with ``m ≥ n``, or a column is
        numerically zero after orthogonalization (``A`` is rank-deficient).
        Having lost orthogonality, CGS may miss a dependence between columns
        that :func:`modified_gram_schmidt` detects.

    Examples
    --------
    >>> Q, R = classical_gram_schmidt([[3.0, 1.0], [4.0, 2.0]])
    >>> R.round(6)
    array([[5. , 2.2],
           [0. , 0.4]])
    """
    A, c = _as_tall(A)
    m, n = A.shape
    tol = _rank_tolerance(rtol, m, n)
    Q = np.empty((m, n), order="F")
    R = np.zeros((n, n))
    for j in range(n):
        a = A[:, j]
        r = Q[:, :j].T @ a  # every projection coefficient from the original column
        v = a - Q[:, :j] @ r
        rho = float(np.linalg.norm(v))
        if rho <= tol * float(np.linalg.norm(a)):
            raise _rank_error(j, rho * c, float(np.linalg.norm(a)) * c, tol)
        R[:j, j] = r
        R[j, j] = rho
        Q[:, j] = v / rho
    return Q, R * c


def cgs2(A, *, rtol: float | None = None):
    """Thin QR by classical Gram–Schmidt with one full reorthogonalization (CGS2).

    Each column goes through the classical step twice: the second pass
    removes what rounding left of the components along ``q_0 … q_{j−1}``
    ("twice is enough", Giraud, Langou, Rozložník & van den Eshof 2005).
    The coefficients of both passes add up in ``R``.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A matrix with ``m ≥ n`` and linearly independent columns.
    rtol : float, optional
        Rank tolerance, as in :func:`classical_gram_schmidt`, applied to the
        remainder after the second pass.

    Returns
    -------
    Q : numpy.ndarray, shape (m, n)
        Orthonormal columns, to about ``ε`` when ``κ(A)·ε`` is small.
    R : numpy.ndarray, shape (n, n)
        Upper triangular with a positive diagonal.

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2-D matrix with ``m ≥ n``, or is rank-deficient.

    Examples
    --------
    >>> Q, R = cgs2([[3.0, 1.0], [4.0, 2.0]])
    >>> bool(np.allclose(Q @ R, [[3.0, 1.0], [4.0, 2.0]]))
    True
    """
    A, c = _as_tall(A)
    m, n = A.shape
    tol = _rank_tolerance(rtol, m, n)
    Q = np.empty((m, n), order="F")
    R = np.zeros((n, n))
    for j in range(n):
        a = A[:, j]
        Qj = Q[:, :j]
        r = Qj.T @ a
        v = a - Qj @ r
        s = Qj.T @ v  # the second pass: what is left along the earlier q's
        v -= Qj @ s
        rho = float(np.linalg.norm(v))
        if rho <= tol * float(np.linalg.norm(a)):
            raise _rank_error(j, rho * c, float(np.linalg.norm(a)) * c, tol)
        R[:j, j] = r + s
        R[j, j] = rho
        Q[:, j] = v / rho
    return Q, R * c


def modified_gram_schmidt(A, *, rtol: float | None = None):
    """Thin QR by modified Gram–Schmidt (MGS), in its row-oriented form.

    As soon as ``q_i`` is known, its component is removed from *every*
    remaining column at once, so later projections use the updated columns:
    ``r = Vᵀ q_i`` (``dgemv``) and ``V ← V − q_i rᵀ`` (``dger``, in place),
    where ``V`` holds the columns ``i+1 … n−1`` as they are now.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A matrix with ``m ≥ n`` and linearly independent columns.
    rtol : float, optional
        Rank tolerance, as in :func:`classical_gram_schmidt`.

    Returns
    -------
    Q : numpy.ndarray, shape (m, n)
        Orthonormal columns in exact arithmetic; in floating point MGS loses
        orthogonality like ``κ(A)·ε`` (Björck 1967).
    R : numpy.ndarray, shape (n, n)
        Upper triangular with a positive diagonal.

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2-D matrix with ``m ≥ n``, or is rank-deficient.

    Examples
    --------
    >>> Q, R = modified_gram_schmidt([[3.0, 1.0], [4.0, 2.0]])
    >>> Q.round(6)
    array([[ 0.6, -0.8],
           [ 0.8,  0.6]])
    """
    A, c = _as_tall(A)
    m, n = A.shape
    tol = _rank_tolerance(rtol, m, n)
    column_norms = np.sqrt(np.einsum("ij,ij->j", A, A))  # not BLAS: no thread pool
    V = np.array(A, dtype=np.float64, order="F")  # becomes Q, column by column
    R = np.zeros((n, n))
    for i in range(n):
        q = V[:, i]
        rho = float(_blas.dnrm2(q))
        if rho <= tol * column_norms[i]:
            raise _rank_error(i, rho * c, float(column_norms[i]) * c, tol)
        R[i, i] = rho
        q *= 1.0 / rho
        if i + 1 < n:
            rest = V[:, i + 1 :]  # F-contiguous: dger updates it in place
            r = _blas.dgemv(1.0, rest, q, trans=1)
            R[i, i + 1 :] = r
            _blas.dger(-1.0, q, r, a=rest, overwrite_a=1)
    return V, R * c


def householder_vector(x):
    """Return the unit vector ``v`` of the Householder reflection that zeros ``x[1:]``.

    ``H = I − 2vvᵀ`` maps ``x`` to ``−sign(x₀)·‖x‖·e₀``. The sign is chosen so
    that ``v = x + sign(x₀)‖x‖e₀`` adds two numbers of the same sign: no
    cancellation (Trefethen & Bau, Lecture 10).

    Parameters
    ----------
    x : array_like, shape (k,)
        A nonzero vector.

    Returns
    -------
    numpy.ndarray, shape (k,)
        The unit normal of the mirror.

    Raises
    ------
    ValueError
        If ``x`` is zero (every mirror through the origin then maps it to itself).

    Examples
    --------
    >>> v = householder_vector([3.0, 4.0])
    >>> H = np.eye(2) - 2 * np.outer(v, v)
    >>> (H @ [3.0, 4.0]).round(12) + 0.0
    array([-5.,  0.])
    """
    x = as_vector(x, "x").astype(np.float64)
    if x.size == 0:
        raise ValueError("x must not be empty: a reflection needs at least one entry")
    x = x / scale_factor(x)  # the same v for every positive multiple of x; no overflow
    alpha = float(np.linalg.norm(x))
    if alpha == 0.0:
        raise ValueError("x must be nonzero: a zero vector has no reflection to compute")
    v = x.copy()
    v[0] += math.copysign(alpha, x[0])
    return v / np.linalg.norm(v)


def householder_qr(A, mode: str = "reduced"):
    """QR by Householder reflections, with the signs chosen so that ``diag(R) ≥ 0``.

    Step ``j`` reflects rows ``j…m−1`` so that column ``j`` becomes zero below
    the diagonal. ``Q`` is then formed by applying the reflections, last
    first, to the first columns of the identity. Each reflection is applied
    with two BLAS calls (``dgemv`` and an in-place ``dger``); the reflector is
    stored padded with zeros to full height so the updated block is
    contiguous, which costs ``O(j·n)`` extra multiplications by zero per
    step and changes no value.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix (also wide, also rank-deficient).
    mode : {"reduced", "complete"}, optional
        ``"reduced"``: ``Q`` is ``m × k`` and ``R`` is ``k × n`` with
        ``k = min(m, n)``; ``"complete"``: ``Q`` is ``m × m`` orthogonal and
        ``R`` is ``m × n``.

    Returns
    -------
    Q : numpy.ndarray
        Orthonormal columns to about ``ε``, whatever ``κ(A)`` (Trefethen & Bau,
        Lecture 16).
    R : numpy.ndarray
        Upper triangular (trapezoidal if ``A`` is wide) with a nonnegative
        diagonal; a zero on the diagonal marks a rank deficiency.

    Raises
    ------
    ValueError
        If ``A`` is not a finite nonempty 2-D matrix or ``mode`` is unknown.

    Examples
    --------
    >>> Q, R = householder_qr([[3.0, 1.0], [4.0, 2.0]])
    >>> R.round(6) + 0.0
    array([[5. , 2.2],
           [0. , 0.4]])
    """
    if not isinstance(mode, str) or mode not in ("reduced", "complete"):
        raise ValueError(f"mode must be 'reduced' or 'complete', got {mode!r}")
    A = as_matrix(A, "A")
    m, n = A.shape
    k = min(m, n)
    c = scale_factor(A)  # exact power of two: R of A/c times c is R of A, and nothing overflows
    W = np.array(np.asarray(A, dtype=np.float64) / c, order="F")  # becomes R
    V = np.zeros((m, k), order="F")  # the reflectors, zero above row j
    reflected = np.zeros(k, dtype=bool)
    for j in range(k):
        x = W[j:, j]
        alpha = float(_blas.dnrm2(x))
        if alpha == 0.0:
            continue  # nothing to zero: H_j = I
        v = V[:, j]
        v[j:] = x
        v[j] += math.copysign(alpha, x[0])
        v *= 1.0 / float(_blas.dnrm2(v))
        reflected[j] = True
        W[j, j] = -math.copysign(alpha, x[0])
        W[j + 1 :, j] = 0.0
        if j + 1 < n:
            block = W[:, j + 1 :]
            w = _blas.dgemv(1.0, block, v, trans=1)
            _blas.dger(-2.0, v, w, a=block, overwrite_a=1)
    q_cols = k if mode == "reduced" else m
    Q = np.eye(m, q_cols, order="F")
    for j in reversed(range(k)):
        if reflected[j]:
            block = Q[:, j:]
            w = _blas.dgemv(1.0, block, V[:, j], trans=1)
            _blas.dger(-2.0, V[:, j], w, a=block, overwrite_a=1)
    R = np.triu(W[:q_cols, :] if mode == "complete" else W[:k, :])
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    R[:k] *= signs[:, None]
    Q[:, :k] *= signs
    R += 0.0  # turn the −0.0 that sign flips leave below the diagonal into 0.0
    return Q, R * c


def orthogonality_loss(Q, ord="fro") -> float:
    """Return ``‖QᵀQ − I‖``, how far the columns of ``Q`` are from orthonormal.

    Parameters
    ----------
    Q : array_like, shape (m, n)
        The computed factor.
    ord : {"fro", 2}, optional
        The matrix norm: Frobenius (default) or spectral.

    Returns
    -------
    float
        0 for exactly orthonormal columns; about ``√n`` and more when the
        columns are nearly parallel.

    Raises
    ------
    ValueError
        If ``Q`` is not a finite 2-D matrix or ``ord`` is not ``"fro"`` or 2.

    Examples
    --------
    >>> orthogonality_loss(np.eye(3)[:, :2])
    0.0
    >>> round(orthogonality_loss([[1.0, 1.0], [0.0, 0.0]]), 6)
    1.414214
    """
    if not ((isinstance(ord, str) and ord == "fro") or (type(ord) is int and ord == 2)):
        raise ValueError(f"ord must be 'fro' or 2, got {ord!r}")
    Q = as_matrix(Q, "Q")
    G = Q.T @ Q
    G[np.diag_indices_from(G)] -= 1.0
    return float(np.linalg.norm(G, ord))


def qr_flops(m: int, n: int, method: str) -> int:
    """Count the floating-point operations of one thin QR of an ``m × n`` matrix.

    The counts add up the work of every step of the loops in this module
    (a dot product or an ``axpy`` of length ``ℓ`` costs ``2ℓ``, a norm
    ``2ℓ``, a scaling ``ℓ``), so their leading terms are the textbook ones:
    ``2mn²`` for CGS and MGS, ``4mn²`` for CGS2, and ``2mn² − 2n³/3`` for
    Householder's ``R`` plus as much again to form the thin ``Q``
    (Trefethen & Bau, Lectures 8 and 10).

    Parameters
    ----------
    m, n : int
        The shape, ``m ≥ n ≥ 1``.
    method : {"cgs", "mgs", "cgs2", "householder_r", "householder"}
        ``"householder_r"`` counts the reflections that produce ``R`` only
        (the count Trefethen & Bau quote); ``"householder"`` adds forming the
        thin ``Q`` (the padding with zeros in :func:`householder_qr` is not
        counted: it is a detail of this implementation).

    Returns
    -------
    int
        The exact count for the loops as written.

    Raises
    ------
    ValueError
        If the shape is invalid or the method unknown.

    Examples
    --------
    >>> qr_flops(2000, 500, "mgs") / (2 * 2000 * 500**2)
    1.001
    """
    m, n = as_rank(m, "m"), as_rank(n, "n")
    if n > m:
        raise ValueError(f"qr_flops needs m ≥ n, got m={m}, n={n}")
    methods = ("cgs", "mgs", "cgs2", "householder_r", "householder")
    if not isinstance(method, str) or method not in methods:
        raise ValueError(f"method must be one of {methods}, got {method!r}")
    j = np.arange(n, dtype=np.int64)  # 0-based step
    normalize = 3 * m  # a norm (2m) and a scaling (m)
    if method in ("cgs", "mgs"):
        # column j: j dot products and j axpys of length m, in either order
        return int(np.sum(4 * m * j + normalize))
    if method == "cgs2":
        return int(np.sum(8 * m * j + normalize))
    rows = m - j  # the reflector of step j has this length
    cols = n - j - 1  # columns right of the pivot that it updates
    # build v: a norm (2ℓ), one addition, a norm and a scaling (3ℓ);
    # apply it: vᵀB and B − 2v wᵀ, 4ℓ per column
    r_cost = int(np.sum(5 * rows + 1 + 4 * rows * cols))
    if method == "householder_r":
        return r_cost
    q_cost = int(np.sum(4 * rows * (n - j)))  # backward accumulation on Q[j:, j:]
    return r_cost + q_cost


def _exact_inverse(M: list[list[Fraction]]) -> list[list[Fraction]] | None:
    """Invert a square matrix of Fractions exactly (Gauss–Jordan); None if singular."""
    n = len(M)
    W = [[*row, *(Fraction(int(i == j)) for j in range(n))] for i, row in enumerate(M)]
    for k in range(n):
        p = next((i for i in range(k, n) if W[i][k] != 0), None)
        if p is None:
            return None
        W[k], W[p] = W[p], W[k]
        pivot = W[k][k]
        row_k = [x / pivot for x in W[k]]
        W[k] = row_k
        for i in range(n):
            if i != k and W[i][k] != 0:
                f = W[i][k]
                W[i] = [a - f * b for a, b in zip(W[i], row_k, strict=True)]
    return [row[n:] for row in W]


def condition_number_exact(A) -> float:
    """Return ``κ₂(A) = ‖A‖₂‖A⁻¹‖₂`` of a square matrix *exactly as stored*.

    Every float64 entry is a rational number, so the matrix in memory has a
    well-defined condition number even where ``numpy.linalg.cond`` cannot
    resolve it (its ``σ_min`` carries an absolute error of about
    ``ε·σ_max``, so its answer is noise once ``κ·ε`` nears 1). Here ``A⁻¹`` is
    computed in exact rational arithmetic (Python's ``fractions``) and only
    then rounded to float64; both 2-norms are largest singular values, which
    floating point computes to full relative accuracy.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A finite square matrix (keep ``n`` small: the rational arithmetic is
        exact, and slow beyond a few dozen).

    Returns
    -------
    float
        ``κ₂(A)``, accurate to about 14 digits; ``inf`` if the stored matrix
        is exactly singular.

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix.

    Examples
    --------
    >>> condition_number_exact([[1.0, 0.0], [0.0, 1e-20]])
    1e+20
    """
    A = np.asarray(as_matrix(A, "A", square=True), dtype=np.float64)
    inverse = _exact_inverse([[Fraction(float(x)) for x in row] for row in A])
    if inverse is None:
        return math.inf
    X = np.array([[float(x) for x in row] for row in inverse])
    return float(np.linalg.norm(A, 2) * np.linalg.norm(X, 2))


def hilbert_inverse_exact(n: int) -> list[list[int]]:
    """Return the exact inverse of the Hilbert matrix ``H_n``, as Python integers.

    ``(H_n⁻¹)_{ij} = (−1)^{i+j} (i+j−1) C(n+i−1, n−j) C(n+j−1, n−i) C(i+j−2, i−1)²``
    for ``i, j = 1 … n`` (Choi 1983, "Tricks or treats with the Hilbert
    matrix", Amer. Math. Monthly 90): every entry is an integer.

    Parameters
    ----------
    n : int
        Size, at least 1.

    Returns
    -------
    list of list of int

    Examples
    --------
    >>> hilbert_inverse_exact(2)
    [[4, -6], [-6, 12]]
    """
    n = as_rank(n, "n")
    c = math.comb
    return [
        [
            (-1) ** (i + j)
            * (i + j - 1)
            * c(n + i - 1, n - j)
            * c(n + j - 1, n - i)
            * c(i + j - 2, i - 1) ** 2
            for j in range(1, n + 1)
        ]
        for i in range(1, n + 1)
    ]


def hilbert_condition_exact(n: int) -> float:
    """Return ``κ₂(H_n)`` of the *exact* Hilbert matrix ``(H_n)_{ij} = 1/(i+j−1)``.

    ``κ₂(H_n) = ‖H_n‖₂ ‖H_n⁻¹‖₂``, with the exact integer inverse of
    :func:`hilbert_inverse_exact`. Unlike :func:`condition_number_exact`
    applied to ``helpers.matrices.hilbert(n)`` (the float64 rounding of
    ``H_n``), this is the condition number of the mathematical matrix. The
    two agree to three digits up to ``n = 10`` and to 2% up to ``n = 12``; from
    ``n = 13`` on, the rounding of the entries changes ``σ_min`` completely.

    Parameters
    ----------
    n : int
        Size, at least 1.

    Returns
    -------
    float
        ``κ₂(H_n)``, accurate to about 14 digits.

    Examples
    --------
    >>> f"{hilbert_condition_exact(10):.6e}"
    '1.602629e+13'
    """
    n = as_rank(n, "n")
    i = np.arange(n)
    H = 1.0 / (i[:, None] + i[None, :] + 1.0)
    X = np.array(hilbert_inverse_exact(n), dtype=np.float64)
    return float(np.linalg.norm(H, 2) * np.linalg.norm(X, 2))
