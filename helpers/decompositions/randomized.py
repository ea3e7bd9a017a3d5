"""Randomized SVD after Halko, Martinsson and Tropp (2011) (notebook 08).

Two stages (Halko, Martinsson & Tropp, *SIAM Review* 53(2), 2011, §1.6):

A. **Range finder.** Multiply ``A`` by a Gaussian test matrix ``Ω`` with
   ``ℓ = k + p`` columns and orthonormalize: ``Q = orth(AΩ)``. With ``q`` power
   iterations the sample is ``(AAᵀ)^q AΩ``, orthonormalized after *every*
   product with ``A`` or ``Aᵀ`` (their Algorithm 4.4, randomized subspace
   iteration).
B. **Small SVD.** ``B = QᵀA`` is only ``ℓ × n``; its SVD ``B = Û Σ Vᵀ`` gives
   ``A ≈ (QÛ) Σ Vᵀ`` (their Algorithm 5.1), truncated to ``k`` terms.

Everything runs in numpy (``np.linalg.qr``, ``np.linalg.svd`` and ``@``), so
the hot loop stays inside one BLAS library. ``A`` may be a dense array or a
``scipy.sparse`` matrix or array: it is only ever used through ``A @ X`` and
``A.T @ X``, never densified.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..validation import as_generator, as_matrix, as_rank

__all__ = ["randomized_range_finder", "randomized_svd"]


def _as_operator(A, name: str = "A"):
    """Validate ``A`` as a finite real matrix, dense or scipy.sparse, without densifying."""
    if sp.issparse(A):
        if A.ndim != 2:
            raise ValueError(
                f"{name} must be a 2-D matrix, got a sparse array with shape {A.shape}"
            )
        if np.iscomplexobj(A.data):
            raise TypeError(f"{name} must be real, got complex dtype {A.dtype}")
        if not (np.issubdtype(A.dtype, np.number) or np.issubdtype(A.dtype, np.bool_)):
            raise TypeError(f"{name} must be a matrix of real numbers, got dtype {A.dtype}")
        if min(A.shape) == 0:
            raise ValueError(f"{name} must not be empty, got shape {A.shape}")
        if A.format not in ("csr", "csc"):
            A = A.tocsr()  # fast products with A and with Aᵀ (= CSC)
        if not np.issubdtype(A.dtype, np.floating):
            A = A.astype(np.float64)
        if not np.all(np.isfinite(A.data)):
            raise ValueError(f"{name} contains NaN or infinity; every entry must be finite")
        return A
    return as_matrix(A, name)


def _as_generator(seed) -> np.random.Generator:
    """Turn ``seed`` (None, a nonnegative int or a Generator) into a Generator."""
    return as_generator(seed, "seed")


def _orth(Y: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the columns of ``Y`` (reduced Householder QR)."""
    return np.linalg.qr(Y, mode="reduced")[0]


def _range_finder(A, size: int, n_iter: int, rng: np.random.Generator) -> np.ndarray:
    """Algorithm 4.4 of Halko et al. on validated input."""
    Omega = rng.standard_normal((A.shape[1], size))
    Q = _orth(A @ Omega)
    for _ in range(n_iter):
        W = _orth(A.T @ Q)  # re-orthonormalize after Aᵀ …
        Q = _orth(A @ W)  # … and after A: no column is allowed to collapse onto u₁
    return Q


def randomized_range_finder(A, size: int, n_iter: int = 2, seed=0) -> np.ndarray:
    """Return ``Q`` with ``size`` orthonormal columns whose span approximates range(A).

    Randomized subspace iteration (Halko, Martinsson & Tropp 2011, Algorithm
    4.4): ``Q = orth((AAᵀ)^q AΩ)`` for a standard Gaussian ``n × size`` test
    matrix ``Ω``, with a QR factorization after every product with ``A`` and
    with ``Aᵀ``.

    Parameters
    ----------
    A : array_like or scipy.sparse matrix, shape (m, n)
        The matrix; a sparse matrix is used only through products ``A @ X``.
    size : int
        Number of columns ``ℓ`` of ``Q``, ``1 ≤ ℓ ≤ min(m, n)``.
    n_iter : int, optional
        Number of power iterations ``q ≥ 0``; each costs one product with
        ``Aᵀ`` and one with ``A``.
    seed : int, numpy.random.Generator or None, optional
        Seed or generator of the test matrix; the same int gives the same ``Q``.

    Returns
    -------
    numpy.ndarray, shape (m, size)
        ``Q`` with ``QᵀQ = I``.

    Raises
    ------
    TypeError
        If ``A`` is not a real matrix, or ``size``, ``n_iter`` or ``seed`` has
        the wrong type.
    ValueError
        If ``A`` is not 2-D, is empty or holds NaN or infinity, or ``size`` or
        ``n_iter`` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.outer([1.0, 2.0, 3.0], [1.0, 1.0]) + np.outer([1.0, 0.0, -1.0], [1.0, -1.0])
    >>> Q = randomized_range_finder(A, size=2, seed=0)
    >>> bool(np.allclose(Q @ (Q.T @ A), A))  # rank 2: the range is found exactly
    True
    """
    A = _as_operator(A, "A")
    size = as_rank(size, "size", high=min(A.shape))
    n_iter = as_rank(n_iter, "n_iter", low=0)
    return _range_finder(A, size, n_iter, _as_generator(seed))


def randomized_svd(A, k: int, oversample: int = 10, n_iter: int = 2, seed=0):
    """Return an approximate rank-``k`` truncated SVD ``(U, s, Vt)`` of ``A``.

    The two-stage algorithm of Halko, Martinsson & Tropp (2011): the range
    finder :func:`randomized_range_finder` with ``ℓ = min(k + oversample,
    min(m, n))`` columns, then the SVD of the small matrix ``B = QᵀA``.

    Parameters
    ----------
    A : array_like or scipy.sparse matrix, shape (m, n)
        The matrix; a sparse matrix is used only through products ``A @ X``
        and ``A.T @ X`` (never converted to a dense array).
    k : int
        Target rank, ``1 ≤ k ≤ min(m, n)``.
    oversample : int, optional
        Oversampling ``p ≥ 0``: extra random directions beyond ``k``. Halko et
        al. recommend ``p = 5`` or ``10``; their error bounds need ``p ≥ 2``.
    n_iter : int, optional
        Number of power iterations ``q ≥ 0``. Use more when the singular
        values decay slowly. The matrix is read ``2q + 2`` times.
    seed : int, numpy.random.Generator or None, optional
        Seed or generator of the Gaussian test matrix. The same int gives the
        same result; None draws fresh entropy.

    Returns
    -------
    U : numpy.ndarray, shape (m, k)
        Approximate left singular vectors (orthonormal columns).
    s : numpy.ndarray, shape (k,)
        Approximate singular values, in decreasing order.
    Vt : numpy.ndarray, shape (k, n)
        Approximate right singular vectors, as rows (orthonormal).

    Raises
    ------
    TypeError
        If ``A`` is not a real matrix (dense or scipy.sparse), or ``k``,
        ``oversample``, ``n_iter`` or ``seed`` has the wrong type.
    ValueError
        If ``A`` is not 2-D, is empty or holds NaN or infinity, ``k < 1`` or
        ``k > min(m, n)``, or ``oversample`` or ``n_iter`` is negative.

    Notes
    -----
    Cost for a dense ``m × n`` matrix: ``2q + 2`` products with ``ℓ`` columns,
    ``O((2q + 2)·mnℓ)`` flops, plus ``2q + 1`` QR factorizations and one small
    SVD, ``O((q + 1)(m + n)ℓ²)``. For a sparse matrix ``mn`` becomes ``nnz(A)``.
    Signs are fixed so that the largest-magnitude entry of each column of
    ``U`` is positive (singular vectors are defined only up to sign).

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.matrices import with_singular_values
    >>> A = with_singular_values([5.0, 3.0, 1.0], 40, 30, seed=1)
    >>> U, s, Vt = randomized_svd(A, k=2, seed=0)
    >>> np.round(s, 10)
    array([5., 3.])
    """
    A = _as_operator(A, "A")
    m, n = A.shape
    k = as_rank(k, "k", high=min(m, n))
    oversample = as_rank(oversample, "oversample", low=0)
    n_iter = as_rank(n_iter, "n_iter", low=0)
    rng = _as_generator(seed)
    size = min(k + oversample, m, n)
    # Stage A: an orthonormal basis Q of (approximately) the dominant range of A.
    Q = _range_finder(A, size, n_iter, rng)
    # Stage B: B = QᵀA is small (size × n); computed as (AᵀQ)ᵀ so sparse A works too.
    B = np.asarray(A.T @ Q).T
    U_hat, s, Vt = np.linalg.svd(B, full_matrices=False)
    U = Q @ U_hat[:, :k]
    s, Vt = s[:k], Vt[:k]
    # A deterministic sign: the largest |entry| of each column of U is positive.
    signs = np.sign(U[np.argmax(np.abs(U), axis=0), np.arange(k)])
    signs[signs == 0] = 1.0
    return U * signs, s, Vt * signs[:, None]
