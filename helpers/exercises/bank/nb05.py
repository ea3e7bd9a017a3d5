"""Exercises of notebook 05 · Low-rank approximation."""

import numpy as np

from ..registry import Exercise


def _break_even(m, n):
    from ...low_rank import break_even_rank

    return break_even_rank(m, n)


def _rank_for_energy():
    from ...low_rank import rank_for_energy

    return rank_for_energy(0.9 ** np.arange(100), 0.99)


def _random_energy():
    from ...images import load_image
    from ...low_rank import energy_retained

    m, n = load_image("grace_hopper", mode="L").shape
    G = np.random.default_rng(52).standard_normal((m, n))
    return energy_retained(np.linalg.svd(G, compute_uv=False), _break_even(m, n))


EXERCISES = (
    Exercise(
        "05.1",
        expected=[np.sqrt(10.0), 3.0],
        hints=(
            "Eckart–Young: the errors are made of the singular values you drop.",
            "Drop σ₁, σ₂. Frobenius: the root of the sum of the other squares; "
            "spectral: the largest.",
        ),
    ),
    Exercise(
        "05.2",
        expected=lambda: _break_even(1080, 1920),
        hints=(
            "Rank k costs k(m + n + 1) numbers against mn for the image.",
            "Solve k(m + n + 1) < mn for the largest integer k.",
        ),
    ),
    Exercise(
        "05.3",
        expected=_rank_for_energy,
        hints=(
            "The energies σᵢ² = 0.81ⁱ form a geometric series.",
            "The first k sum to (1 − 0.81ᵏ)/0.19 out of (1 − 0.81¹⁰⁰)/0.19.",
        ),
    ),
    Exercise(
        "05.4",
        expected=_random_energy,
        rtol=1e-4,
        hints=(
            "Energy retained = (σ₁² + … + σ_k²)/(σ₁² + … + σ_p²).",
            "Sum the squares of the first k_even singular values of s_rand, "
            "divide by the sum of all.",
        ),
        kind="predict",
    ),
)
