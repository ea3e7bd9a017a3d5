"""Exercises of notebook 07 · LU and Cholesky."""

import numpy as np

from ..registry import Exercise


def _u_factor():
    from ...decompositions.lu import lu_partial_pivot

    return lu_partial_pivot(np.array([[4.0, 3.0], [6.0, 3.0]]))[2]


EXERCISES = (
    Exercise(
        "07.1",
        expected=_u_factor,
        hints=(
            "Partial pivoting takes the entry of largest modulus in the column as the pivot.",
            "The pivot is 6 (row 2); the multiplier is 4/6.",
        ),
    ),
    Exercise(
        "07.2",
        expected=lambda: np.linalg.det(
            np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 1.0, 0.0]])
        ),
        hints=(
            "det A = det(P)·Π uᵢᵢ, with det(P) = ±1 by the number of swaps.",
            "P is a 3-cycle (two swaps, sign +1); the pivots are 2, 2, 3/4.",
        ),
    ),
    Exercise(
        "07.3",
        expected=lambda: np.linalg.cholesky(np.array([[4.0, 2.0], [2.0, 5.0]])) @ [1.0, -1.0],
        hints=(
            "x = Lz with Σ = LLᵀ: find L first.",
            "ℓ11 = 2, ℓ21 = 2/2, ℓ22 = √(5 − 1).",
        ),
    ),
    Exercise(
        "07.4",
        expected=[2, -5.0],
        hints=(
            "Run Cholesky step by step until a diagonal entry would need "
            "the square root of a number ≤ 0.",
            "ℓ11 = 1, ℓ21 = 2, ℓ22 = 1, ℓ31 = 0, ℓ32 = 3; then 4 − 0² − 3².",
        ),
    ),
)
