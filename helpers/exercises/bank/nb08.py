"""Exercises of notebook 08 · Randomized SVD."""

import numpy as np

from ..registry import Exercise


def _first_lost_q():
    eps = np.finfo(float).eps
    return next(q for q in range(20) if 0.9 ** (29 * (2 * q + 1)) < eps)


EXERCISES = (
    Exercise(
        "08.1",
        expected=np.sqrt(1 + 20 / 4),
        hints=(
            "The average-case factor is √(1 + k/(p − 1)).",
            "k/(p − 1) = 20/4.",
        ),
    ),
    Exercise(
        "08.2",
        expected=9,
        hints=(
            "Square the factor: 1 + k/(p − 1) ≤ 1.5².",
            "Solve 1 + 10/(p − 1) ≤ 2.25 for the smallest integer p.",
        ),
    ),
    Exercise(
        "08.3",
        expected=8,
        hints=(
            "Count the products with A or Aᵀ: one for AΩ, two per power iteration, one for B.",
            "With q = 3 power iterations: 1 + 2·3 + 1.",
        ),
    ),
    Exercise(
        "08.4",
        expected=(1.0 / np.arange(1, 6), 3),
        rtol=1e-6,
        atol=0.0,
        hints=(
            "Two answers: the five singular values (they are 1/j) and the smallest n_iter.",
            "Try n_iter = 0, 1, 2, … and stop at the first whose relative error is below 1e-6.",
        ),
    ),
    Exercise(
        "08.5",
        expected=2.0,
        hints=(
            "Prop. 10.2 of Halko et al.: E‖Ω₁⁺‖_F² = k/(p − 1) for a k × (k + p) Gaussian.",
            "k/(p − 1) = 10/5.",
        ),
        kind="proof",
    ),
    Exercise(
        "08.6",
        expected=lambda: next(
            q for q in range(20) if 0.9 ** (29 * (2 * q + 1)) < np.finfo(float).eps
        ),
        hints=(
            "σ₃₀/σ₁ = 0.9²⁹; find the first q with (0.9²⁹)^(2q+1) below ε ≈ 2.2e-16.",
            "Take logarithms: (2q + 1)·29·ln 0.9 < ln ε.",
        ),
        kind="predict",
    ),
)
