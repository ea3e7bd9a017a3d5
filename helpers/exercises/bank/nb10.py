"""Exercises of notebook 10 · LoRA."""

import numpy as np

from ..registry import Exercise


def _params():
    from ...lora import lora_params

    return lora_params("LLaMA-2-13B", 16, ("q", "k", "v", "o"))


def _break_even():
    m, n = 4096, 11008
    return (m * n - 1) // (m + n + 1)  # the largest r with r(m + n + 1) < mn


def _grad_B():
    from ...lora import LoRALinear

    rng = np.random.default_rng(3)
    layer = LoRALinear(rng.standard_normal((3, 4)), rank=2, alpha=6.0, seed=3)
    X, C = rng.standard_normal((5, 4)), rng.standard_normal((5, 3))
    return layer.backward(X, C).dB


EXERCISES = (
    Exercise(
        "10.1",
        expected=_params,
        hints=(
            "Each adapted d_out × d_in matrix adds r(d_in + d_out) parameters, in every layer.",
            "L · (number of targets) · r · (d_in + d_out), with d_in = d_out = 5120 and L = 40.",
        ),
    ),
    Exercise(
        "10.2",
        expected=_break_even,
        hints=(
            "A rank-r SVD stores r(m + n + 1) numbers against mn.",
            "Solve r(m + n + 1) < mn for the largest integer r.",
        ),
    ),
    Exercise(
        "10.3",
        expected=_grad_B,
        hints=(
            "With Y = XW₀ᵀ + s·X AᵀBᵀ and G = ∂L/∂Y, the chain rule gives ∂L/∂B.",
            "∂L/∂B = s · Gᵀ X Aᵀ with s = α/r = 3: use ex.scaling and ex.A.",
        ),
    ),
)
