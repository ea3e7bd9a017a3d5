"""Alternating least squares (ALS) for matrix completion.

Notebook 11. Given the entries of ``R`` on a set Ω of positions (the ``mask``),
find ``U`` (m × r) and ``V`` (n × r) minimizing

    f(U, V) = Σ_{(i,j)∈Ω} (R_ij − u_i·v_j)² + λ (‖U‖_F² + ‖V‖_F²).

With ``V`` fixed, ``f`` splits into one ridge regression per row ``u_i``:

    (V_iᵀ V_i + λ I) u_i = V_iᵀ r_i,

where ``V_i`` holds the rows ``v_j`` with ``(i, j) ∈ Ω`` and ``r_i`` the observed
ratings of row ``i``. Each half-step solves all of them exactly, so ``f`` can
never increase (the old ``U`` was one of the candidates); the same holds with
the roles of ``U`` and ``V`` swapped. :func:`als` records ``f`` after every
half-step so this can be checked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import as_generator, as_matrix, as_rank
from ._checks import as_lambda, as_observed

__all__ = ["Factorization", "als", "completion_loss"]


@dataclass(frozen=True)
class Factorization:
    """A fitted low-rank factorization ``R ≈ U Vᵀ``.

    Attributes
    ----------
    U : numpy.ndarray, shape (m, r)
        Row factors (one row per user).
    V : numpy.ndarray, shape (n, r)
        Column factors (one row per item).
    loss : numpy.ndarray
        The objective ``f(U, V)`` at the start and after every half-step
        (``U`` step, then ``V`` step, ...), so ``len(loss) = 1 + 2·n_iter``.
    lam : float
        The regularization weight λ used.
    """

    U: np.ndarray
    V: np.ndarray
    loss: np.ndarray
    lam: float

    @property
    def rank(self) -> int:
        """The number of columns r of ``U`` and ``V``."""
        return self.U.shape[1]

    @property
    def n_iter(self) -> int:
        """The number of full iterations (``U`` step plus ``V`` step) done."""
        return (len(self.loss) - 1) // 2

    def predict(self) -> np.ndarray:
        """The completed matrix ``U Vᵀ`` (every entry, observed or not)."""
        return self.U @ self.V.T


def completion_loss(R, mask, U, V, lam: float) -> float:
    """Return ``Σ_Ω (R_ij − (UVᵀ)_ij)² + λ(‖U‖_F² + ‖V‖_F²)``.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The matrix; entries off the mask are ignored (they may be NaN).
    mask : array_like of bool, shape (m, n)
        True where ``R`` is observed.
    U : array_like, shape (m, r)
    V : array_like, shape (n, r)
    lam : float
        λ ≥ 0.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If an argument is not what is described above.

    Examples
    --------
    >>> R = np.array([[1.0, np.nan], [2.0, 4.0]])
    >>> mask = ~np.isnan(R)
    >>> completion_loss(R, mask, [[1.0], [2.0]], [[1.0], [2.0]], lam=0.0)
    0.0
    """
    R0, M = as_observed(R, mask, every_line=False)
    U, V = _as_factors(U, V, R0.shape)
    lam = as_lambda(lam)
    return _loss(R0, M, U, V, lam)


def _as_factors(
    U, V, shape: tuple[int, int], names: tuple[str, str] = ("U", "V")
) -> tuple[np.ndarray, np.ndarray]:
    u_name, v_name = names
    U = as_matrix(U, u_name, copy=True).astype(np.float64)
    V = as_matrix(V, v_name, copy=True).astype(np.float64)
    m, n = shape
    if U.shape[0] != m:
        raise ValueError(f"{u_name} must have {m} rows (one per row of R), got shape {U.shape}")
    if V.shape[0] != n:
        raise ValueError(f"{v_name} must have {n} rows (one per column of R), got shape {V.shape}")
    if U.shape[1] != V.shape[1]:
        raise ValueError(
            f"{u_name} and {v_name} must have the same number of columns, "
            f"got {U.shape[1]} and {V.shape[1]}"
        )
    return U, V


def _loss(R0: np.ndarray, M: np.ndarray, U: np.ndarray, V: np.ndarray, lam: float) -> float:
    residual = np.where(M, R0 - U @ V.T, 0.0)
    return float(np.sum(residual**2) + lam * (np.sum(U**2) + np.sum(V**2)))


def _solve_rows(R0: np.ndarray, Mf: np.ndarray, V: np.ndarray, lam: float) -> np.ndarray:
    """Every row's exact ridge solution ``(V_iᵀV_i + λI) u_i = V_iᵀ r_i`` at once.

    ``V_iᵀ V_i = Σ_j M_ij v_j v_jᵀ`` for all rows is one product of the mask
    with the outer products ``v_j v_jᵀ`` (flattened to length r²).
    """
    n, r = V.shape
    outer = (V[:, :, None] * V[:, None, :]).reshape(n, r * r)
    G = (Mf @ outer).reshape(-1, r, r)
    G[:, np.arange(r), np.arange(r)] += lam
    b = (R0 @ V)[:, :, None]  # R0 is zero off the mask, so this is V_iᵀ r_i
    if lam > 0:  # G is positive definite: one solution
        return np.linalg.solve(G, b)[:, :, 0]
    # λ = 0: a row with fewer observations than r has many minimizers; take the shortest
    return (np.linalg.pinv(G, hermitian=True) @ b)[:, :, 0]


def _initial_factors(init, R0, M, r, rng):
    m, n = R0.shape
    if isinstance(init, tuple):
        if len(init) != 2:
            raise ValueError(f"init must be 'random', 'svd' or a pair (U0, V0), got {init!r}")
        U0, V0 = _as_factors(init[0], init[1], (m, n), ("init[0] (U0)", "init[1] (V0)"))
        if U0.shape[1] != r:
            raise ValueError(f"init factors must have rank = {r} columns, got {U0.shape[1]}")
        return U0, V0
    if isinstance(init, str) and init == "random":
        scale = np.sqrt(np.sqrt(np.mean(R0[M] ** 2)) / r) or 1.0
        return scale * rng.standard_normal((m, r)), scale * rng.standard_normal((n, r))
    if isinstance(init, str) and init == "svd":
        # the rescaled zero-filled matrix R0 / p has expectation R under uniform sampling
        p = M.mean()
        W, s, Zt = np.linalg.svd(R0 / p, full_matrices=False)
        root = np.sqrt(s[:r])
        return W[:, :r] * root, Zt[:r].T * root
    raise ValueError(f"init must be 'random', 'svd' or a pair (U0, V0), got {init!r}")


def als(
    R,
    mask,
    rank: int,
    lam: float,
    *,
    n_iter: int = 50,
    tol: float = 0.0,
    init="svd",
    seed=0,
) -> Factorization:
    """Fit ``R ≈ U Vᵀ`` on the observed entries by alternating least squares.

    Each iteration solves exactly for every row of ``U`` with ``V`` fixed,
    then for every row of ``V`` with ``U`` fixed (see the module docstring),
    so the objective :func:`completion_loss` never increases.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The matrix; entries off the mask are ignored (they may be NaN).
    mask : array_like of bool, shape (m, n)
        True where ``R`` is observed. Every row and every column needs at
        least one observed entry.
    rank : int
        The number of factors r, ``1 ≤ r ≤ min(m, n)``.
    lam : float
        The regularization weight λ ≥ 0. With λ = 0 a row with fewer than r
        observations has many solutions; the shortest is taken.
    n_iter : int, optional
        The maximum number of iterations (each a ``U`` step and a ``V`` step).
    tol : float, optional
        Stop early when one iteration lowers the objective by less than
        ``tol`` times its value (0: always run ``n_iter`` iterations).
    init : {'svd', 'random'} or tuple of arrays, optional
        Starting factors: ``'svd'`` (the default) takes the top-r SVD of the
        zero-filled matrix divided by the observed fraction, the spectral
        start of Jain, Netrapalli & Sanghavi (2013, STOC); ``'random'`` draws
        seeded Gaussian factors, from which ALS sometimes stalls at a poor
        stationary point; or give ``(U0, V0)``.
    seed : int or numpy.random.Generator, optional
        Seed for the random start (checked, and unused, with the others).

    Returns
    -------
    Factorization
        ``U``, ``V`` and the objective after every half-step.

    Raises
    ------
    TypeError
        If an argument has the wrong type (a float rank, a string seed, ...).
    ValueError
        If ``mask`` does not have the shape of ``R``, a row or column has no
        observed entry, ``rank`` is out of range, or ``lam``, ``n_iter`` or
        ``tol`` is negative.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> R = rng.standard_normal((30, 2)) @ rng.standard_normal((2, 20))
    >>> mask = rng.random(R.shape) < 0.5
    >>> fit = als(R, mask, rank=2, lam=1e-9, n_iter=200)
    >>> bool(np.abs(fit.predict() - R).max() < 1e-4)
    True
    >>> bool(np.all(np.diff(fit.loss) <= 1e-12 * fit.loss[:-1]))
    True
    """
    R0, M = as_observed(R, mask)
    m, n = R0.shape
    r = as_rank(rank, "rank", high=min(m, n))
    lam = as_lambda(lam)
    n_iter = as_rank(n_iter, "n_iter", low=0)
    tol = as_lambda(tol, "tol")
    rng = as_generator(seed, allow_none=False)
    U, V = _initial_factors(init, R0, M, r, rng)
    Mf = M.astype(np.float64)
    loss = [_loss(R0, M, U, V, lam)]
    for _ in range(n_iter):
        U = _solve_rows(R0, Mf, V, lam)
        loss.append(_loss(R0, M, U, V, lam))
        V = _solve_rows(R0.T, Mf.T, U, lam)
        loss.append(_loss(R0, M, U, V, lam))
        if tol > 0 and loss[-3] - loss[-1] < tol * loss[-3]:
            break
    return Factorization(U=U, V=V, loss=np.array(loss), lam=lam)
