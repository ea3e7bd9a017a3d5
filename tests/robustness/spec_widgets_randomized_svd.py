"""Robustness spec of helpers.widgets.randomized_svd (notebook 08's range-finder explorer)."""

import importlib

import numpy as np
from hypothesis import strategies as st

from .harness import Spec, constant, ensure
from .inputs import args, bad_flag_values, bad_int_values, refuse_each

MODULE = "helpers.widgets.randomized_svd"
rs = importlib.import_module(MODULE)
MODEL = rs.RandomizedSVDModel()

_settings = st.tuples(
    st.sampled_from(sorted(rs.RSVD_SPECTRA)),
    st.integers(*rs.RSVD_LIMITS["k"]),
    st.integers(*rs.RSVD_LIMITS["p"]),
    st.integers(*rs.RSVD_LIMITS["q"]),
    st.booleans(),
)


def _readout(spectrum, k, p, q, reorthonormalize=True):
    return MODEL.readout(spectrum, k, p, q, reorthonormalize)


def _readout_ok(r, call):
    spectrum, k, p, q, reo = call.args
    sigma = MODEL.sigma(spectrum)
    ensure(r["ell"] == k + p and r["sigma_k1"] == sigma[k])
    ensure(r["min_error"] <= r["mean_error"] <= r["max_error"])
    if (reo or q == 0) and k + p < len(sigma):  # Q has ℓ = k + p columns: at least σ_ℓ₊₁
        ensure(r["min_error"] >= sigma[k + p] * (1 - 1e-9), "below σ_ℓ₊₁ (Eckart–Young)")


SPECS = {
    "RSVD_SPECTRA": constant(lambda s: ensure(set(s) == {"fast", "slow"})),
    "RSVD_LIMITS": constant(lambda lim: ensure(lim["k"][0] == 1 and set(lim) == {"k", "p", "q"})),
    "RandomizedSVDModel": Spec(
        func=_readout,
        bad=refuse_each("spectrum", ["medium", None, 3], lambda s: args(s, 5, 5, 0, True))
        + refuse_each("k", [*bad_int_values(), 21], lambda k: args("fast", k, 5, 0, True))
        + refuse_each("p", [-1, 16, 2.5], lambda p: args("fast", 5, p, 0, True))
        + refuse_each("q", [-1, 7, "1"], lambda q: args("fast", 5, 5, q, True))
        + refuse_each("reorthonormalize", bad_flag_values(), lambda r: args("fast", 5, 5, 0, r)),
        good=_settings.map(lambda t: args(*t)),
        check=_readout_ok,
        max_examples=15,
    ),
    "RandomizedSVDWidget": Spec(
        func=lambda **kw: rs.randomized_svd_widget(**kw).static_state(),
        good=_settings.map(lambda t: args(spectrum=t[0], k=t[1], p=t[2], q=t[3])),
        check=lambda state, call: ensure(state["k"] == call.kwargs["k"]),
        max_examples=3,
    ),
    "randomized_svd_widget": Spec(
        func=lambda *a, **kw: rs.randomized_svd_widget(*a, **kw).static_state(),
        bad=refuse_each("spectrum", ["medium"], lambda s: args(s))
        + refuse_each("k", [0, 21, 2.5], lambda k: args("slow", k))
        + refuse_each("reorthonormalize", ["yes", 1], lambda r: args(reorthonormalize=r)),
        good=_settings.map(lambda t: args(*t)),
        check=lambda state, call: ensure(np.isfinite(len(state["matrices"]))),
        max_examples=3,
    ),
}
