"""Exercises of notebook 03 · The SVD."""

import numpy as np

from ..registry import Exercise


def _pseudo_inverse_and_solution():
    J, rhs = np.ones((2, 2)), np.array([1.0, 3.0])
    J_plus = np.linalg.pinv(J)
    return (J_plus, J_plus @ rhs)


EXERCISES = (
    Exercise(
        "03.1",
        expected=[np.sqrt(45.0), np.sqrt(5.0)],
        hints=(
            "σᵢ = √λᵢ for the eigenvalues λᵢ of AᵀA, largest first.",
            "AᵀA = [[25, 20], [20, 25]] has eigenvalues 25 ± 20.",
        ),
    ),
    Exercise(
        "03.2",
        expected=[5.0, np.sqrt(34.0), 5.0 / 3.0],
        hints=(
            "All three come from the singular values σ = 5, 3.",
            "‖A‖₂ = σ₁, ‖A‖_F = √(σ₁² + σ₂²), κ₂(A) = σ₁/σ₂.",
        ),
    ),
    Exercise(
        "03.3",
        expected=[[1.0, 0.0], [0.0, -1.0]],
        hints=(
            "With U = I the SVD says D = Σ Vᵀ.",
            "Σ Vᵀ = D, so Vᵀ = Σ⁻¹D.",
        ),
    ),
    Exercise(
        "03.4",
        expected=_pseudo_inverse_and_solution,
        hints=(
            "J has rank 1: J = σ₁u₁v₁ᵀ, and J⁺ = (1/σ₁)v₁u₁ᵀ.",
            "σ₁ = 2 and u₁ = v₁ = (1, 1)/√2; then x⁺ = J⁺b.",
        ),
    ),
    Exercise(
        "03.5",
        expected=24.0,
        hints=(
            "‖A‖_F² is the sum of the squares of the entries; the diagonal of AᵀA holds the "
            "squared column norms.",
            "Column sums of squares: 4 + 1 + 0 + 1, 0 + 1 + 4 + 1, 4 + 4 + 4 + 0.",
        ),
        kind="proof",
    ),
    Exercise(
        "03.6",
        expected=(3.0, 0.5),
        rtol=0.01,
        hints=(
            "The unit sphere maps to a hyperellipse: what are its longest and shortest semi-axes?",
            "‖Tx‖ ranges over [σ₃, σ₁] for unit x.",
        ),
        kind="predict",
    ),
)
