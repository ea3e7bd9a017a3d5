"""Funk-style matrix factorization with biases, trained by stochastic gradient descent.

Notebook 11. The model of Simon Funk's Netflix Prize write-up (2006) and of
Koren, Bell & Volinsky (2009, IEEE Computer 42(8):30–37) predicts

    r̂_ij = μ + b_i + c_j + p_i·q_j

and minimizes, over the observed entries Ω only,

    Σ_{(i,j)∈Ω} (R_ij − r̂_ij)² + λ (b_i² + c_j² + ‖p_i‖² + ‖q_j‖²)

(the penalty is counted once per observed rating, as in scikit-surprise's
``SVD``). For one rating with error ``e = R_ij − r̂_ij`` the step is

    b_i += γ (e − λ b_i)          c_j += γ (e − λ c_j)
    p_i += γ (e q_j − λ p_i)      q_j += γ (e p_i − λ q_j)

with ``p_i`` and ``q_j`` both updated from their old values. This is the
update scikit-surprise's ``SVD`` makes (``matrix_factorization.pyx`` in
version 1.1.5), one rating at a time; surprise visits the ratings in the
same stored order every epoch, :func:`funk_sgd` in a new random order.
Despite that class's name, no singular value decomposition is computed:
``P`` and ``Q`` have no orthogonal columns and nothing is sorted.

A Python loop over single ratings is slow, so :func:`funk_sgd` also offers
``batch_size > 1``: the errors of a batch of ratings are computed from the
same parameters and their steps are added together (mini-batch SGD). With
``batch_size=1`` it is the sequential algorithm exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import as_flag, as_generator, as_rank, as_real
from ._checks import as_lambda, as_observed

__all__ = ["FunkSVD", "funk_sgd"]


@dataclass(frozen=True)
class FunkSVD:
    """A fitted biased matrix factorization ``μ + b_i + c_j + p_i·q_j``.

    Attributes
    ----------
    mu : float
        The global mean of the training ratings (fixed, not learned); 0
        when fitted without biases.
    b_user : numpy.ndarray, shape (m,)
    b_item : numpy.ndarray, shape (n,)
    P : numpy.ndarray, shape (m, r)
        User factors.
    Q : numpy.ndarray, shape (n, r)
        Item factors.
    train_rmse : numpy.ndarray, shape (n_epochs,)
        The training RMSE after each epoch.
    """

    mu: float
    b_user: np.ndarray
    b_item: np.ndarray
    P: np.ndarray
    Q: np.ndarray
    train_rmse: np.ndarray

    def predict(self) -> np.ndarray:
        """The matrix of predictions ``μ + b_i + c_j + p_i·q_j`` (no clipping)."""
        return self.mu + self.b_user[:, None] + self.b_item[None, :] + self.P @ self.Q.T


def funk_sgd(
    R,
    mask,
    rank: int,
    *,
    lr: float = 0.005,
    lam: float = 0.02,
    n_epochs: int = 20,
    init_std: float = 0.1,
    biases: bool = True,
    batch_size: int = 1,
    seed=0,
) -> FunkSVD:
    """Fit ``μ + b_i + c_j + p_i·q_j`` to the observed entries by SGD (Funk's method).

    The defaults are scikit-surprise 1.1.5's ``SVD`` defaults, except the
    rank (surprise uses 100 factors).

    Parameters
    ----------
    R : array_like, shape (m, n)
        The ratings; entries off the mask are ignored (they may be NaN).
    mask : array_like of bool, shape (m, n)
        True where ``R`` is observed; every row and column needs one entry.
    rank : int
        The number of factors r, ``1 ≤ r ≤ min(m, n)``.
    lr : float, optional
        The step size γ > 0.
    lam : float, optional
        The regularization weight λ ≥ 0.
    n_epochs : int, optional
        Passes over the observed entries, each in a new random order.
    init_std : float, optional
        The factors start as independent N(0, init_std²) draws; biases start at 0.
    biases : bool, optional
        Learn ``μ``, ``b`` and ``c``. False fits ``p_i·q_j`` alone (μ = 0, no
        biases), which is surprise's ``SVD(biased=False)``.
    batch_size : int, optional
        Ratings per step; 1 is the sequential algorithm.
    seed : int or numpy.random.Generator, optional
        Seed of the starting factors and of the orders.

    Returns
    -------
    FunkSVD

    Raises
    ------
    TypeError, ValueError
        If an argument is out of range or of the wrong type (see
        :func:`helpers.completion.als` for ``R`` and ``mask``); ValueError also
        if the iteration diverges (``lr`` too large for the data): the message
        names ``lr``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> R = 3 + rng.standard_normal((20, 3)) @ rng.standard_normal((3, 15)) / 2
    >>> mask = rng.random(R.shape) < 0.6
    >>> fit = funk_sgd(R, mask, rank=3, lr=0.02, n_epochs=50, batch_size=8)
    >>> bool(fit.train_rmse[-1] < 0.5 * fit.train_rmse[0])
    True
    """
    R0, M = as_observed(R, mask)
    m, n = R0.shape
    r = as_rank(rank, "rank", high=min(m, n))
    lr = as_real(lr, "lr", low=0.0, low_inclusive=False)
    lam = as_lambda(lam)
    n_epochs = as_rank(n_epochs, "n_epochs", low=0)
    init_std = as_real(init_std, "init_std", low=0.0)
    biases = as_flag(biases, "biases")
    batch_size = as_rank(batch_size, "batch_size")
    rng = as_generator(seed, allow_none=False)

    rows, cols = np.nonzero(M)
    values = R0[rows, cols]
    mu = float(values.mean()) if biases else 0.0
    P = rng.normal(0.0, init_std, (m, r))
    Q = rng.normal(0.0, init_std, (n, r))
    b = np.zeros(m)
    c = np.zeros(n)
    history = []
    for epoch in range(n_epochs):
        order = rng.permutation(values.size)
        # a step that is too long makes the factors grow without bound: caught below
        with np.errstate(over="ignore", invalid="ignore"):
            if batch_size == 1:
                _sequential_epoch(
                    rows[order], cols[order], values[order], mu, b, c, P, Q, lr, lam, biases
                )
            else:
                for start in range(0, order.size, batch_size):
                    k = order[start : start + batch_size]
                    _batch_step(rows[k], cols[k], values[k], mu, b, c, P, Q, lr, lam, biases)
            fitted = mu + b[rows] + c[cols] + np.einsum("ij,ij->i", P[rows], Q[cols])
            error = float(np.sqrt(np.mean((values - fitted) ** 2)))
        if not (np.isfinite(error) and np.isfinite(P).all() and np.isfinite(Q).all()):
            raise ValueError(
                f"SGD diverged in epoch {epoch + 1}: the factors overflowed with lr = {lr:g}; "
                "take a smaller lr (or rescale R)"
            )
        history.append(error)
    return FunkSVD(mu=mu, b_user=b, b_item=c, P=P, Q=Q, train_rmse=np.array(history))


def _sequential_epoch(rows, cols, values, mu, b, c, P, Q, lr, lam, biases) -> None:
    """One pass, one rating at a time (in place)."""
    for i, j, value in zip(rows.tolist(), cols.tolist(), values.tolist(), strict=True):
        p, q = P[i], Q[j]
        e = value - (mu + b[i] + c[j] + float(p @ q))
        if biases:
            b[i] += lr * (e - lam * b[i])
            c[j] += lr * (e - lam * c[j])
        p_old = p.copy()
        P[i] = p + lr * (e * q - lam * p)
        Q[j] = q + lr * (e * p_old - lam * q)


def _batch_step(rows, cols, values, mu, b, c, P, Q, lr, lam, biases) -> None:
    """One mini-batch: every error from the same parameters, the steps summed (in place)."""
    p, q = P[rows], Q[cols]
    e = values - (mu + b[rows] + c[cols] + np.einsum("ij,ij->i", p, q))
    if biases:
        step_b = lr * (e - lam * b[rows])
        step_c = lr * (e - lam * c[cols])
        b += np.bincount(rows, weights=step_b, minlength=b.size)
        c += np.bincount(cols, weights=step_c, minlength=c.size)
    np.add.at(P, rows, lr * (e[:, None] * q - lam * p))
    np.add.at(Q, cols, lr * (e[:, None] * p - lam * q))
