"""Exercises of notebook 00 · Start here."""

from ..registry import Exercise

EXERCISES = (
    Exercise(
        "00.1",
        expected=[1.0, 1.0],
        up_to="scale",
        hints=(
            "Solve (A − 3I)v = 0: write out the two rows.",
            "Both rows of A − 3I say −v₁ + v₂ = 0; any nonzero v with v₁ = v₂ will do.",
        ),
    ),
)
