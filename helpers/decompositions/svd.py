"""The SVD built from the eigendecomposition of AᵀA (notebooks 03, 04).

:func:`svd_via_eigh` is the constructive existence proof of notebook 03 turned
into code, step for step. It is correct in exact arithmetic and instructive in
floating point, where it loses every singular value below about
``√ε · σ₁``: forming ``AᵀA`` squares the condition number. Libraries compute the
SVD from ``A`` itself (Golub–Kahan bidiagonalization), never from ``AᵀA``.
"""

from __future__ import annotations

import numpy as np

from ..validation import as_matrix

__all__ = ["complete_orthonormal_basis", "default_tolerance", "svd_via_eigh"]


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
    if sigma_max < 0 or not np.isfinite(sigma_max):
        raise ValueError(f"sigma_max must be finite and nonnegative, got {sigma_max!r}")
    m, n = shape
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
    if not isinstance(full_matrices, (bool, np.bool_)):
        raise TypeError(f"full_matrices must be True or False, got {full_matrices!r}")
    m, n = A.shape
    p = min(m, n)

    # Step 1: AᵀA is symmetric positive semidefinite; eigh, then decreasing order.
    lam, V = np.linalg.eigh(A.T @ A)
    order = np.argsort(lam)[::-1]
    lam, V = lam[order], V[:, order]

    # Step 2: σᵢ = √λᵢ, with round-off below the tolerance set to exactly zero.
    sigma = np.sqrt(np.clip(lam[:p], 0.0, None))
    if tol is None:
        tol = default_tolerance(A.shape, sigma[0])
    elif not np.isfinite(tol) or tol < 0:
        raise ValueError(f"tol must be finite and nonnegative, got {tol!r}")
    sigma[sigma <= tol] = 0.0
    r = int(np.count_nonzero(sigma))

    # Step 3: uᵢ = A vᵢ / σᵢ for the r positive singular values.
    U_r = (A @ V[:, :r]) / sigma[:r]

    # Step 4: complete u₁…u_r to an orthonormal basis of Rᵐ (Householder QR of [U_r | I]).
    # (No orthonormality check here: U_r is orthonormal only to about ε·(σ₁/σ_r)².)
    U = _complete(U_r)

    if full_matrices:
        return U, sigma, V.T
    return U[:, :p], sigma, V[:, :p].T
