"""Robustness spec of helpers.completion.soft_impute."""

import numpy as np
from hypothesis import strategies as st

from helpers.completion import nuclear_norm, soft_impute, svt

from .harness import Spec, constant, ensure
from .inputs import (
    args,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    refuse_each,
    scaled_matrices,
)
from .spec_completion__checks import FIT_SCALES, bad_observed, observed

MODULE = "helpers.completion.soft_impute"

_eye = np.eye(2)
_ok = np.ones((2, 2), dtype=bool)


def _c(X) -> float:
    return float(np.max(np.abs(X))) or 1.0


def _sigma(X):
    return np.linalg.svd(X / _c(X), compute_uv=False) * _c(X)


def _check_svt(Z, call):
    X, tau = call.args
    ensure(Z.shape == X.shape, "shape")
    expected = np.maximum(_sigma(X) - tau, 0.0)
    scale = _c(X)
    ensure(np.allclose(_sigma(Z) / scale, expected / scale, atol=1e-10), "σ − τ")


@st.composite
def _svt_args(draw):
    X = draw(scaled_matrices())
    return args(X, draw(st.sampled_from([0.0, 0.5, 2.0])) * _c(X))


@st.composite
def _fits(draw):
    R, mask = draw(observed(scales=FIT_SCALES))
    lam = draw(st.sampled_from([0.0, 0.1, 1.0, 100.0])) * _c(np.nan_to_num(R))
    Z0 = draw(st.sampled_from([None, "zeros", "ones"]))
    Z0 = None if Z0 is None else (np.zeros(R.shape) if Z0 == "zeros" else np.ones(R.shape))
    return args(R, mask, lam, max_iter=draw(st.integers(1, 20)), Z0=Z0)


def _check_fit(fit, call):
    R = call.args[0]
    ensure(fit.Z.shape == R.shape and fit.rank <= min(R.shape), "shape")
    obj = fit.objective
    size = 0.5 * _c(np.nan_to_num(R)) ** 2 * R.size  # the objective's scale (rounding)
    ensure(np.all(np.diff(obj) <= 1e-9 * max(size, 1e-300)), "the objective rose")
    ensure(np.allclose(fit.singular_values, _sigma(fit.Z)[: fit.rank], rtol=1e-8), "σ of Z")


SPECS = {
    "SoftImputeResult": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "nuclear_norm": Spec(
        func=nuclear_norm,
        bad=refuse_each("X", bad_matrix_values(), lambda X: args(X)),
        good=scaled_matrices().map(lambda X: args(X)),
        check=lambda v, call: ensure(
            np.isclose(v / _c(call.args[0]), np.sum(_sigma(call.args[0])) / _c(call.args[0]))
        ),
    ),
    "svt": Spec(
        func=svt,
        bad=refuse_each("X", bad_matrix_values(), lambda X: args(X, 1.0))
        + refuse_each("tau", [*bad_real_values(), -1.0], lambda t: args(_eye, t)),
        good=_svt_args(),
        check=_check_svt,
    ),
    "soft_impute": Spec(
        func=soft_impute,
        bad=bad_observed(lambda R, M: args(R, M, 1.0))
        + refuse_each("lam", [*bad_real_values(), -1.0], lambda v: args(_eye, _ok, v))
        + refuse_each("max_iter", bad_int_values(), lambda k: args(_eye, _ok, 1.0, max_iter=k))
        + refuse_each("tol", [*bad_real_values(), -1.0], lambda t: args(_eye, _ok, 1.0, tol=t))
        + refuse_each(
            "Z0",
            ["abc", np.ones((3, 2)), np.ones(4), np.array([[np.nan, 0.0], [0.0, 0.0]])],
            lambda Z: args(_eye, _ok, 1.0, Z0=Z),
        ),
        good=_fits(),
        check=_check_fit,
    ),
}
