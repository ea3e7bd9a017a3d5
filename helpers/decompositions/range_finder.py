"""Fixed-accuracy range finding: an a-posteriori error estimate and an adaptive basis.

Halko, Martinsson & Tropp (2011), *Finding structure with randomness*, SIAM
Review 53(2), §4.3–4.4. For Gaussian vectors ω⁽¹⁾, …, ω⁽ʳ⁾ (their eq. 4.3),

    ‖(I − QQᵀ)A‖₂ ≤ 10 √(2/π) · maxᵢ ‖(I − QQᵀ)Aω⁽ⁱ⁾‖

with probability at least 1 − 10⁻ʳ. :func:`posterior_error_estimate` computes
the right-hand side; :func:`adaptive_range_finder` grows Q block by block until
it falls below a tolerance, so the rank need not be known in advance (a blocked
form of their Algorithm 4.2).
"""

from __future__ import annotations

import numpy as np

from ..validation import as_generator, as_matrix, as_rank, as_real, scale_factor

__all__ = ["ESTIMATE_FACTOR", "adaptive_range_finder", "posterior_error_estimate"]

#: The constant 10·√(2/π) of Halko et al. (2011), eq. (4.3).
ESTIMATE_FACTOR = 10.0 * np.sqrt(2.0 / np.pi)


def _orthonormal_columns(Q, m):
    if isinstance(Q, np.ndarray) and Q.ndim == 2 and Q.shape == (m, 0):
        return np.zeros((m, 0))  # the empty basis: nothing captured yet
    Q = as_matrix(Q, name="Q")
    if Q.shape[0] != m:
        raise ValueError(f"Q must have {m} rows (as many as A), got shape {Q.shape}")
    if Q.shape[1] and not np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-8):
        raise ValueError("Q must have orthonormal columns (QᵀQ = I)")
    return Q.copy()


def posterior_error_estimate(A, Q, n_probes: int = 10, seed=0) -> float:
    """Return 10·√(2/π)·maxᵢ ‖(I − QQᵀ)Aωᵢ‖ for ``n_probes`` Gaussian vectors ωᵢ.

    Parameters
    ----------
    A : array_like, shape (m, n)
    Q : array_like, shape (m, k)
        Orthonormal columns (k may be 0).
    n_probes : int, optional
        Number r of Gaussian probes; the estimate bounds ‖(I − QQᵀ)A‖₂ with
        probability at least 1 − 10⁻ʳ.
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If Q has the wrong number of rows or columns that are not orthonormal.

    Examples
    --------
    >>> A = np.diag([3.0, 2.0, 1e-9])
    >>> Q = np.eye(3)[:, :2]
    >>> bool(posterior_error_estimate(A, Q) >= 1e-9)
    True
    """
    A = as_matrix(A, name="A")
    Q = _orthonormal_columns(Q, A.shape[0])
    r = as_rank(n_probes, "n_probes")
    rng = as_generator(seed)
    c = scale_factor(A)  # an exact power of two: no overflow in the norms
    Y = (A / c) @ rng.standard_normal((A.shape[1], r))
    Y -= Q @ (Q.T @ Y)
    return float(c * (ESTIMATE_FACTOR * np.max(np.linalg.norm(Y, axis=0))))


def adaptive_range_finder(
    A, tol: float, block: int = 10, n_probes: int = 10, max_rank=None, seed=0
) -> np.ndarray:
    """Orthonormal Q with ‖(I − QQᵀ)A‖₂ ≤ tol (with high probability), rank unknown.

    Adds ``block`` columns at a time (Gaussian samples, projected against the
    current basis twice, then orthonormalized) and stops as soon as
    :func:`posterior_error_estimate` with fresh probes is at most ``tol``.

    Parameters
    ----------
    A : array_like, shape (m, n)
    tol : float
        The target spectral-norm error, > 0.
    block : int, optional
        Columns added per step.
    n_probes : int, optional
        Probes of each error estimate (failure probability 10⁻ⁿ_probes per test).
    max_rank : int, optional
        Largest number of columns; default min(m, n).
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    numpy.ndarray, shape (m, k)
        k is a multiple of ``block`` (or ``max_rank``).

    Examples
    --------
    >>> A = np.outer(np.arange(1.0, 6.0), np.ones(4))  # rank 1
    >>> adaptive_range_finder(A, 1e-10, block=2).shape
    (5, 2)
    """
    A = as_matrix(A, name="A")
    m, n = A.shape
    tol = as_real(tol, "tol")
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol}")
    block = as_rank(block, "block")
    limit = min(m, n) if max_rank is None else as_rank(max_rank, "max_rank", high=min(m, n))
    rng = as_generator(seed)
    c = scale_factor(A)  # work with A/c and tol/c: the same basis, no overflow
    A, tol = A / c, tol / c
    Q = np.zeros((m, 0))
    while posterior_error_estimate(A, Q, n_probes, rng) > tol and Q.shape[1] < limit:
        Y = A @ rng.standard_normal((n, min(block, limit - Q.shape[1])))
        for _ in range(2):  # project twice: one pass loses orthogonality (notebook 06)
            Y -= Q @ (Q.T @ Y)
        Q = np.hstack([Q, np.linalg.qr(Y)[0]])
    return Q.copy()
