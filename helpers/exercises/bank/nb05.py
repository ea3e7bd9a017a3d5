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
        rtol=0.02,
        hints=(
            "Section 7's table gives the rank the random matrix needs for 90 % of its "
            "energy; compare it with k_even.",
            "k_even is a few ranks below the 90 % rank, and a flat spectrum adds about "
            "the same small share per rank: a little below 0.9.",
        ),
        kind="predict",
    ),
    Exercise(
        "05.5",
        expected=(5.0, 8.0),
        hints=(
            "Write A − B = U_k M V_kᵀ + (A − A_k) and put an SVD M = PΔRᵀ inside the "
            "first term: its singular vectors are orthogonal to those of A − A_k.",
            "The singular values of A − B are those of M together with σ₃, σ₄, …: "
            "‖A − B‖₂ = max(‖M‖₂, σ₃), ‖A − B‖_F² = ‖M‖_F² + σ₃² + σ₄² + ….",
        ),
        kind="proof",
    ),
)
