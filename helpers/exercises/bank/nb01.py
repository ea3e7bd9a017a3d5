"""Exercises of notebook 01 · Eigendecomposition."""

from ..registry import Exercise

EXERCISES = (
    Exercise(
        "01.1",
        expected=[2.0, -3.0],
        hints=(
            "Compare the entries of B and αA + βI one by one.",
            "Off-diagonal: 2 = α·1. Diagonal: 1 = α·2 + β.",
        ),
    ),
    Exercise(
        "01.2",
        expected=[243.0, -1.0],
        up_to="set",
        hints=(
            "B⁵ = P D⁵ P⁻¹: what are the diagonal entries of D⁵?",
            "The eigenvalues of B are 3 and −1; raise each to the fifth power.",
        ),
    ),
    Exercise(
        "01.3",
        expected=1 / 3,
        rtol=1e-3,
        hints=(
            "The rate is |λ₂/λ₁| for the eigenvalues of B, ordered by modulus.",
            "B has eigenvalues 3 and −1.",
        ),
        kind="predict",
    ),
    Exercise(
        "01.4",
        expected=[3, 2],
        hints=(
            "The algebraic multiplicity comes from det(C − λI); "
            "the geometric one from the null space of C − 2I.",
            "Count the free variables in (C − 2I)v = 0: only one row of C − 2I is nonzero.",
        ),
    ),
    Exercise(
        "01.5",
        expected=349525,
        hints=(
            "The eigenvalues of [[1, 2], [1, 0]] are 2 and −1, so x_k = a·2ᵏ + b·(−1)ᵏ.",
            "Fit a, b to x₀ = 0 and x₁ = 1: a = 1/3, b = −1/3.",
        ),
    ),
    Exercise(
        "01.6",
        expected=[0.2, 0.5],
        up_to="set",
        hints=(
            "If Av = λv, then multiplying by A⁻¹ gives v = λA⁻¹v.",
            "So A⁻¹v = (1/λ)v: the eigenvalues of A⁻¹ are 1/5 and 1/2.",
        ),
        kind="proof",
    ),
)
