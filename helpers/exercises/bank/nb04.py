"""Exercises of notebook 04 · A 3×2 SVD by hand."""

import numpy as np

from ..registry import Exercise

_A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def _svd():
    return np.linalg.svd(_A)


def _rank_one():
    U, s, Vt = _svd()
    return s[0] * np.outer(U[:, 0], Vt[0])


def _error_and_energy():
    s = _svd()[1]
    return [s[1], s[0] ** 2 / np.sum(s**2)]


EXERCISES = (
    Exercise(
        "04.1",
        expected=lambda: _svd()[1],
        hints=(
            "σᵢ = √λᵢ for the roots λ of det(AᵀA − λI).",
            "det(AᵀA − λI) = λ² − 91λ + 24; take the square roots of the two roots.",
        ),
    ),
    Exercise(
        "04.2",
        expected=_rank_one,
        atol=1e-6,
        hints=(
            "A₁ = σ₁u₁v₁ᵀ, and σ₁u₁ = Av₁.",
            "v₁ is the unit eigenvector of AᵀA for λ₁; then A₁ = (Av₁)v₁ᵀ.",
        ),
    ),
    Exercise(
        "04.3",
        expected=_error_and_energy,
        hints=(
            "Eckart–Young: the spectral error of A₁ is the first singular value you dropped.",
            "The energy is σ₁²/‖A‖_F², with ‖A‖_F² = 1 + 4 + 9 + 16 + 25 + 36.",
        ),
    ),
    Exercise(
        "04.4",
        expected=lambda: _svd()[0][:, 2],
        up_to="sign",
        hints=(
            "u₃ spans the null space of Aᵀ, and it is a unit vector.",
            "Solve a + 3b + 5c = 0 and 2a + 4b + 6c = 0, then normalize.",
        ),
    ),
    Exercise(
        "04.5",
        expected=[[1.5, 1.5], [1.5, 1.5], [2.0, 2.0]],
        hints=(
            "With equal column lengths, BᵀB = [[a, b], [b, a]]: try the vectors (1, 1) and "
            "(1, −1).",
            "v₁ = (1, 1)/√2, and B₁ = (Bv₁)v₁ᵀ: each column is the mean of the two columns.",
        ),
        kind="proof",
    ),
    Exercise(
        "04.6",
        expected=2.0,
        rtol=0.01,
        hints=(
            "Do the columns of W′ still have equal lengths and a positive dot product?",
            "By Exercise 5, σ₂ = ‖c₁ − c₂‖/√2: did c₁ − c₂ change?",
        ),
        kind="predict",
    ),
)
