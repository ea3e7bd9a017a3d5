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

Three variants of Halko et al. that the notebook teaches in compact form:
:func:`srft_sample` (a structured test matrix, their §4.6, here with the real
orthonormal DCT in place of the complex DFT), :func:`nystrom_eigh` (the
Nyström method for a positive semidefinite matrix, §5.4) and
:func:`single_pass_svd` (every entry of ``A`` read once, the idea of §5.5 in the
two-sketch form of Tropp, Yurtsever, Udell & Cevher, *SIAM J. Matrix Anal.
Appl.* 38(4), 2017).
"""

from __future__ import annotations

import numpy as np
import scipy.fft
import scipy.sparse as sp

from ..validation import as_generator, as_matrix, as_rank

__all__ = [
    "nystrom_eigh",
    "randomized_range_finder",
    "randomized_svd",
    "single_pass_svd",
    "srft_sample",
]


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


def srft_sample(A, size: int, seed=0) -> np.ndarray:
    """Return ``Y = AΩ`` for a subsampled randomized trigonometric transform ``Ω``.

    ``Ω = √(n/ℓ)·D F R``: ``D`` a diagonal of random signs, ``F`` the orthonormal
    DCT-II matrix (``n × n``, applied by a fast transform) and ``R`` ``ℓ`` columns
    of the identity chosen at random. Halko et al. (2011, §4.6) use the complex
    DFT; the DCT keeps everything real. ``AΩ`` costs ``O(mn log n)`` flops
    against ``2mnℓ`` for a Gaussian ``Ω``.

    Parameters
    ----------
    A : array_like, shape (m, n)
    size : int
        Number of columns ``ℓ``, ``1 ≤ ℓ ≤ n``.
    seed : int, numpy.random.Generator or None, optional

    Returns
    -------
    numpy.ndarray, shape (m, size)

    Examples
    --------
    >>> A = np.eye(4)
    >>> Y = srft_sample(A, 4, seed=1)  # ℓ = n: Ω = D F R is orthogonal
    >>> bool(np.allclose(Y.T @ Y, np.eye(4)))
    True
    """
    A = as_matrix(A, "A")
    n = A.shape[1]
    size = as_rank(size, "size", high=n)
    rng = _as_generator(seed)
    signs = rng.choice([-1.0, 1.0], size=n)
    cols = rng.choice(n, size=size, replace=False)
    # row i of A·D·F is the DCT of row i of A·D (F acts on the right, as Fᵀ's rows)
    ADF = scipy.fft.dct(A * signs, type=2, norm="ortho", axis=1)
    return np.sqrt(n / size) * ADF[:, cols]


def nystrom_eigh(A, k: int, oversample: int = 10, n_iter: int = 0, seed=0):
    """Approximate the top-``k`` eigenpairs of a positive semidefinite ``A`` (Nyström).

    With ``Q`` from the range finder, ``A ≈ (AQ)(QᵀAQ)⁺(AQ)ᵀ`` (Halko et al.
    2011, §5.4, Algorithm 5.5). Writing ``QᵀAQ = WMWᵀ`` and ``F = AQ·W M^(−1/2)``
    (positive ``M`` only), the approximation is ``FFᵀ``, and the SVD
    ``F = UΣVᵀ`` gives eigenvalues ``Σ²`` and eigenvectors ``U``. (Halko et al.
    take a Cholesky factor of ``QᵀAQ``; the eigendecomposition is the same in
    exact arithmetic and does not fail when ``QᵀAQ`` is singular to working
    precision.)

    Parameters
    ----------
    A : array_like, shape (n, n)
        Symmetric positive semidefinite.
    k : int
        Number of eigenpairs, ``1 ≤ k ≤ n``.
    oversample, n_iter : int, optional
        As in :func:`randomized_svd`.
    seed : int, numpy.random.Generator or None, optional

    Returns
    -------
    eigenvalues : numpy.ndarray, shape (k,)
        In decreasing order.
    eigenvectors : numpy.ndarray, shape (n, k)
        Orthonormal columns.

    Raises
    ------
    ValueError
        If ``A`` is not square or not symmetric.

    Examples
    --------
    >>> G = np.random.default_rng(0).standard_normal((30, 3))
    >>> lam, V = nystrom_eigh(G @ G.T, 3)
    >>> bool(np.allclose(lam, np.linalg.eigvalsh(G @ G.T)[::-1][:3]))
    True
    """
    A = as_matrix(A, "A")
    n = A.shape[0]
    if A.shape != (n, n):
        raise ValueError(f"A must be square, got shape {A.shape}")
    if not np.allclose(A, A.T, rtol=1e-10, atol=1e-12 * np.abs(A).max()):
        raise ValueError("A must be symmetric (positive semidefinite)")
    k = as_rank(k, "k", high=n)
    oversample = as_rank(oversample, "oversample", low=0)
    n_iter = as_rank(n_iter, "n_iter", low=0)
    Q = _range_finder(A, min(k + oversample, n), n_iter, _as_generator(seed))
    AQ = A @ Q
    mu, W = np.linalg.eigh((Q.T @ AQ + AQ.T @ Q) / 2)
    keep = mu > mu.max() * n * np.finfo(float).eps  # the pseudo-inverse of QᵀAQ
    F = AQ @ (W[:, keep] / np.sqrt(mu[keep]))
    U, sigma, _ = np.linalg.svd(F, full_matrices=False)
    k = min(k, sigma.size)
    return sigma[:k] ** 2, U[:, :k]


def single_pass_svd(A, k: int, oversample: int = 10, block_rows: int = 64, seed=0):
    """A rank-``k`` SVD of ``A`` that reads each entry of ``A`` exactly once.

    Two sketches are formed in one pass over blocks of rows: ``Y = AΩ`` with
    ``ℓ = k + oversample`` columns and ``Z = ΨA`` with ``2ℓ + 1`` rows, for
    Gaussian ``Ω`` and ``Ψ``. Then ``Q = orth(Y)`` and, since ``A ≈ QQᵀA``,
    ``Z ≈ (ΨQ)(QᵀA)``: least squares gives ``X ≈ QᵀA``, and ``A ≈ QX`` (Tropp,
    Yurtsever, Udell & Cevher 2017; the single-pass idea of Halko et al. 2011,
    §5.5). No power iteration is possible, since each would need another pass.

    Parameters
    ----------
    A : array_like, shape (m, n)
    k : int
        Target rank, ``1 ≤ k ≤ min(m, n)``.
    oversample : int, optional
        Extra columns of ``Y``; ``ℓ = min(k + oversample, m, n)``.
    block_rows : int, optional
        Rows read per step (the stream's block size).
    seed : int, numpy.random.Generator or None, optional

    Returns
    -------
    U, s, Vt : numpy.ndarray
        Shapes (m, k), (k,), (k, n).

    Examples
    --------
    >>> from helpers.matrices import with_singular_values
    >>> A = with_singular_values([4.0, 2.0, 1.0], 50, 40, seed=2)
    >>> U, s, Vt = single_pass_svd(A, 3, block_rows=7)
    >>> bool(np.allclose(s, [4.0, 2.0, 1.0]))
    True
    """
    A = as_matrix(A, "A")
    m, n = A.shape
    k = as_rank(k, "k", high=min(m, n))
    oversample = as_rank(oversample, "oversample", low=0)
    block_rows = as_rank(block_rows, "block_rows")
    rng = _as_generator(seed)
    ell = min(k + oversample, m, n)
    Omega = rng.standard_normal((n, ell))
    Psi = rng.standard_normal((min(2 * ell + 1, m), m))
    Y, Z = np.zeros((m, ell)), np.zeros((Psi.shape[0], n))
    for start in range(0, m, block_rows):  # the one pass: each block is read once
        rows = A[start : start + block_rows]
        Y[start : start + block_rows] = rows @ Omega
        Z += Psi[:, start : start + block_rows] @ rows
    Q = _orth(Y)
    X = np.linalg.lstsq(Psi @ Q, Z, rcond=None)[0]  # X ≈ QᵀA
    U_hat, s, Vt = np.linalg.svd(X, full_matrices=False)
    return Q @ U_hat[:, :k], s[:k], Vt[:k]
