"""Gaussian-process regression through the Cholesky factor (Rasmussen & Williams 2006, Alg. 2.1).

With a kernel matrix ``K`` on the training inputs and noise variance ``σ²``,
put ``K_y = K + σ²I = LLᵀ``. Then

* ``α = K_y⁻¹ y`` by two triangular solves (``cho_solve``), never an inverse;
* ``log det K_y = 2 Σ log ℓ_jj``;
* ``log p(y) = −½ yᵀα − Σ log ℓ_jj − (n/2) log 2π``, the log marginal likelihood;
* the posterior mean at test inputs is ``K_*ᵀ α``; its covariance is
  ``K_** − VᵀV`` with ``V = L⁻¹K_*``;
* samples of ``N(μ, K)`` are ``μ + Lz`` with ``z ~ N(0, I)``.

A kernel matrix is positive semidefinite in exact arithmetic but often not
numerically positive definite, so :func:`cholesky_jitter` adds ``τI`` with the
smallest ``τ`` of a geometric ladder for which LAPACK's Cholesky succeeds.
"""

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from .validation import as_matrix, as_rank, as_real, as_vector

__all__ = [
    "cholesky_jitter",
    "gp_fit",
    "gp_log_marginal_likelihood",
    "rbf_kernel",
]


def _inputs(X, name):
    try:
        arr = np.asarray(X)
    except (TypeError, ValueError) as err:
        raise TypeError(
            f"{name} must be a 1-D array of points or an n × d matrix of real numbers, "
            f"got {type(X).__name__} {X!r:.60}"
        ) from err
    return as_matrix(arr[:, None] if arr.ndim == 1 else arr, name, copy=True)


def rbf_kernel(X1, X2=None, *, length_scale=1.0, variance=1.0):
    """Return the squared-exponential kernel ``v·exp(−‖x − x'‖²/(2ℓ²))``.

    Parameters
    ----------
    X1 : array_like
        ``n₁`` points, as a 1-D array (scalars) or an ``n₁ × d`` matrix.
    X2 : array_like, optional
        ``n₂`` points of the same dimension; ``X1`` if omitted.
    length_scale : float, optional
        ``ℓ > 0``.
    variance : float, optional
        ``v > 0``, the kernel's value at distance 0.

    Returns
    -------
    numpy.ndarray
        The ``n₁ × n₂`` kernel matrix.

    Raises
    ------
    TypeError, ValueError
        If an input is not finite, the dimensions differ, or ``ℓ`` or ``v`` is
        not positive.
    """
    X1 = _inputs(X1, "X1")
    X2 = X1 if X2 is None else _inputs(X2, "X2")
    if X1.shape[1] != X2.shape[1]:
        raise ValueError(
            f"X1 and X2 must have the same dimension, got {X1.shape[1]} and {X2.shape[1]}"
        )
    ell = as_real(length_scale, "length_scale", low=0.0, low_inclusive=False)
    v = as_real(variance, "variance", low=0.0, low_inclusive=False)
    with np.errstate(over="ignore"):  # a distance beyond 1e154·ℓ: exp(−inf) = 0, as it should be
        diff = (
            X1[:, None, :] - X2[None, :, :]
        ) / ell  # differences: no cancellation in ‖x‖² − 2xᵀx'
        sq = np.sum(diff**2, axis=-1)
    return v * np.exp(-sq / 2)


def cholesky_jitter(K, *, start=1e-12, factor=10.0, max_tries=10):
    """Return ``(L, τ)`` with ``LLᵀ = K + τI``, ``τ`` the first rung that works.

    Tries ``τ = 0``, then ``start·‖K‖_max``, multiplying by ``factor`` each time.

    Parameters
    ----------
    K : array_like
        A symmetric ``n × n`` matrix (positive semidefinite in exact arithmetic).
    start : float, optional
        The first nonzero jitter, relative to ``max |k_ij|``; positive.
    factor : float, optional
        Growth of the jitter per try; greater than 1.
    max_tries : int, optional
        How many nonzero jitters to try, at least 1.

    Returns
    -------
    L : numpy.ndarray
        Lower triangular Cholesky factor of ``K + τI``.
    tau : float
        The jitter that was added (absolute; ``0.0`` if none was needed).

    Raises
    ------
    TypeError, ValueError
        On a malformed input; ``numpy.linalg.LinAlgError`` if no jitter up to
        the last rung makes ``K + τI`` numerically positive definite.
    """
    K = as_matrix(K, "K", symmetric=True, copy=True)
    start = as_real(start, "start", low=0.0, low_inclusive=False)
    factor = as_real(factor, "factor", low=1.0, low_inclusive=False)
    max_tries = as_rank(max_tries, "max_tries", low=1)
    scale = float(np.abs(K).max()) or 1.0
    taus = [0.0] + [start * scale * factor**k for k in range(int(max_tries))]
    identity = np.eye(K.shape[0])
    for tau in taus:
        try:
            return np.linalg.cholesky(K + tau * identity), tau
        except np.linalg.LinAlgError:
            continue
    raise np.linalg.LinAlgError(
        f"K + τI is not numerically positive definite for any τ up to {taus[-1]:.3g}"
    )


@dataclass(frozen=True)
class GPFit:
    """A Gaussian-process fit: the factor and the weights (see :func:`gp_fit`)."""

    L: np.ndarray
    alpha: np.ndarray
    log_marginal_likelihood: float


def gp_fit(K, y, noise=0.0):
    """Factor ``K + σ²I = LLᵀ`` and return ``L``, ``α = (K + σ²I)⁻¹y`` and ``log p(y)``.

    Parameters
    ----------
    K : array_like
        The ``n × n`` kernel matrix on the training inputs (symmetric).
    y : array_like
        The ``n`` observations.
    noise : float, optional
        The noise variance ``σ² ≥ 0``. ``K + σ²I`` must be numerically
        positive definite (add jitter otherwise).

    Returns
    -------
    GPFit
        ``L`` (lower triangular), ``alpha`` and ``log_marginal_likelihood``
        ``= −½ yᵀα − Σ log ℓ_jj − (n/2) log 2π``.

    Raises
    ------
    TypeError, ValueError
        On malformed input; ``numpy.linalg.LinAlgError`` if ``K + σ²I`` is not
        numerically positive definite.
    """
    K = as_matrix(K, "K", symmetric=True, copy=True)
    y = as_vector(y, "y", size=K.shape[0]).copy()
    noise = as_real(noise, "noise", low=0.0)
    L = np.linalg.cholesky(K + noise * np.eye(K.shape[0]))
    alpha = scipy.linalg.cho_solve((L, True), y)
    n = K.shape[0]
    logml = -0.5 * y @ alpha - np.sum(np.log(np.diag(L))) - 0.5 * n * np.log(2 * np.pi)
    return GPFit(L=L, alpha=alpha, log_marginal_likelihood=float(logml))


def gp_log_marginal_likelihood(K, y, noise=0.0):
    """Return ``log N(y; 0, K + σ²I)`` through the Cholesky factor (see :func:`gp_fit`).

    Parameters
    ----------
    K : array_like
        The ``n × n`` kernel matrix (symmetric).
    y : array_like
        The ``n`` observations.
    noise : float, optional
        The noise variance ``σ² ≥ 0``.

    Returns
    -------
    float
        The log marginal likelihood.

    Raises
    ------
    TypeError, ValueError, numpy.linalg.LinAlgError
        As :func:`gp_fit`.
    """
    return gp_fit(K, y, noise).log_marginal_likelihood
