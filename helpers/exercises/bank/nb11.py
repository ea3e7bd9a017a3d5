"""Exercises of notebook 11 · Low rank beyond the SVD."""

import numpy as np

from ..registry import Exercise


def _zero_filled_ratio():
    """The experiment of 11.1: σ₁ of the zero-filled matrix over σ₁ of the matrix, p = 0.3."""
    gen = np.random.default_rng(11)
    X = gen.standard_normal((300, 3)) @ gen.standard_normal((3, 200))
    seen = gen.random(X.shape) < 0.3
    s_true = np.linalg.svd(X, compute_uv=False)[0]
    return float(np.linalg.svd(np.where(seen, X, 0.0), compute_uv=False)[0] / s_true)


def _als_step():
    V = np.array([[1.0, 0.0], [0.5, 1.0], [1.0, 1.0], [0.0, 2.0]])
    Vi = V[[0, 2, 3]]
    return np.linalg.solve(Vi.T @ Vi + 0.5 * np.eye(2), Vi.T @ np.array([4.0, 3.0, 1.0]))


def _balanced_cost():
    X = np.array([[3.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 3.0], [1.0, 0.0, 1.0]])
    return float(np.linalg.svd(X, compute_uv=False).sum())


def _gd_threshold():
    from ...completion import optimal_coefficient

    return optimal_coefficient(0.25) * np.sqrt(400) * 0.5


EXERCISES = (
    Exercise(
        "11.1",
        expected=_zero_filled_ratio,
        atol=0.05,
        rtol=0.0,
        hints=(
            "Each entry survives with probability p, so on average P_Ω(X) is a scaled copy of X.",
            "E[P_Ω(X)] = p·X with p = 0.3: the large singular values shrink by about that factor.",
        ),
        kind="predict",
    ),
    Exercise(
        "11.2",
        expected=_als_step,
        hints=(
            "Keep only the rows of V2 for the items the user rated: V_i = V2[rated2].",
            "Solve (V_iᵀV_i + λI) u = V_iᵀ r with λ = 0.5: np.linalg.solve.",
        ),
    ),
    Exercise(
        "11.3",
        expected=_balanced_cost,
        hints=(
            "np.linalg.svd(X3, full_matrices=False) gives A, σ, Bᵀ; U = A·√σ, V = B·√σ.",
            "½(‖U‖² + ‖V‖²) = ½(Σσ + Σσ): the sum of the singular values.",
        ),
        kind="proof",
    ),
    Exercise(
        "11.4",
        expected=9.5,
        hints=(
            "S_λ replaces each singular value σ by max(σ − λ, 0).",
            "Sum max(σ − 2, 0) over σ = 9, 4, 2.5, 1.",
        ),
    ),
    Exercise(
        "11.5",
        expected=_gd_threshold,
        hints=(
            "β is the short side over the long side, and n is the long side.",
            "τ = λ*(β)·√n·σ with β = 100/400, n = 400, σ = 0.5.",
        ),
    ),
)
