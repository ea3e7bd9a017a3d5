"""Exercises of notebook 06 · QR and Gram–Schmidt."""

import numpy as np

from ..registry import Exercise


def _r_factor():
    from ...decompositions.qr import householder_qr

    return householder_qr(np.array([[1.0, 2.0], [0.0, 1.0], [1.0, 0.0]]))[1]


def _least_squares():
    t, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 4.0])
    return np.linalg.lstsq(np.column_stack([np.ones(3), t]), y, rcond=None)[0]


def _lauchli():
    from ...decompositions.qr import classical_gram_schmidt, modified_gram_schmidt

    A = np.vstack([np.ones((1, 3)), 1e-8 * np.eye(3)])
    return tuple(
        float(Q[:, 1] @ Q[:, 2])
        for Q, _ in (classical_gram_schmidt(A, rtol=0), modified_gram_schmidt(A, rtol=0))
    )


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
    Exercise(
        "06.5",
        expected=lambda: np.array([2.0, 0.5, 0.01]) / (np.array([2.0, 0.5, 0.01]) ** 2 + 0.01),
        hints=(
            "The filter factor of σ is σ/(σ² + λ), one number per singular value.",
            "2/(4 + 0.01), 0.5/(0.25 + 0.01), 0.01/(0.0001 + 0.01).",
        ),
        kind="proof",
    ),
    Exercise(
        "06.6",
        expected=_lauchli,
        atol=1e-6,
        hints=(
            "In float64, q1 = (1, δ, 0, 0) and CGS computes q2ᵀa3 from the original a3, "
            "which is exactly 0: nothing removes the error that q1 left in v3.",
            "CGS: q2 ∝ (0, −1, 1, 0), q3 ∝ (0, −1, 0, 1). MGS projects the updated v3 "
            "on q2 and removes that part.",
        ),
        kind="predict",
    ),
)
