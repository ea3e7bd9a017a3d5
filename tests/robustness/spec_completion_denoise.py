"""Robustness spec of helpers.completion.denoise."""

import numpy as np
from hypothesis import strategies as st

from helpers.completion import (
    hard_threshold_denoise,
    marchenko_pastur_median,
    optimal_coefficient,
    optimal_omega,
    optimal_threshold,
)

from .harness import Spec, constant, ensure
from .inputs import args, bad_matrix_values, bad_real_values, refuse_each, scaled_matrices

MODULE = "helpers.completion.denoise"

_betas = st.sampled_from([1e-6, 0.01, 0.25, 0.5, 0.999, 1.0])
_bad_beta = [*bad_real_values(), 0.0, -0.5, 1.5]


def _c(X) -> float:
    return float(np.max(np.abs(X))) or 1.0


def _check_threshold(tau, call):
    Y = call.args[0]
    m, n = sorted(Y.shape)
    sigma = call.kwargs.get("sigma")
    if sigma is not None:
        ensure(np.isclose(tau, optimal_coefficient(m / n) * np.sqrt(n) * sigma), "λ*√n σ")
    else:
        s = np.linalg.svd(Y / _c(Y), compute_uv=False)
        ensure(np.isclose(tau / _c(Y), optimal_omega(m / n) * np.median(s)), "ω y_med")


def _check_denoise(result, call):
    Y = call.args[0]
    ensure(result.X.shape == Y.shape and result.X is not Y)
    ensure(result.rank == int(np.sum(result.singular_values > result.threshold)), "rank")
    c = _c(Y)
    W, s, Vt = np.linalg.svd(Y / c, full_matrices=False)
    k = result.rank
    ensure(np.allclose(result.X / c, (W[:, :k] * s[:k]) @ Vt[:k], atol=1e-9), "truncation")


_sigmas = st.sampled_from([None, 1e-300, 0.5, 1e300])

SPECS = {
    "DenoiseResult": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "optimal_coefficient": Spec(
        func=optimal_coefficient,
        bad=refuse_each("beta", _bad_beta, lambda b: args(b)),
        good=_betas.map(lambda b: args(b)),
        check=lambda v, call: ensure(
            np.sqrt(2 * (1 + call.args[0])) - 1e-12 <= v <= 4 / np.sqrt(3) + 1e-12
        ),
    ),
    "marchenko_pastur_median": Spec(
        func=marchenko_pastur_median,
        bad=refuse_each("beta", _bad_beta, lambda b: args(b)),
        good=_betas.map(lambda b: args(b)),
        check=lambda mu, call: ensure(
            (1 - np.sqrt(call.args[0])) ** 2 < mu < (1 + np.sqrt(call.args[0])) ** 2
        ),
        max_examples=6,
    ),
    "optimal_omega": Spec(
        func=optimal_omega,
        bad=refuse_each("beta", _bad_beta, lambda b: args(b)),
        good=_betas.map(lambda b: args(b)),
        check=lambda w, call: ensure(
            abs(
                w
                - (
                    0.56 * call.args[0] ** 3
                    - 0.95 * call.args[0] ** 2
                    + 1.82 * call.args[0]
                    + 1.43
                )
            )
            < 0.02  # the paper's cubic fit
        ),
        max_examples=6,
    ),
    "optimal_threshold": Spec(
        func=optimal_threshold,
        bad=refuse_each("Y", bad_matrix_values(), lambda Y: args(Y))
        + refuse_each(
            "sigma",
            [*bad_real_values(optional=True), 0.0, -1.0],
            lambda s: args(np.eye(2), sigma=s),
        ),
        good=st.tuples(scaled_matrices(), _sigmas).map(lambda t: args(t[0], sigma=t[1])),
        check=_check_threshold,
        max_examples=15,
    ),
    "hard_threshold_denoise": Spec(
        func=hard_threshold_denoise,
        bad=refuse_each("Y", bad_matrix_values(), lambda Y: args(Y))
        + refuse_each(
            "sigma",
            [*bad_real_values(optional=True), 0.0, -1.0],
            lambda s: args(np.eye(2), sigma=s),
        ),
        good=st.tuples(scaled_matrices(), _sigmas).map(lambda t: args(t[0], sigma=t[1])),
        check=_check_denoise,
        max_examples=15,
    ),
}
