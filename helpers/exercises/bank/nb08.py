"""Exercises of notebook 08 · Randomized SVD."""

import numpy as np

from ..registry import Exercise

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
        expected=1.0 / np.arange(1, 6),
        rtol=1e-6,
        atol=0.0,
        hints=(
            "The singular values of M are 1/j; power iterations sharpen the estimate.",
            "Try n_iter = 0, 1, 2, … and compare with 1/j.",
        ),
    ),
)
