"""Non-negative matrix factorization: ``X ≈ WH`` with ``W ≥ 0`` and ``H ≥ 0``.

Notebook 11. Both algorithms here lower ``‖X − WH‖_F`` step by step:

- multiplicative updates (Lee & Seung 2001, "Algorithms for non-negative
  matrix factorization", NIPS 13): ``W ← W ∘ (XHᵀ) / (WHHᵀ)``, then
  ``H ← H ∘ (WᵀX) / (WᵀWH)``. Their Theorem 1 shows that the Euclidean
  distance never increases under these updates. This is also what
  ``sklearn.decomposition.NMF(solver="mu")`` does, in the same order, so
  from the same start the two agree to rounding.
- HALS, hierarchical alternating least squares (Cichocki & Phan 2009; see
  Gillis 2020, *Nonnegative Matrix Factorization*, SIAM): each column of
  ``W`` (then each row of ``H``) in turn gets its exact non-negative
  least-squares value with the others fixed, so the error never increases
  either, and it usually falls much faster than with multiplicative updates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import as_generator, as_matrix, as_rank, scale_factor

__all__ = ["NMFResult", "nmf", "nmf_error"]

#: What a zero denominator is replaced by (scikit-learn uses the same, float64 eps).
_EPS = np.finfo(np.float64).eps


@dataclass(frozen=True)
class NMFResult:
    """A fitted NMF ``X ≈ W H``.

    Attributes
    ----------
    W : numpy.ndarray, shape (m, k)
        Non-negative weights (one row per sample).
    H : numpy.ndarray, shape (k, n)
        Non-negative components (one row per part).
    errors : numpy.ndarray
        ``‖X − WH‖_F`` at the start and after every iteration.
    method : str
        ``"mu"`` or ``"hals"``.
    """

    W: np.ndarray
    H: np.ndarray
    errors: np.ndarray
    method: str

    @property
    def error(self) -> float:
        """The final ``‖X − WH‖_F`` (scikit-learn's ``reconstruction_err_``)."""
        return float(self.errors[-1])


def _as_nonnegative(X, name: str) -> np.ndarray:
    X = as_matrix(X, name, copy=True).astype(np.float64)
    negative = X < 0
    if negative.any():
        raise ValueError(
            f"{name} must be non-negative for NMF, but {int(negative.sum())} entries are "
            f"negative (the smallest is {X.min():.6g})"
        )
    return X


def nmf_error(X, W, H) -> float:
    """Return ``‖X − WH‖_F``.

    Parameters
    ----------
    X : array_like, shape (m, n)
    W : array_like, shape (m, k)
    H : array_like, shape (k, n)

    Returns
    -------
    float

    Examples
    --------
    >>> nmf_error([[2.0, 4.0]], [[2.0]], [[1.0, 2.0]])
    0.0
    """
    X = as_matrix(X, "X").astype(np.float64)
    W = as_matrix(W, "W").astype(np.float64)
    H = as_matrix(H, "H").astype(np.float64)
    if W.shape[0] != X.shape[0] or H.shape[1] != X.shape[1] or W.shape[1] != H.shape[0]:
        raise ValueError(
            f"W @ H must have the shape of X {X.shape}: got W {W.shape} and H {H.shape}"
        )
    # in units of 2^e (exact): no square in the norm overflows or underflows
    ex, ew, eh = (int(np.frexp(scale_factor(A))[1]) - 1 for A in (X, W, H))
    e = max(ex, ew + eh)
    D = np.ldexp(X, -e) - np.ldexp(np.ldexp(W, -ew) @ np.ldexp(H, -eh), ew + eh - e)
    with np.errstate(over="ignore"):  # inf only if ‖X − WH‖ itself exceeds float64
        return float(np.ldexp(np.linalg.norm(D), e))


def nmf(
    X, k: int, *, method: str = "mu", n_iter: int = 200, seed=0, W0=None, H0=None
) -> NMFResult:
    """Factor a non-negative ``X ≈ WH`` with ``k`` non-negative parts.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Non-negative data, one sample per row.
    k : int
        The number of parts, ``1 ≤ k ≤ min(m, n)``.
    method : {'mu', 'hals'}, optional
        Multiplicative updates (Lee & Seung 2001) or HALS.
    n_iter : int, optional
        Iterations (each updates ``W``, then ``H``).
    seed : int or numpy.random.Generator, optional
        Seed of the random start, used when ``W0`` and ``H0`` are not given.
        The start is scikit-learn's ``init="random"`` recipe:
        ``sqrt(mean(X)/k)·|N(0, 1)|`` entries.
    W0, H0 : array_like, optional
        A non-negative start (both or neither).

    Returns
    -------
    NMFResult

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``X`` (or a start) has a negative entry, ``k`` is out of range, only
        one of ``W0``, ``H0`` is given, or the shapes do not fit.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [2.0, 0.0, 2.0]])
    >>> fit = nmf(X, 2, method="hals", n_iter=500)
    >>> bool(fit.error < 1e-6 and fit.W.min() >= 0 and fit.H.min() >= 0)
    True
    """
    X = _as_nonnegative(X, "X")
    # Work on X / 4^j (a power of two, so exact): the products W H Hᵀ of the
    # updates neither overflow nor underflow, and for data of ordinary size
    # every step is bit for bit the step on X itself, with W and H scaled by 2^j.
    half = np.ldexp(1.0, (int(np.frexp(scale_factor(X))[1]) - 1) // 2)
    X = X / (half * half)
    m, n = X.shape
    k = as_rank(k, "k", high=min(m, n))
    if not isinstance(method, str) or method not in ("mu", "hals"):
        raise ValueError(f"method must be 'mu' or 'hals', got {method!r}")
    n_iter = as_rank(n_iter, "n_iter", low=0)
    if (W0 is None) != (H0 is None):
        raise ValueError("give both W0 and H0, or neither")
    if W0 is None:
        rng = as_generator(seed, allow_none=False)
        scale = np.sqrt(X.mean() / k)
        W = scale * np.abs(rng.standard_normal((m, k)))
        H = scale * np.abs(rng.standard_normal((k, n)))
    else:
        W = _as_nonnegative(W0, "W0") / half
        H = _as_nonnegative(H0, "H0") / half
        if W.shape != (m, k) or H.shape != (k, n):
            raise ValueError(
                f"W0 must have shape {(m, k)} and H0 shape {(k, n)}, got {W.shape} and {H.shape}"
            )
    errors = [float(np.linalg.norm(X - W @ H))]
    step = _mu_step if method == "mu" else _hals_step
    for _ in range(n_iter):
        W, H = step(X, W, H)
        errors.append(float(np.linalg.norm(X - W @ H)))
    return NMFResult(W=W * half, H=H * half, errors=np.array(errors) * half**2, method=method)


def _mu_step(X, W, H):
    """One multiplicative update of W, then of H (scikit-learn's order)."""
    HHt = H @ H.T
    denominator = W @ HHt
    denominator[denominator == 0] = _EPS
    W = W * ((X @ H.T) / denominator)
    denominator = W.T @ W @ H
    denominator[denominator == 0] = _EPS
    H = H * ((W.T @ X) / denominator)
    return W, H


def _hals_step(X, W, H):
    """Each column of W, then each row of H, set to its exact non-negative LS value."""
    W = W.copy()
    H = H.copy()
    XHt, HHt = X @ H.T, H @ H.T
    for j in range(W.shape[1]):
        if HHt[j, j] > 0:
            W[:, j] = np.maximum(W[:, j] + (XHt[:, j] - W @ HHt[:, j]) / HHt[j, j], 0.0)
    WtX, WtW = W.T @ X, W.T @ W
    for j in range(H.shape[0]):
        if WtW[j, j] > 0:
            H[j] = np.maximum(H[j] + (WtX[j] - WtW[j] @ H) / WtW[j, j], 0.0)
    return W, H
