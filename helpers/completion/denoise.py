"""Low-rank denoising by truncating the SVD at the Gavish–Donoho threshold.

Notebook 11. Observe ``Y = X + σZ`` with ``X`` (m × n, m ≤ n) of low rank and
``Z`` independent noise of mean 0 and variance 1. Keep the singular values of
``Y`` above a threshold τ and drop the rest. Gavish & Donoho (2014, "The
optimal hard threshold for singular values is 4/√3", IEEE Trans. Inf. Theory
60(8):5040–5053) find the τ that minimizes the asymptotic mean squared error
for ``m/n → β``:

- σ known: ``τ = λ*(β) √n σ`` with
  ``λ*(β) = sqrt(2(β + 1) + 8β / ((β + 1) + sqrt(β² + 14β + 1)))``;
  for a square matrix ``λ*(1) = 4/√3``.
- σ unknown: ``τ = ω(β) · y_med``, the median singular value of ``Y`` times
  ``ω(β) = λ*(β) / sqrt(μ_β)``, where ``μ_β`` is the median of the
  Marchenko–Pastur distribution with ratio β (the median eigenvalue of
  ``ZZᵀ/n`` for large n). :func:`marchenko_pastur_median` computes ``μ_β`` by
  integrating the density; the paper also gives the fit
  ``ω(β) ≈ 0.56β³ − 0.95β² + 1.82β + 1.43``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import as_matrix, as_real

__all__ = [
    "DenoiseResult",
    "hard_threshold_denoise",
    "marchenko_pastur_median",
    "optimal_coefficient",
    "optimal_omega",
    "optimal_threshold",
]


def _as_beta(beta) -> float:
    return as_real(beta, "beta", low=0.0, high=1.0, low_inclusive=False)


def optimal_coefficient(beta: float) -> float:
    """Gavish and Donoho's λ*(β): the optimal threshold is ``λ*(β)·√n·σ`` when σ is known.

    Parameters
    ----------
    beta : float
        The aspect ratio ``m/n`` in (0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> bool(np.isclose(optimal_coefficient(1.0), 4 / np.sqrt(3)))
    True
    """
    b = _as_beta(beta)
    return float(np.sqrt(2 * (b + 1) + 8 * b / ((b + 1) + np.sqrt(b * b + 14 * b + 1))))


def marchenko_pastur_median(beta: float) -> float:
    """The median of the Marchenko–Pastur distribution with ratio β and variance 1.

    The density is ``sqrt((b − t)(t − a)) / (2πβt)`` on ``[a, b]`` with
    ``a, b = (1 ∓ √β)²``; the median solves ``∫_a^μ density = ½``.

    Parameters
    ----------
    beta : float
        The ratio ``m/n`` in (0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> round(marchenko_pastur_median(1.0), 4)
    0.6528
    """
    from scipy.integrate import quad
    from scipy.optimize import brentq

    b_ = _as_beta(beta)
    lo, hi = (1 - np.sqrt(b_)) ** 2, (1 + np.sqrt(b_)) ** 2

    # t = lo + (hi − lo) sin²θ removes the square-root zeros at both ends
    def integrand(theta):
        t = lo + (hi - lo) * np.sin(theta) ** 2
        root = (hi - lo) * np.sin(theta) * np.cos(theta)  # sqrt((hi − t)(t − lo))
        return root * 2 * (hi - lo) * np.sin(theta) * np.cos(theta) / (2 * np.pi * b_ * t)

    def cdf_minus_half(x):
        theta = np.arcsin(np.sqrt((x - lo) / (hi - lo)))
        return quad(integrand, 0.0, theta, epsabs=1e-13, epsrel=1e-12)[0] - 0.5

    return float(brentq(cdf_minus_half, lo, hi, xtol=1e-14, rtol=1e-13))


def optimal_omega(beta: float) -> float:
    """ω(β) = λ*(β)/sqrt(μ_β): the optimal threshold is ``ω(β)·y_med`` when σ is unknown.

    Parameters
    ----------
    beta : float
        The ratio ``m/n`` in (0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> round(optimal_omega(1.0), 3)
    2.858
    """
    return optimal_coefficient(beta) / float(np.sqrt(marchenko_pastur_median(beta)))


def optimal_threshold(Y, sigma: float | None = None) -> float:
    """The Gavish–Donoho hard threshold for the singular values of ``Y``.

    Parameters
    ----------
    Y : array_like, shape (m, n)
        The noisy matrix (either orientation: β is ``min/max`` of its sides).
    sigma : float, optional
        The noise level (standard deviation of one entry), if known.

    Returns
    -------
    float
        ``λ*(β)·√n·σ`` if ``sigma`` is given, else ``ω(β)·median(σ_k(Y))``,
        with n the longer side.

    Raises
    ------
    TypeError, ValueError
        If ``Y`` is not a finite 2-D array or ``sigma`` is not a number > 0.
    """
    Y = as_matrix(Y, "Y")
    m, n = sorted(Y.shape)
    beta = m / n
    if sigma is not None:
        sigma = as_real(sigma, "sigma", low=0.0, low_inclusive=False)
        return optimal_coefficient(beta) * np.sqrt(n) * sigma
    s = np.linalg.svd(Y, compute_uv=False)
    return optimal_omega(beta) * float(np.median(s))


@dataclass(frozen=True)
class DenoiseResult:
    """The outcome of :func:`hard_threshold_denoise`.

    Attributes
    ----------
    X : numpy.ndarray
        The estimate: the SVD of ``Y`` with the singular values below the threshold dropped.
    rank : int
        How many singular values were kept.
    threshold : float
        The threshold τ used.
    singular_values : numpy.ndarray
        All singular values of ``Y``, decreasing.
    """

    X: np.ndarray
    rank: int
    threshold: float
    singular_values: np.ndarray


def hard_threshold_denoise(Y, sigma: float | None = None) -> DenoiseResult:
    """Estimate a low-rank matrix from ``Y = X + σZ`` by the Gavish–Donoho hard threshold.

    Parameters
    ----------
    Y : array_like, shape (m, n)
        The noisy matrix.
    sigma : float, optional
        The noise level, if known (see :func:`optimal_threshold`).

    Returns
    -------
    DenoiseResult

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = 5 * rng.standard_normal((100, 2)) @ rng.standard_normal((2, 200))
    >>> hard_threshold_denoise(X + rng.standard_normal(X.shape)).rank
    2
    """
    Y = as_matrix(Y, "Y", copy=True).astype(np.float64)
    tau = optimal_threshold(Y, sigma)
    W, s, Vt = np.linalg.svd(Y, full_matrices=False)
    keep = int(np.sum(s > tau))
    X = (W[:, :keep] * s[:keep]) @ Vt[:keep]
    return DenoiseResult(X=X, rank=keep, threshold=float(tau), singular_values=s)
