"""Exercises of notebook 06 · QR and Gram–Schmidt."""

import numpy as np

from ..registry import Exercise


def _r_factor():
    from ...decompositions.qr import householder_qr

    return householder_qr(np.array([[1.0, 2.0], [0.0, 1.0], [1.0, 0.0]]))[1]


def _least_squares():
    t, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 4.0])
    return np.linalg.lstsq(np.column_stack([np.ones(3), t]), y, rcond=None)[0]


EXERCISES = (
    Exercise(
        "06.1",
        expected=_r_factor,
        hints=(
            "r₁₁ = ‖a₁‖, r₁₂ = q₁ᵀa₂, r₂₂ = ‖a₂ − r₁₂q₁‖ (Gram–Schmidt gives the same R).",
            "r11 = √2, r12 = 2/√2 = √2, r22 = √(5 − 2).",
        ),
    ),
    Exercise(
        "06.2",
        expected=[8.0, 4.0],
        up_to="scale",
        hints=(
            "The reflector that sends x to −sign(x₁)‖x‖e₁ has v ∝ x + sign(x₁)‖x‖e₁.",
            "‖(3, 4)‖ = 5.",
        ),
    ),
    Exercise(
        "06.3",
        expected=2 * 1000 * 100**2 - 2 * 100**3 / 3,
        rtol=1e-3,
        hints=(
            "Householder QR of an m×n matrix costs about 2mn² − 2n³/3 flops.",
            "m = 1000, n = 100.",
        ),
    ),
    Exercise(
        "06.4",
        expected=_least_squares,
        hints=(
            "With A = QR (thin), the least-squares solution solves R c = Qᵀy.",
            "Q, R = householder_qr(A_ex4); then back_substitution(R, Q.T @ y).",
        ),
    ),
)
