"""Exercises of notebook 02 · The spectral theorem."""

import numpy as np

from ..registry import Exercise

EXERCISES = (
    Exercise(
        "02.1",
        expected=[1 / np.sqrt(6), 1.0],
        up_to="set",
        hints=(
            "The semi-axes of xᵀAx = 1 are 1/√λ for the eigenvalues λ of A.",
            "The eigenvalues solve λ² − 7λ + 6 = 0.",
        ),
    ),
    Exercise(
        "02.2",
        expected=2.0,
        hints=(
            "Positive definite means every eigenvalue is positive.",
            "The eigenvalues are 2 + c and 2 − c (eigenvectors (1, ±1)).",
        ),
    ),
    Exercise(
        "02.3",
        expected=1.0,
        hints=(
            "The deflated block is B = Q₁ᵀAQ₁ without its first row and column.",
            "Here B is 1×1: B = q₂ᵀAq₂ with q₂ the second column of Q₁.",
        ),
    ),
    Exercise(
        "02.4",
        expected=("indefinite", 5.0),
        hints=(
            "Two parts: the class (a word) and the maximum of the Rayleigh quotient.",
            "Find the eigenvalues of the 2×2 block; "
            "the maximum of the Rayleigh quotient is λ_max.",
        ),
    ),
    Exercise(
        "02.5",
        expected=False,
        hints=(
            "Part 2 is about exact eigenvectors; eig computes each vector on its own, "
            "in floating point.",
            "A gap of 1e-12 next to ‖A‖ = 10 is a repeated eigenvalue, "
            "as far as round-off can tell.",
        ),
        kind="predict",
    ),
    Exercise(
        "02.6",
        expected=54.0,
        hints=(
            "For symmetric S, tr(S²) is the sum of the squares of all entries.",
            "4 + 9 + 16 + 16 + 9, or the sum of the squared eigenvalues 2, 5, −5.",
        ),
        kind="proof",
    ),
)
