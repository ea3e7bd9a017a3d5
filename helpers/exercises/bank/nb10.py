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


def _first_step_change():
    from ...lora import LoRALinear

    rng = np.random.default_rng(4)
    layer = LoRALinear(rng.standard_normal((5, 4)), rank=2, alpha=4.0, seed=4)
    X, Y = rng.standard_normal((6, 4)), rng.standard_normal((6, 5))
    grad_W = (X @ layer.W0.T - Y).T @ X
    return -0.1 * layer.scaling**2 * grad_W @ layer.A.T @ layer.A


def _small_scale_rank():
    rng = np.random.default_rng(47)
    Q, K = rng.standard_normal((256, 16)), rng.standard_normal((256, 16))
    S = 0.01 * Q @ K.T / 4.0
    P = np.exp(S - S.max(axis=1, keepdims=True))
    s = np.linalg.svd(P / P.sum(axis=1, keepdims=True), compute_uv=False)
    return int(np.sum(s > 1e-2 * s[0]))


EXERCISES = (
    *EXERCISES,
    Exercise(
        "10.4",
        expected=_first_step_change,
        rtol=1e-8,
        atol=1e-10,
        hints=(
            "At B = 0 the gradient of A vanishes, so only B moves in the first step.",
            "B₁ = −η s ∇_W Aᵀ with ∇_W = GᵀX, G = XW₀ᵀ − Y; the change is s B₁ A.",
        ),
        kind="proof",
    ),
    Exercise(
        "10.5",
        expected=_small_scale_rank,
        hints=(
            "Expand e^(tS) for small t: 11ᵀ + tS + …; how large is the second term?",
            "At t = 0.01 the rank-one term 11ᵀ/n dominates everything else by far.",
        ),
        kind="predict",
    ),
)
