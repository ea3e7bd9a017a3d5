"""Soft-impute: matrix completion with the nuclear norm, by singular value thresholding.

Notebook 11. The nuclear norm ``‖X‖_* = Σ σ_k(X)`` is the sum of the singular
values. Soft-impute (Mazumder, Hastie & Tibshirani 2010, JMLR 11:2287–2322)
minimizes the convex objective

    g(Z) = ½ Σ_{(i,j)∈Ω} (R_ij − Z_ij)² + λ ‖Z‖_*

by repeating ``Z ← S_λ(P_Ω(R) + P_Ω⊥(Z))``: fill the missing entries with the
current guess, then soft-threshold the singular values. ``S_τ(X) = W
diag(max(σ − τ, 0)) Yᵀ`` for ``X = W diag(σ) Yᵀ`` is singular value
thresholding (Cai, Candès & Shen 2010, SIAM J. Optim. 20(4):1956–1982); it
is the minimizer of ``½‖X − Z‖_F² + τ‖Z‖_*``.

Because ``‖X‖_* = min over X = UVᵀ of ½(‖U‖_F² + ‖V‖_F²)``, the factored
ALS objective of :func:`helpers.completion.als` with weight λ equals twice
``g`` with the same λ at its minimum, whenever the factors have at least as
many columns as the rank of soft-impute's solution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import as_matrix, as_rank, as_real
from ._checks import as_lambda, as_observed

__all__ = ["SoftImputeResult", "nuclear_norm", "soft_impute", "svt"]


def nuclear_norm(X) -> float:
    """Return ``‖X‖_*``, the sum of the singular values of ``X``.

    Parameters
    ----------
    X : array_like, shape (m, n)

    Returns
    -------
    float

    Examples
    --------
    >>> nuclear_norm([[3.0, 0.0], [0.0, -4.0]])
    7.0
    """
    X = as_matrix(X, "X")
    return float(np.linalg.svd(X, compute_uv=False).sum())


def svt(X, tau: float) -> np.ndarray:
    """Singular value soft-thresholding ``S_τ(X)``: every σ_k becomes ``max(σ_k − τ, 0)``.

    Parameters
    ----------
    X : array_like, shape (m, n)
    tau : float
        The threshold τ ≥ 0.

    Returns
    -------
    numpy.ndarray, shape (m, n)
        A new array: the minimizer of ``½‖X − Z‖_F² + τ‖Z‖_*`` over ``Z``.

    Examples
    --------
    >>> svt(np.diag([3.0, 1.0]), 2.0)
    array([[1., 0.],
           [0., 0.]])
    """
    X = as_matrix(X, "X")
    tau = as_real(tau, "tau", low=0.0)
    W, s, Yt = np.linalg.svd(X, full_matrices=False)
    return (W * np.maximum(s - tau, 0.0)) @ Yt


@dataclass(frozen=True)
class SoftImputeResult:
    """The outcome of :func:`soft_impute`.

    Attributes
    ----------
    Z : numpy.ndarray, shape (m, n)
        The completed matrix.
    singular_values : numpy.ndarray
        Its nonzero singular values, decreasing.
    objective : numpy.ndarray
        ``½‖P_Ω(R − Z)‖_F² + λ‖Z‖_*`` after every iteration.
    lam : float
        The λ used.
    converged : bool
        Whether the relative change fell below ``tol`` within ``max_iter``.
    """

    Z: np.ndarray
    singular_values: np.ndarray
    objective: np.ndarray
    lam: float
    converged: bool

    @property
    def rank(self) -> int:
        """The rank of ``Z`` (its number of nonzero singular values)."""
        return int(self.singular_values.size)

    @property
    def n_iter(self) -> int:
        """The number of iterations done."""
        return int(self.objective.size)


def soft_impute(
    R, mask, lam: float, *, max_iter: int = 100, tol: float = 1e-6, Z0=None
) -> SoftImputeResult:
    """Complete ``R`` by minimizing ``½‖P_Ω(R − Z)‖_F² + λ‖Z‖_*`` (soft-impute).

    Parameters
    ----------
    R : array_like, shape (m, n)
        The matrix; entries off the mask are ignored (they may be NaN).
    mask : array_like of bool, shape (m, n)
        True where ``R`` is observed; every row and column needs one entry.
    lam : float
        λ ≥ 0. Larger λ gives a lower rank; λ = 0 only interpolates.
    max_iter : int, optional
        The most iterations to run.
    tol : float, optional
        Stop when ``‖Z_new − Z‖_F² ≤ tol · ‖Z‖_F²`` (the criterion of
        Mazumder et al. 2010).
    Z0 : array_like, shape (m, n), optional
        A starting guess (a warm start from a nearby λ); zeros by default.

    Returns
    -------
    SoftImputeResult

    Raises
    ------
    TypeError, ValueError
        As :func:`helpers.completion.als`, or if ``Z0`` has the wrong shape.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> R = rng.standard_normal((40, 2)) @ rng.standard_normal((2, 30))
    >>> mask = rng.random(R.shape) < 0.5
    >>> fit = soft_impute(R, mask, lam=1.0, max_iter=300)
    >>> fit.rank
    2
    >>> bool(np.all(np.diff(fit.objective) <= 1e-12 * fit.objective[:-1]))
    True
    """
    R0, M = as_observed(R, mask)
    lam = as_lambda(lam)
    max_iter = as_rank(max_iter, "max_iter")
    tol = as_real(tol, "tol", low=0.0)
    if Z0 is None:
        Z = np.zeros_like(R0)
    else:
        Z = as_matrix(Z0, "Z0", copy=True).astype(np.float64)
        if Z.shape != R0.shape:
            raise ValueError(f"Z0 must have the shape of R {R0.shape}, got {Z.shape}")
    objective = []
    converged = False
    s = np.zeros(0)
    for _ in range(max_iter):
        W, s, Yt = np.linalg.svd(np.where(M, R0, Z), full_matrices=False)
        s = np.maximum(s - lam, 0.0)
        keep = s > 0
        Z_new = (W[:, keep] * s[keep]) @ Yt[keep]
        residual = np.where(M, R0 - Z_new, 0.0)
        objective.append(0.5 * float(np.sum(residual**2)) + lam * float(s.sum()))
        change = float(np.sum((Z_new - Z) ** 2))
        scale = float(np.sum(Z**2))
        Z = Z_new
        if change <= tol * scale:
            converged = True
            break
    return SoftImputeResult(
        Z=Z, singular_values=s[s > 0], objective=np.array(objective), lam=lam, converged=converged
    )
