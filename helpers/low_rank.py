"""Low-rank approximation by the truncated SVD (notebook 05, used again in 08–10).

The rank-``k`` **truncated SVD** of ``A = U Σ Vᵀ`` keeps the ``k`` largest
singular values: ``A_k = Σ_{i ≤ k} σ_i u_i v_iᵀ``. By the Eckart–Young–Mirsky
theorem no matrix of rank at most ``k`` is closer to ``A`` in the spectral or
the Frobenius norm, and the errors are known from the singular values alone:

- ``‖A − A_k‖₂ = σ_{k+1}`` (zero when ``k ≥ rank A``),
- ``‖A − A_k‖_F = sqrt(σ_{k+1}² + … + σ_p²)`` with ``p = min(m, n)``.

This module computes ``A_k``, those two errors, the **energy retained**
``Σ_{i ≤ k} σ_i² / Σ_i σ_i²``, the rank needed for a given energy, and the
storage of the factored form, ``k(m + n + 1)`` numbers (``k`` columns of
``U``, ``k`` singular values, ``k`` rows of ``Vᵀ``) against ``mn``.
"""

from __future__ import annotations

import numbers

import numpy as np

from .validation import as_matrix, as_rank, as_vector, scale_factor

__all__ = [
    "truncated_svd",
    "low_rank_approximation",
    "truncation_error",
    "cumulative_energy",
    "energy_retained",
    "rank_for_energy",
    "storage",
    "compression_ratio",
    "break_even_rank",
]


def truncated_svd(A, k: int):
    """Return the rank-``k`` truncated SVD ``(U_k, s_k, Vt_k)`` of ``A``.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A finite real matrix.
    k : int
        Number of singular triplets to keep, ``1 ≤ k ≤ min(m, n)``.

    Returns
    -------
    U_k : numpy.ndarray, shape (m, k)
        The first ``k`` left singular vectors (orthonormal columns).
    s_k : numpy.ndarray, shape (k,)
        The ``k`` largest singular values, in decreasing order.
    Vt_k : numpy.ndarray, shape (k, n)
        The first ``k`` right singular vectors, as rows.

    Raises
    ------
    TypeError
        If ``A`` is not a real numeric array or ``k`` is not an integer.
    ValueError
        If ``A`` is not a finite 2-D matrix, or ``k`` is outside ``1 … min(m, n)``.

    Examples
    --------
    >>> U1, s1, Vt1 = truncated_svd([[3.0, 0.0], [0.0, 1.0]], 1)
    >>> s1
    array([3.])
    >>> np.abs(U1 @ np.diag(s1) @ Vt1)
    array([[3., 0.],
           [0., 0.]])
    """
    A = as_matrix(A, "A")
    k = as_rank(k, "k", high=min(A.shape))
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, :k], s[:k], Vt[:k, :]


def low_rank_approximation(A, k: int) -> np.ndarray:
    """Return ``A_k = Σ_{i ≤ k} σ_i u_i v_iᵀ``, the best rank-``k`` approximation of ``A``.

    Parameters
    ----------
    A : array_like, shape (m, n)
        A finite real matrix.
    k : int
        The rank, ``1 ≤ k ≤ min(m, n)``.

    Returns
    -------
    numpy.ndarray, shape (m, n)
        ``U_k diag(s_k) Vt_k``.

    Raises
    ------
    TypeError
        If ``A`` is not a real numeric array or ``k`` is not an integer.
    ValueError
        If ``A`` is not a finite 2-D matrix, or ``k`` is outside ``1 … min(m, n)``.

    Examples
    --------
    >>> A = np.array([[3.0, 1.0], [1.0, 3.0], [1.0, 1.0]])
    >>> np.round(low_rank_approximation(A, 1), 12)
    array([[2., 2.],
           [2., 2.],
           [1., 1.]])
    """
    U_k, s_k, Vt_k = truncated_svd(A, k)
    return (U_k * s_k) @ Vt_k


def _singular_values(s, name: str = "s") -> np.ndarray:
    """Validate a vector of singular values: nonnegative and in decreasing order."""
    s = as_vector(s, name)
    if s.size == 0:
        raise ValueError(f"{name} must hold at least one singular value, got an empty vector")
    if np.any(s < 0):
        raise ValueError(f"{name} must be nonnegative: singular values are never negative")
    if np.any(np.diff(s) > 0):
        raise ValueError(
            f"{name} must be in decreasing order (σ₁ ≥ σ₂ ≥ …), as np.linalg.svd returns them"
        )
    return s


def truncation_error(s, k: int, norm="fro") -> float:
    """Return ``‖A − A_k‖`` from the singular values ``s`` of ``A`` alone.

    Parameters
    ----------
    s : array_like, shape (p,)
        All singular values of ``A``, in decreasing order.
    k : int
        The rank kept, ``0 ≤ k ≤ p`` (``k = 0`` gives ``‖A‖``).
    norm : {"fro", 2}, optional
        ``"fro"``: ``sqrt(Σ_{i > k} σ_i²)``; ``2``: ``σ_{k+1}`` (``0`` when ``k = p``).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``k`` is not an integer.
    ValueError
        If ``s`` is not a nonnegative decreasing vector, ``k`` is out of range,
        or ``norm`` is not ``"fro"`` or ``2``.

    Examples
    --------
    >>> truncation_error([5.0, 3.0, 1.0], 1), truncation_error([5.0, 3.0, 1.0], 1, norm=2)
    (3.1622776601683795, 3.0)
    """
    s = _singular_values(s)
    k = as_rank(k, "k", low=0, high=s.size)
    if isinstance(norm, str) and norm == "fro":
        c = scale_factor(s)  # squares of σ beyond 1e154 would overflow: sum (σ/c)², then × c
        return float(np.sqrt(np.sum((s[k:] / c) ** 2)) * c)
    if type(norm) in (int, np.int64) and norm == 2:
        return float(s[k]) if k < s.size else 0.0
    raise ValueError(f"norm must be 'fro' or 2, got {norm!r}")


def cumulative_energy(s) -> np.ndarray:
    """Return the energy retained at every rank: entry ``k − 1`` is ``Σ_{i ≤ k} σ_i² / Σ σ_i²``.

    Parameters
    ----------
    s : array_like, shape (p,)
        Singular values in decreasing order.

    Returns
    -------
    numpy.ndarray, shape (p,)
        Nondecreasing fractions in ``[0, 1]``; the last entry is exactly ``1``.
        A zero matrix (all ``σ = 0``) keeps "all" of its zero energy: all ones.

    Raises
    ------
    ValueError
        If ``s`` is not a nonnegative decreasing vector.

    Examples
    --------
    >>> cumulative_energy([3.0, 2.0, 1.0])
    array([0.64285714, 0.92857143, 1.        ])
    """
    s = _singular_values(s)
    total = np.cumsum((s / scale_factor(s)) ** 2)  # scaled: σ² would overflow beyond 1e154
    if total[-1] == 0.0:
        return np.ones_like(total)
    return total / total[-1]


def energy_retained(s, k: int) -> float:
    """Return the fraction ``Σ_{i ≤ k} σ_i² / Σ σ_i²`` of ``‖A‖_F²`` that ``A_k`` keeps.

    It equals ``1 − ‖A − A_k‖_F² / ‖A‖_F²``.

    Parameters
    ----------
    s : array_like, shape (p,)
        Singular values in decreasing order.
    k : int
        The rank, ``1 ≤ k ≤ p``.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``k`` is not an integer.
    ValueError
        If ``s`` is not a nonnegative decreasing vector or ``k`` is out of range.

    Examples
    --------
    >>> round(energy_retained([np.sqrt(18.0), 2.0], 1), 6)  # 18/22, the 3×2 example of notebook 04
    0.818182
    """
    energy = cumulative_energy(s)
    k = as_rank(k, "k", high=energy.size)
    return float(energy[k - 1])


def rank_for_energy(s, fraction: float) -> int:
    """Return the smallest ``k`` whose truncated SVD keeps at least ``fraction`` of the energy.

    Parameters
    ----------
    s : array_like, shape (p,)
        Singular values in decreasing order.
    fraction : float
        The energy to keep, ``0 < fraction ≤ 1`` (``0.9`` for 90 %).

    Returns
    -------
    int
        ``min {k : Σ_{i ≤ k} σ_i² ≥ fraction · Σ σ_i²}``.

    Raises
    ------
    TypeError
        If ``fraction`` is not a real number.
    ValueError
        If ``s`` is not a nonnegative decreasing vector or ``fraction`` is not in ``(0, 1]``.

    Examples
    --------
    >>> rank_for_energy([3.0, 2.0, 1.0], 0.9)
    2
    """
    energy = cumulative_energy(s)
    if isinstance(fraction, (bool, np.bool_)) or not isinstance(fraction, numbers.Real):
        raise TypeError(f"fraction must be a number in (0, 1], got {type(fraction).__name__}")
    if not (0.0 < float(fraction) <= 1.0):
        raise ValueError(f"fraction must be in (0, 1] (for example 0.9 for 90 %), got {fraction}")
    # The last entry is exactly 1, so the search always succeeds for fraction ≤ 1.
    return int(np.searchsorted(energy, float(fraction), side="left")) + 1


def storage(m: int, n: int, k: int, channels: int = 1) -> int:
    """Return how many numbers the rank-``k`` factors of ``channels`` ``m × n`` matrices need.

    Each channel stores ``k`` columns of ``U`` (``km`` numbers), ``k``
    singular values and ``k`` rows of ``Vᵀ`` (``kn``): ``k(m + n + 1)``.

    Parameters
    ----------
    m, n : int
        Shape of one matrix (for an image: height and width).
    k : int
        The rank, ``k ≥ 1``.
    channels : int, optional
        Number of matrices (3 for an RGB image compressed channel by channel).

    Returns
    -------
    int
        ``channels · k · (m + n + 1)``.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a positive integer.

    Examples
    --------
    >>> storage(600, 512, 20), 600 * 512
    (22260, 307200)
    """
    m, n = as_rank(m, "m"), as_rank(n, "n")
    k, channels = as_rank(k, "k"), as_rank(channels, "channels")
    return channels * k * (m + n + 1)


def compression_ratio(m: int, n: int, k: int) -> float:
    """Return ``mn / (k(m + n + 1))``: how many times fewer numbers the factors need.

    A ratio below 1 means the "compressed" form is larger than the matrix.
    The number of channels cancels, so it is not an argument.

    Parameters
    ----------
    m, n : int
        Shape of one matrix.
    k : int
        The rank, ``k ≥ 1``.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If an argument is not a positive integer.

    Examples
    --------
    >>> round(compression_ratio(1000, 1000, 50), 4)
    9.995
    """
    return (as_rank(m, "m") * as_rank(n, "n")) / storage(m, n, k)


def break_even_rank(m: int, n: int) -> int:
    """Return the largest rank whose factors are strictly smaller than the matrix.

    That is the largest ``k`` with ``k(m + n + 1) < mn``; ``0`` when no rank
    saves anything (tiny matrices).

    Parameters
    ----------
    m, n : int
        Shape of the matrix.

    Returns
    -------
    int

    Raises
    ------
    TypeError, ValueError
        If ``m`` or ``n`` is not a positive integer.

    Examples
    --------
    >>> break_even_rank(600, 512), break_even_rank(50, 50)
    (276, 24)
    """
    m, n = as_rank(m, "m"), as_rank(n, "n")
    return (m * n - 1) // (m + n + 1)
