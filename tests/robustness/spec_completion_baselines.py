"""Robustness spec of helpers.completion.baselines."""

import numpy as np
from hypothesis import strategies as st

from helpers.completion import fit_biases, rmse

from .harness import Spec, constant, ensure
from .inputs import SCALES, args, bad_int_values, bad_real_values, refuse_each
from .spec_completion__checks import FIT_SCALES, bad_observed, observed

MODULE = "helpers.completion.baselines"

_eye = np.eye(2)
_ok = np.ones((2, 2), dtype=bool)


@st.composite
def _scored(draw):
    R, mask = draw(observed(scales=SCALES))  # any finite scale: the RMSE is computed scaled
    shift = draw(st.sampled_from([0.0, 1.0, -3.0]))
    return args(R, mask, np.where(mask, R, 0.0) * (1 + shift) + shift)


def _check_rmse(value, call):
    R, mask, P = call.args
    d = (P - np.nan_to_num(R))[mask]
    c = float(np.max(np.abs(d))) or 1.0
    ensure(np.isclose(value, c * np.sqrt(np.mean((d / c) ** 2)), rtol=1e-12), "rmse")


def _check_biases(fit, call):
    R, mask = call.args[:2]
    m, n = R.shape
    ensure(fit.b_user.shape == (m,) and fit.b_item.shape == (n,), "shapes")
    ensure(np.isfinite(fit.predict()).all())
    if call.kwargs["n_iter"] == 0:
        ensure(np.isclose(fit.mu, R[mask].mean(), rtol=1e-12), "μ is the mean")


SPECS = {
    "Biases": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "rmse": Spec(
        func=rmse,
        bad=bad_observed(
            lambda R, M: args(R, M, np.zeros((2, 2))), every_line=False, bounded=False
        )
        + refuse_each(
            "prediction",
            [None, "x", np.zeros((2, 3)), np.ones(4), np.array([[np.nan, 0.0], [0.0, 0.0]])],
            lambda P: args(_eye, _ok, P),
        ),
        good=_scored(),
        check=_check_rmse,
    ),
    "fit_biases": Spec(
        func=fit_biases,
        bad=bad_observed(lambda R, M: args(R, M))
        + refuse_each("lam", [*bad_real_values(), -1.0], lambda v: args(_eye, _ok, v))
        + refuse_each("n_iter", bad_int_values(low=0), lambda k: args(_eye, _ok, n_iter=k)),
        good=st.tuples(
            observed(scales=FIT_SCALES),
            st.sampled_from([0.0, 1.0, 10.0]),
            st.sampled_from([0, 1, 5]),
        ).map(lambda t: args(*t[0], t[1], n_iter=t[2])),
        check=_check_biases,
    ),
}
