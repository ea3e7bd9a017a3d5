"""A LoRA layer in numpy, and the angle between two column spaces (notebook 10).

Row convention: an input batch ``X ∈ ℝ^{n × d_in}`` holds one example per row,
and the layer computes ``H = X W₀ᵀ + (α/r)·X Aᵀ Bᵀ``, which is
``h = W₀x + (α/r)BAx`` for each row ``x``.
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np

from ..validation import as_generator, as_matrix, as_rank, scale_factor

__all__ = ["largest_principal_angle", "LoRAGradients", "LoRALinear"]


def _column_space(M: np.ndarray, name: str) -> np.ndarray:
    """An orthonormal basis of range(M), of its numerical rank (the standard tolerance)."""
    c = scale_factor(M)  # an exact power of two: no overflow inside the SVD
    U, s, _ = np.linalg.svd(M / c, full_matrices=False)
    tol = max(M.shape) * np.finfo(np.float64).eps * (s[0] if s.size else 0.0)
    r = int(np.count_nonzero(s > tol))
    if r == 0:
        raise ValueError(
            f"{name} is the zero matrix (numerically: every singular value ≤ "
            f"max(m, n)·ε·σ₁): its column space is {{0}}, so no angle with it is defined. "
            f"(LoRA's B starts at zero: measure angles once it has been trained.)"
        )
    return U[:, :r]


def largest_principal_angle(P, Q) -> float:
    """The largest principal angle between the column spaces of ``P`` and ``Q``, in radians.

    With orthonormal bases ``P̂`` (``r_P`` columns) and ``Q̂`` (``r_Q``
    columns) of the two column spaces, ``r_P ≤ r_Q``, the angle is
    ``arcsin ‖(I − Q̂Q̂ᵀ) P̂‖₂``: 0 when ``range(P) ⊆ range(Q)`` and π/2 when
    some direction of ``range(P)`` is orthogonal to ``range(Q)``. It stays
    accurate for small angles (unlike ``arccos`` of the cosines). The spaces
    are the *column spaces*, whatever the number of columns that span them:
    ``r_P`` and ``r_Q`` are numerical ranks (singular values above
    ``max(m, n)·ε·σ₁``), so a rank-deficient ``P`` gives the angle of the
    space it really spans. If ``r_P > r_Q`` the roles are exchanged: the
    ``min(r_P, r_Q)`` principal angles are symmetric in the two spaces
    (Golub & Van Loan, *Matrix Computations*, 4th ed., §6.4.3).

    Parameters
    ----------
    P, Q : array_like, shapes (m, p) and (m, q)
        Finite real matrices with the same number of rows, ``p ≤ q``, neither
        of them zero.

    Returns
    -------
    float
        The angle in radians, in ``[0, π/2]``.

    Raises
    ------
    TypeError
        If ``P`` or ``Q`` is not an array of real numbers.
    ValueError
        If the row counts differ, ``P`` has more columns than ``Q``, or either
        is (numerically) the zero matrix.

    Examples
    --------
    >>> angle = largest_principal_angle([[1.0], [0.0]], [[1.0], [1.0]])
    >>> round(float(np.degrees(angle)), 9)
    45.0
    >>> largest_principal_angle([[1.0, 2.0], [0.0, 0.0]], [[3.0, 0.0], [0.0, 0.0]])
    0.0
    """
    P = as_matrix(P, "P")
    Q = as_matrix(Q, "Q")
    if P.shape[0] != Q.shape[0]:
        raise ValueError(
            f"P and Q must have the same number of rows, got {P.shape[0]} and {Q.shape[0]}"
        )
    if P.shape[1] > Q.shape[1]:
        raise ValueError(f"P must not have more columns than Q, got {P.shape[1]} > {Q.shape[1]}")
    P_hat = _column_space(P, "P")
    Q_hat = _column_space(Q, "Q")
    if P_hat.shape[1] > Q_hat.shape[1]:
        P_hat, Q_hat = Q_hat, P_hat
    residual = P_hat - Q_hat @ (Q_hat.T @ P_hat)
    return float(np.arcsin(min(1.0, np.linalg.norm(residual, 2))))


class LoRAGradients(NamedTuple):
    """Gradients returned by :meth:`LoRALinear.backward`."""

    dA: np.ndarray
    dB: np.ndarray
    dX: np.ndarray


class LoRALinear:
    """A frozen linear map ``W₀`` plus a trainable low-rank update ``(α/r)·B A``.

    Row convention: an input batch ``X`` is ``n × d_in`` and the output is

    ``H = X W₀ᵀ + (α/r) · (X Aᵀ) Bᵀ``,   i.e. ``h = W₀x + (α/r)·B A x`` per row.

    Parameters
    ----------
    W0 : array_like, shape (d_out, d_in)
        The frozen weight (copied and made read-only).
    rank : int
        ``r``, from 1 to ``min(d_out, d_in)``.
    alpha : float, optional
        The scale numerator ``α`` (positive). Default ``None`` means ``α = r``,
        a scale ``α/r`` of 1.
    seed : int or numpy.random.Generator, optional
        Seed for ``A``.

    Attributes
    ----------
    W0 : numpy.ndarray
        Read-only frozen weight.
    A : numpy.ndarray, shape (rank, d_in)
        Gaussian entries with standard deviation ``1/√d_in`` (fan-in scaling).
    B : numpy.ndarray, shape (d_out, rank)
        Zeros, so the layer starts as exactly ``W₀`` (Hu et al. 2021, Section 4.1).

    Examples
    --------
    >>> layer = LoRALinear(np.eye(3), rank=1, alpha=2.0, seed=0)
    >>> layer.scaling, layer.n_trainable
    (2.0, 6)
    >>> np.array_equal(layer.merge(), np.eye(3))    # B = 0: no change yet
    True
    """

    def __init__(self, W0, rank, alpha=None, seed=0):
        W0 = np.array(as_matrix(W0, "W0"), dtype=np.float64)  # a copy, never the caller's
        W0.setflags(write=False)
        d_out, d_in = W0.shape
        self.rank = as_rank(rank, "rank", high=min(d_out, d_in))
        if alpha is None:
            alpha = float(self.rank)
        if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real):
            raise TypeError(f"alpha must be a real number, got {type(alpha).__name__}")
        if not (math.isfinite(alpha) and alpha > 0):
            raise ValueError(f"alpha must be positive and finite, got {alpha!r}")
        self.alpha = float(alpha)
        self.W0 = W0
        rng = as_generator(seed, "seed")
        self.A = rng.standard_normal((self.rank, d_in)) / np.sqrt(d_in)
        self.B = np.zeros((d_out, self.rank))

    @property
    def scaling(self) -> float:
        """The factor ``α/r`` in front of ``B A``."""
        return self.alpha / self.rank

    @property
    def shape(self) -> tuple[int, int]:
        """``(d_out, d_in)`` of the layer."""
        return self.W0.shape

    @property
    def n_trainable(self) -> int:
        """Trainable numbers: ``r·(d_in + d_out)``."""
        d_out, d_in = self.shape
        return self.rank * (d_in + d_out)

    def delta(self) -> np.ndarray:
        """The update ``ΔW = (α/r)·B A`` (``d_out × d_in``, rank ≤ r)."""
        return self.scaling * (self.B @ self.A)

    def merge(self) -> np.ndarray:
        """The merged weight ``W₀ + (α/r)·B A``: one matrix, no extra cost at inference."""
        return self.W0 + self.delta()

    def _check_input(self, X) -> np.ndarray:
        d_out, d_in = self.shape
        if (
            type(X) is np.ndarray
            and X.dtype == np.float64
            and X.ndim == 2
            and X.shape[1] == d_in
            and X.shape[0] > 0
            and np.isfinite(X).all()
        ):
            return X  # the common case, checked cheaply (training loops call this often)
        if np.ndim(X) == 1:
            raise ValueError(
                f"X must be a row batch of shape (n, d_in) = (n, {d_in}), got a 1-D array "
                f"of shape {np.shape(X)}; for one input x use X = x[None, :]"
            )
        X = as_matrix(X, "X")
        if X.shape[1] != d_in:
            raise ValueError(
                f"X has {X.shape[1]} columns but the layer's d_in is {d_in} "
                f"(W0 is {d_out} × {d_in}): X must have shape (n, {d_in})"
            )
        return X

    def forward(self, X) -> np.ndarray:
        """Return ``H = X W₀ᵀ + (α/r)·(X Aᵀ) Bᵀ`` for a row batch ``X`` (n × d_in).

        Raises
        ------
        ValueError
            If ``X`` is not 2-D or its number of columns is not ``d_in``.
        """
        X = self._check_input(X)
        return X @ self.W0.T + self.scaling * ((X @ self.A.T) @ self.B.T)

    def backward(self, X, dH) -> LoRAGradients:
        """Gradients of a loss ``L`` given ``dH = ∂L/∂H`` for the batch ``X``.

        With ``s = α/r`` and ``G = ∂L/∂W = dHᵀ X`` (the gradient with respect
        to the merged weight):

        - ``∂L/∂B = s · G Aᵀ = s · dHᵀ (X Aᵀ)``      (d_out × r)
        - ``∂L/∂A = s · Bᵀ G = s · (dH B)ᵀ X``      (r × d_in)
        - ``∂L/∂X = dH (W₀ + s B A)``               (n × d_in)

        ``W₀`` gets no gradient: it is frozen. ``G`` itself (d_out × d_in) is
        never formed; the products are taken in the cheap order.

        Raises
        ------
        ValueError
            If ``X`` or ``dH`` has the wrong shape; the message names the dimension.
        """
        X = self._check_input(X)
        d_out = self.shape[0]
        if np.ndim(dH) != 2:
            raise ValueError(f"dH must be 2-D of shape (n, d_out), got shape {np.shape(dH)}")
        if not (type(dH) is np.ndarray and dH.dtype == np.float64 and np.isfinite(dH).all()):
            dH = as_matrix(dH, "dH")
        if dH.shape[0] != X.shape[0]:
            raise ValueError(
                f"dH has {dH.shape[0]} rows but X has {X.shape[0]}: one gradient row per "
                f"input row (n = {X.shape[0]})"
            )
        if dH.shape[1] != d_out:
            raise ValueError(
                f"dH has {dH.shape[1]} columns but the layer's d_out is {d_out}: "
                f"dH must have shape ({X.shape[0]}, {d_out})"
            )
        s = self.scaling
        XA = X @ self.A.T  # n × r
        dHB = dH @ self.B  # n × r
        dB = s * (dH.T @ XA)
        dA = s * (dHB.T @ X)
        dX = dH @ self.W0 + s * (dHB @ self.A)
        return LoRAGradients(dA, dB, dX)

    def __repr__(self) -> str:
        d_out, d_in = self.shape
        return (
            f"LoRALinear(d_out={d_out}, d_in={d_in}, rank={self.rank}, alpha={self.alpha:g}, "
            f"trainable={self.n_trainable})"
        )
