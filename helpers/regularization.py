"""Regularized least squares: Tikhonov (ridge) and the truncated SVD.

For ``A = U Σ Vᵀ`` (thin SVD) every method here returns
``x = Σᵢ fᵢ (uᵢᵀb) vᵢ`` for some **filter factors** ``fᵢ``:

* least squares (pseudo-inverse): ``fᵢ = 1/σᵢ``;
* Tikhonov with parameter ``λ > 0``: ``fᵢ = σᵢ/(σᵢ² + λ)``, the minimizer of
  ``‖Ax − b‖² + λ‖x‖²`` (Hansen, *Rank-Deficient and Discrete Ill-Posed
  Problems*, SIAM 1998, §4.2; Golub & Van Loan, 4th ed., §6.1.4);
* truncated SVD of rank ``k``: ``fᵢ = 1/σᵢ`` for ``i ≤ k`` and ``0`` after.

The filter factors multiply ``uᵢᵀb`` to give coordinates of ``x``: they are the
singular values of the regularized *pseudo-inverse* ``V diag(fᵢ) Uᵀ``, not of a
regularized ``A``.
"""

import numpy as np

from .validation import as_matrix, as_rank, as_real, as_vector

__all__ = [
    "tikhonov_filter_factors",
    "tikhonov_solve",
    "tikhonov_solve_qr",
    "truncated_svd_solve",
]


def _lam(lam):
    return as_real(lam, "lam", low=0.0, low_inclusive=False)


def tikhonov_filter_factors(s, lam):
    """Return the Tikhonov filter factors ``σᵢ/(σᵢ² + λ)``.

    Parameters
    ----------
    s : array_like
        Singular values, finite and ``≥ 0`` (1-D).
    lam : float
        The regularization parameter ``λ > 0``.

    Returns
    -------
    numpy.ndarray
        ``s / (s**2 + lam)``, a new array.

    Raises
    ------
    ValueError
        If ``s`` is not a finite 1-D array of nonnegative numbers or ``lam ≤ 0``.

    Examples
    --------
    >>> tikhonov_filter_factors([1.0, 0.1], 0.01).round(4).tolist()
    [0.9901, 5.0]
    """
    s = as_vector(s, "s")
    if np.any(s < 0):
        raise ValueError(f"s must hold singular values (≥ 0), got min {s.min()!r}")
    lam = _lam(lam)
    root = np.sqrt(lam)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        large = 1 / (s + lam / s)  # for s ≥ √λ: λ/s ≤ √λ, nothing overflows
        small = s / (s * s + lam)  # for s < √λ: s² < λ
    return np.where(s >= root, large, small)


def _check_system(A, b):
    A = as_matrix(A, "A")
    b = as_vector(b, "b", size=A.shape[0])
    return A, b


def tikhonov_solve(A, b, lam):
    """Return ``argmin_x ‖Ax − b‖² + λ‖x‖²`` through the SVD of ``A``.

    Parameters
    ----------
    A : array_like
        An ``m × n`` real matrix (any rank, any shape).
    b : array_like
        Right-hand side of length ``m``.
    lam : float
        ``λ > 0``.

    Returns
    -------
    numpy.ndarray
        ``x_λ = V diag(σᵢ/(σᵢ² + λ)) Uᵀ b``, of length ``n``.

    Raises
    ------
    ValueError
        If the shapes do not match, an entry is not finite or ``lam ≤ 0``.
    """
    A, b = _check_system(A, b)
    lam = _lam(lam)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return Vt.T @ (tikhonov_filter_factors(s, lam) * (U.T @ b))


def tikhonov_solve_qr(A, b, lam):
    """Return the Tikhonov solution as ordinary least squares on a stacked matrix.

    ``‖Ax − b‖² + λ‖x‖² = ‖[A; √λ I] x − [b; 0]‖²``, and the stacked matrix has
    full column rank for ``λ > 0``, so its QR decomposition solves the problem
    without forming ``AᵀA + λI``.

    Parameters
    ----------
    A : array_like
        An ``m × n`` real matrix.
    b : array_like
        Right-hand side of length ``m``.
    lam : float
        ``λ > 0``.

    Returns
    -------
    numpy.ndarray
        ``x_λ``, of length ``n``.

    Raises
    ------
    ValueError
        If the shapes do not match, an entry is not finite or ``lam ≤ 0``.
    """
    A, b = _check_system(A, b)
    lam = _lam(lam)
    n = A.shape[1]
    stacked = np.vstack([A, np.sqrt(lam) * np.eye(n)])
    Q, R = np.linalg.qr(stacked)
    return np.linalg.solve(R, Q[: A.shape[0]].T @ b)  # R is triangular and nonsingular


def truncated_svd_solve(A, b, k):
    """Return the truncated-SVD solution ``Σ_{i≤k} (uᵢᵀb/σᵢ) vᵢ``.

    Parameters
    ----------
    A : array_like
        An ``m × n`` real matrix.
    b : array_like
        Right-hand side of length ``m``.
    k : int
        How many singular triplets to keep, ``1 ≤ k ≤ min(m, n)``; ``σ_k`` must be
        positive.

    Returns
    -------
    numpy.ndarray
        The minimum-norm least-squares solution of ``A_k x = b``, ``A_k`` the
        best rank-``k`` approximation.

    Raises
    ------
    ValueError
        If the shapes do not match, an entry is not finite, ``k`` is out of range
        or ``σ_k = 0``.
    """
    A, b = _check_system(A, b)
    k = as_rank(k, "k", high=min(A.shape))
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    if s[k - 1] == 0:
        raise ValueError(f"k = {k} keeps a zero singular value; A has smaller rank")
    with np.errstate(over="ignore"):
        x = Vt[:k].T @ ((U[:, :k].T @ b) / s[:k])
    if not np.all(np.isfinite(x)):
        raise ValueError(
            f"the solution overflows float64: σ_k = {s[k - 1]:.3g} is too small for b"
        )
    return x
