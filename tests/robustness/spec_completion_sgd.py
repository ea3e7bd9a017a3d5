"""Robustness spec of helpers.completion.sgd."""

import numpy as np
from hypothesis import strategies as st

from helpers.completion import funk_sgd

from .harness import Spec, constant, ensure
from .inputs import (
    args,
    bad_flag_values,
    bad_int_values,
    bad_real_values,
    bad_seed_values,
    refuse_each,
)
from .spec_completion__checks import FIT_SCALES, bad_observed, observed

MODULE = "helpers.completion.sgd"

_eye = np.eye(2)
_ok = np.ones((2, 2), dtype=bool)


@st.composite
def _fits(draw):
    R, mask = draw(observed(scales=FIT_SCALES))
    return args(
        R,
        mask,
        draw(st.integers(1, min(R.shape))),
        lr=draw(st.sampled_from([0.005, 0.05, 5.0])),  # 5.0 diverges: a clear refusal
        lam=draw(st.sampled_from([0.0, 0.02])),
        n_epochs=draw(st.integers(0, 3)),
        biases=draw(st.booleans()),
        batch_size=draw(st.sampled_from([1, 2, 64])),
        seed=draw(st.integers(0, 3)),
    )


def _check_fit(fit, call):
    R, _, rank = call.args
    m, n = R.shape
    ensure(fit.P.shape == (m, rank) and fit.Q.shape == (n, rank), "shapes")
    ensure(fit.train_rmse.shape == (call.kwargs["n_epochs"],), "one RMSE per epoch")
    ensure(call.kwargs["biases"] or (fit.mu == 0 and not fit.b_user.any()), "no biases")


SPECS = {
    "FunkSVD": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "funk_sgd": Spec(
        func=funk_sgd,
        bad=bad_observed(lambda R, M: args(R, M, 1))
        + refuse_each("rank", [*bad_int_values(), 3], lambda r: args(_eye, _ok, r))
        + refuse_each("lr", [*bad_real_values(), 0.0, -0.1], lambda v: args(_eye, _ok, 1, lr=v))
        + refuse_each("lam", [*bad_real_values(), -1.0], lambda v: args(_eye, _ok, 1, lam=v))
        + refuse_each("n_epochs", bad_int_values(low=0), lambda k: args(_eye, _ok, 1, n_epochs=k))
        + refuse_each(
            "init_std", [*bad_real_values(), -0.1], lambda v: args(_eye, _ok, 1, init_std=v)
        )
        + refuse_each("biases", bad_flag_values(), lambda b: args(_eye, _ok, 1, biases=b))
        + refuse_each("batch_size", bad_int_values(), lambda b: args(_eye, _ok, 1, batch_size=b))
        + refuse_each("seed", bad_seed_values(), lambda s: args(_eye, _ok, 1, seed=s))
        # a step far too long: the factors overflow, and the message says which knob to turn
        + refuse_each(
            "lr", [1e3], lambda v: args(np.full((2, 2), 1e3), _ok, 2, lr=v, n_epochs=50)
        ),
        good=_fits(),
        check=_check_fit,
        refusal_names=("lr",),
    ),
}
