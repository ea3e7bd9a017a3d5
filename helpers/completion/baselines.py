"""The yardsticks of a recommender: RMSE on a set of entries, the mean, user and item biases.

Notebook 11. A factorization is only worth its parameters if it beats these.
The bias model predicts ``μ + b_i + c_j`` (row ``i`` a user, column ``j`` an
item) and minimizes

    Σ_{(i,j)∈Ω} (R_ij − μ − b_i − c_j)² + λ (Σ_i b_i² + Σ_j c_j²)

by exact block coordinate descent (μ, then every ``b_i``, then every ``c_j``,
each in closed form). The objective is convex and each block step is an
exact minimization, so the steps never raise it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import as_rank, scale_factor
from ._checks import as_lambda, as_observed

__all__ = ["Biases", "fit_biases", "rmse"]


def rmse(R, mask, prediction) -> float:
    """Root-mean-square error of ``prediction`` on the entries of ``R`` where ``mask`` is True.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The true values; entries off the mask are ignored (they may be NaN).
    mask : array_like of bool, shape (m, n)
        The entries to score (for example the held-out ones).
    prediction : array_like, shape (m, n)
        The predicted matrix (finite on the mask).

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If the shapes differ, the mask is empty, or a scored entry is not finite.

    Examples
    --------
    >>> R = np.array([[1.0, 2.0], [3.0, np.nan]])
    >>> rmse(R, ~np.isnan(R), np.array([[1.0, 2.0], [5.0, 0.0]]))
    1.1547005383792515
    """
    R0, M = as_observed(R, mask, every_line=False, bounded=False)
    P, _ = as_observed(
        prediction, M, name="prediction", every_line=False, bounded=False, shape=R0.shape
    )
    # divided by a power of two first, so that no square overflows or underflows
    c = max(scale_factor(R0[M]), scale_factor(P[M]))
    return float(c * np.sqrt(np.mean((R0[M] / c - P[M] / c) ** 2)))


@dataclass(frozen=True)
class Biases:
    """The baseline ``μ + b_i + c_j``.

    Attributes
    ----------
    mu : float
        The global offset.
    b_user : numpy.ndarray, shape (m,)
        One offset per row (user).
    b_item : numpy.ndarray, shape (n,)
        One offset per column (item).
    lam : float
        The regularization weight λ used.
    """

    mu: float
    b_user: np.ndarray
    b_item: np.ndarray
    lam: float

    def predict(self) -> np.ndarray:
        """The matrix of baseline predictions ``μ + b_i + c_j``."""
        return self.mu + self.b_user[:, None] + self.b_item[None, :]


def fit_biases(R, mask, lam: float = 10.0, *, n_iter: int = 20) -> Biases:
    """Fit the user and item biases by exact block coordinate descent.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The ratings; entries off the mask are ignored.
    mask : array_like of bool, shape (m, n)
        True where ``R`` is observed; every row and column needs one entry.
    lam : float, optional
        λ ≥ 0: shrinks the biases of users and items with few ratings to 0.
    n_iter : int, optional
        Sweeps over (μ, b, c).

    Returns
    -------
    Biases

    Raises
    ------
    TypeError, ValueError
        As :func:`helpers.completion.als`.

    Notes
    -----
    With ``λ = 0`` and ``n_iter = 0`` the result is the global mean alone.

    Examples
    --------
    >>> R = np.array([[5.0, 4.0], [3.0, np.nan]])
    >>> fit = fit_biases(R, ~np.isnan(R), lam=0.0, n_iter=0)
    >>> float(fit.mu), fit.b_user.tolist()
    (4.0, [0.0, 0.0])
    """
    R0, M = as_observed(R, mask)
    lam = as_lambda(lam)
    n_iter = as_rank(n_iter, "n_iter", low=0)
    m, n = R0.shape
    count_user = M.sum(axis=1)
    count_item = M.sum(axis=0)
    b = np.zeros(m)
    c = np.zeros(n)
    mu = float(R0[M].mean())
    for _ in range(n_iter):
        residual = np.where(M, R0 - b[:, None] - c[None, :], 0.0)
        mu = float(residual.sum() / M.sum())
        residual = np.where(M, R0 - mu - c[None, :], 0.0)
        b = residual.sum(axis=1) / (count_user + lam)
        residual = np.where(M, R0 - mu - b[:, None], 0.0)
        c = residual.sum(axis=0) / (count_item + lam)
    return Biases(mu=mu, b_user=b, b_item=c, lam=lam)
