"""The SVD built from the eigendecomposition of AᵀA (notebooks 03, 04).

:func:`svd_via_eigh` is the constructive existence proof of notebook 03 turned
into code, step for step. It is correct in exact arithmetic and instructive in
floating point, where it loses every singular value below about
``√ε · σ₁``: forming ``AᵀA`` squares the condition number. Libraries compute the
SVD from ``A`` itself (Golub–Kahan bidiagonalization), never from ``AᵀA``.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..validation import as_flag, as_matrix, as_real, scale_factor

__all__ = [
    "complete_orthonormal_basis",
    "default_tolerance",
    "svd_via_eigh",
    "numerical_rank",
    "condition_number",
    "effective_condition_number",
]

_EPS = float(np.finfo(np.float64).eps)


def complete_orthonormal_basis(Q) -> np.ndarray:
    """Extend orthonormal columns ``Q`` (``m × r``) to an orthogonal ``m × m`` matrix.

    Parameters
    ----------
    Q : array_like, shape (m, r)
        Columns that are orthonormal (``QᵀQ = I``); ``r`` may be 0 (an
        ``m × 0`` array), and then the result is the identity.

    Returns
    -------
    numpy.ndarray, shape (m, m)
        ``[Q | Q⊥]``: the first ``r`` columns are ``Q`` itself (unchanged), the
        other ``m − r`` are an orthonormal basis of the orthogonal complement
        of ``span(Q)``.

    Raises
    ------
    ValueError
        If ``Q`` is not a finite 2-D array, has more columns than rows, or its
        columns are not orthonormal (``‖QᵀQ − I‖_F > 1e-6``).

    Notes
    -----
    The completion is the Householder QR factorization (LAPACK ``geqrf`` via
    :func:`numpy.linalg.qr`) of the ``m × (r + m)`` matrix ``[Q | I]``. It has
    rank ``m``, so its complete ``Q`` factor is an orthogonal ``m × m`` matrix
    whose first ``r`` columns span ``span(Q)``; the remaining ``m − r`` columns
    are therefore orthogonal to ``Q``. In exact arithmetic they are what
    Gram–Schmidt makes of ``e₁, e₂, …`` after removing their components along
    ``Q`` (skipping the ones that become dependent), but Householder reflections
    keep them orthogonal to working precision, which Gram–Schmidt does not.

    Examples
    --------
    >>> q = np.array([[0.6], [0.8]])
    >>> U = complete_orthonormal_basis(q)
    >>> np.allclose(U.T @ U, np.eye(2)), np.allclose(U[:, :1], q)
    (True, True)
    """
    Q = as_matrix(Q, "Q", allow_empty=True)
    m, r = Q.shape
    if m == 0:
        raise ValueError(f"Q must have at least one row, got shape {Q.shape}")
    if r > m:
        raise ValueError(
            f"Q has {r} columns but only {m} rows: at most {m} vectors in R^{m} are orthonormal"
        )
    if r and np.linalg.norm(Q.T @ Q - np.eye(r)) > 1e-6:
        raise ValueError("Q must have orthonormal columns (QᵀQ = I) to be completed to a basis")
    return _complete(Q)


def _complete(Q: np.ndarray) -> np.ndarray:
    """``[Q | Q⊥]`` from the Householder QR of ``[Q | I]`` (no checks)."""
    m, r = Q.shape
    if r == m:
        return Q.copy()
    H, _ = np.linalg.qr(np.hstack([Q, np.eye(m)]), mode="complete")
    return np.hstack([Q, H[:, r:]])


def _as_shape(shape) -> tuple[int, int]:
    """Validate a matrix shape ``(m, n)`` of positive integers."""
    if (
        not isinstance(shape, (tuple, list))
        or len(shape) != 2
        or not all(
            isinstance(d, numbers.Integral) and not isinstance(d, bool) and d >= 1 for d in shape
        )
    ):
        raise ValueError(f"shape must be a pair (m, n) of positive integers, got {shape!r}")
    return int(shape[0]), int(shape[1])


def default_tolerance(shape, sigma_max: float) -> float:
    """Return the default cut-off below which :func:`svd_via_eigh` sets σ to 0.

    Parameters
    ----------
    shape : tuple of int
        ``(m, n)``, the shape of ``A``.
    sigma_max : float
        The largest singular value ``σ₁`` (nonnegative).

    Returns
    -------
    float
        ``√(max(m, n)·ε)·σ₁``. Its square, ``max(m, n)·ε·σ₁²``, is the rule
        :func:`numpy.linalg.matrix_rank` applies to singular values, applied
        instead to the eigenvalues ``λᵢ = σᵢ²`` of ``AᵀA`` that this method
        actually computes: those are known only to about ``ε·λ₁`` (the rounding
        in forming ``AᵀA`` and in ``eigh``), so a smaller ``λᵢ`` cannot be told
        from zero.

    Examples
    --------
    >>> f"{default_tolerance((4, 4), 1.0):.2e}"
    '2.98e-08'
    """
    sigma_max = as_real(sigma_max, "sigma_max", low=0.0)
    m, n = _as_shape(shape)
    return float(np.sqrt(max(m, n) * np.finfo(float).eps) * sigma_max)


def svd_via_eigh(A, full_matrices: bool = True, *, tol: float | None = None):
    """Compute the SVD of ``A`` from the eigendecomposition of ``AᵀA``.

    The steps are those of the existence proof (notebook 03):

    1. ``AᵀA = V Λ Vᵀ`` with :func:`numpy.linalg.eigh` (``AᵀA`` is symmetric
       positive semidefinite), eigenpairs sorted so ``λ₁ ≥ λ₂ ≥ … ≥ λₙ``;
    2. ``σᵢ = √λᵢ`` (negative round-off in ``λᵢ`` is clipped to 0), and every
       ``σᵢ ≤ tol`` is set to exactly 0; ``r`` is the number left positive;
    3. ``uᵢ = A vᵢ / σᵢ`` for ``i ≤ r``;
    4. ``u₁, …, u_r`` completed to an orthonormal basis of ``Rᵐ`` with
       :func:`complete_orthonormal_basis` (Householder QR of ``[U_r | I]``).

    Parameters
    ----------
    A : array_like, shape (m, n)
        A finite real matrix.
    full_matrices : bool, optional
        As in :func:`numpy.linalg.svd`: ``U`` is ``m × m`` and ``Vt`` is
        ``n × n`` when True (the full SVD); ``m × p`` and ``p × n`` with
        ``p = min(m, n)`` when False (the thin SVD).
    tol : float, optional
        Singular values ``σ ≤ tol`` are treated as zero. The default is
        :func:`default_tolerance`, ``√(max(m, n)·ε)·σ₁``: about ``1e-8·σ₁``,
        the smallest singular value this method can resolve at all.

    Returns
    -------
    U : numpy.ndarray, shape (m, m) or (m, p)
        Left singular vectors, as columns.
    s : numpy.ndarray, shape (p,)
        Singular values, in decreasing order, ``p = min(m, n)``.
    Vt : numpy.ndarray, shape (n, n) or (p, n)
        Right singular vectors, as rows (``Vᵀ``).

    Raises
    ------
    TypeError
        If ``A`` is not an array of real numbers.
    ValueError
        If ``A`` is not 2-D, is empty or holds NaN or infinity, or ``tol`` is
        negative or not finite.

    Notes
    -----
    In exact arithmetic this is an SVD. In floating point the eigenvalues of
    the computed ``AᵀA`` carry an absolute error of order ``ε·σ₁²``, so ``σᵢ``
    has relative error of order ``ε·(σ₁/σᵢ)²`` (against ``ε·σ₁/σᵢ`` for
    :func:`numpy.linalg.svd`), and ``uᵢ = Avᵢ/σᵢ`` loses orthogonality at the
    same rate: ``UᵀU = I`` holds only to about ``ε·(σ₁/σ_r)²``. See Trefethen &
    Bau, *Numerical Linear Algebra*, Lecture 31, and Golub & Van Loan,
    *Matrix Computations*, §8.6.

    Examples
    --------
    >>> U, s, Vt = svd_via_eigh([[3, 2, 2], [2, 3, -2]])
    >>> s.round(12)
    array([5., 3.])
    >>> U.shape, Vt.shape
    ((2, 2), (3, 3))
    >>> bool(np.allclose(U @ np.diag(s) @ Vt[:2], [[3, 2, 2], [2, 3, -2]]))
    True
    """
    A = as_matrix(A, "A")
    full_matrices = as_flag(full_matrices, "full_matrices")
    if tol is not None:
        tol = as_real(tol, "tol", low=0.0)
    m, n = A.shape
    p = min(m, n)
    # Work with A/c, c an exact power of two near max|aᵢⱼ|: the entries of AᵀA are
    # squares, which overflow beyond about 1e154 and underflow below 1e-154. The
    # singular vectors of A/c are those of A, and its singular values are σᵢ/c.
    c = scale_factor(A)
    A = A / c

    # Step 1: AᵀA is symmetric positive semidefinite; eigh, then decreasing order.
    lam, V = np.linalg.eigh(A.T @ A)
    order = np.argsort(lam)[::-1]
    lam, V = lam[order], V[:, order]

    # Step 2: σᵢ = √λᵢ, with round-off below the tolerance set to exactly zero.
    sigma = np.sqrt(np.clip(lam[:p], 0.0, None))
    tol = default_tolerance(A.shape, float(sigma[0])) if tol is None else tol / c
    sigma[sigma <= tol] = 0.0
    r = int(np.count_nonzero(sigma))

    # Step 3: uᵢ = A vᵢ / σᵢ for the r positive singular values.
    U_r = (A @ V[:, :r]) / sigma[:r]
    sigma = sigma * c

    # Step 4: complete u₁…u_r to an orthonormal basis of Rᵐ (Householder QR of [U_r | I]).
    # (No orthonormality check here: U_r is orthonormal only to about ε·(σ₁/σ_r)².)
    U = _complete(U_r)

    if full_matrices:
        return U, sigma, V.T
    return U[:, :p], sigma, V[:, :p].T


def numerical_rank(A, *, rtol: float | None = None) -> int:
    """Return the numerical rank of ``A``: the number of ``σᵢ > rtol·σ₁``.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A finite real matrix.
    rtol : float, optional
        Relative tolerance, ``0 ≤ rtol < 1``. The default ``max(m, n)·ε`` is
        the standard one (:func:`numpy.linalg.matrix_rank`; Golub & Van Loan,
        *Matrix Computations*, 4th ed., §5.4.1): a singular value below
        ``max(m, n)·ε·σ₁`` is within the rounding error of computing the SVD.

    Returns
    -------
    int
        ``0 ≤ r ≤ min(m, n)``; 0 only for the zero matrix.

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite real 2-D matrix, or ``rtol`` is out of range.

    Examples
    --------
    >>> numerical_rank([[1.0, 2.0], [2.0, 4.0]])
    1
    """
    A = as_matrix(A, "A")
    return _rank(_singular_values(A), A.shape, rtol)


def _singular_values(A: np.ndarray) -> np.ndarray:
    """σ of ``A``, computed on ``A/c`` (exact) and scaled back: no overflow inside LAPACK."""
    c = scale_factor(A)
    return np.linalg.svd(np.asarray(A, dtype=np.float64) / c, compute_uv=False) * c


def _rank(s: np.ndarray, shape, rtol) -> int:
    if rtol is None:
        rtol = max(shape) * _EPS
    else:
        rtol = as_real(rtol, "rtol", low=0.0, high=1.0, high_inclusive=False)
    if s[0] == 0.0:
        return 0
    return int(np.count_nonzero(s > rtol * s[0]))


def condition_number(A, *, rtol: float | None = None) -> float:
    """Return ``κ₂(A) = σ₁/σ_p`` with ``p = min(m, n)``, or inf when ``A`` is rank-deficient.

    For a square invertible ``A`` this is ``‖A‖₂‖A⁻¹‖₂``; for a rectangular
    ``A`` of full rank it is ``‖A‖₂‖A⁺‖₂`` (the pseudo-inverse). When ``A``
    is *numerically* rank-deficient (rank ``r < p``, counted as in
    :func:`numerical_rank` with the standard tolerance ``max(m, n)·ε·σ₁``),
    ``σ_p`` cannot be told from zero and the answer is ``inf``: then
    :func:`effective_condition_number` gives ``σ₁/σ_r``.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A finite real matrix.
    rtol : float, optional
        The relative rank tolerance (default ``max(m, n)·ε``).

    Returns
    -------
    float
        ``σ₁/σ_p ≥ 1``, or ``inf`` when the numerical rank is below ``p``
        (the zero matrix included).

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite real 2-D matrix, or ``rtol`` is out of range.

    Notes
    -----
    Unlike ``numpy.linalg.cond`` (which returns ``σ₁/σ_p`` as computed, a
    huge meaningless number such as ``1e17`` for a singular matrix) this says
    ``inf`` exactly when the computed ``σ_p`` is below the rounding level.
    Singular values are computed on ``A/c`` for a power of two ``c`` near
    ``max|aᵢⱼ|``, so entries anywhere in the float64 range give the same
    answer as ``A/c``.

    Examples
    --------
    >>> condition_number([[2.0, 0.0], [0.0, 0.5]])
    4.0
    >>> condition_number([[1.0, 2.0], [2.0, 4.0]])
    inf
    >>> condition_number([[3.0, 0.0, 0.0], [0.0, 1.0, 0.0]])   # 2×3: σ₁/σ₂
    3.0
    """
    A = as_matrix(A, "A")
    s = _singular_values(A)
    if _rank(s, A.shape, rtol) < min(A.shape):
        return float("inf")
    return float(s[0] / s[-1])


def effective_condition_number(A, *, rtol: float | None = None) -> float:
    """Return ``σ₁/σ_r`` with ``r`` the numerical rank: the conditioning on the range of ``A``.

    It is what matters for the minimum-norm least-squares solution
    ``x = A⁺b`` computed with the rank-``r`` pseudo-inverse (singular values
    below ``max(m, n)·ε·σ₁`` dropped). Equal to :func:`condition_number`
    when ``A`` has full numerical rank.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A finite real matrix, not zero.
    rtol : float, optional
        The relative rank tolerance (default ``max(m, n)·ε``).

    Returns
    -------
    float
        ``σ₁/σ_r``, between 1 and ``1/rtol``.

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite real 2-D matrix, is the zero matrix (rank 0:
        no ``σ_r``), or ``rtol`` is out of range.

    Examples
    --------
    >>> effective_condition_number([[1.0, 2.0], [2.0, 4.0]])   # rank 1: σ₁/σ₁
    1.0
    >>> effective_condition_number([[4.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 0.0]])
    2.0
    """
    A = as_matrix(A, "A")
    s = _singular_values(A)
    r = _rank(s, A.shape, rtol)
    if r == 0:
        raise ValueError(
            "A is the zero matrix: it has rank 0, so no σ_r and no effective condition number"
        )
    return float(s[0] / s[r - 1])
