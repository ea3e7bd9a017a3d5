"""Robustness spec of helpers.completion.nmf."""

import numpy as np
from hypothesis import strategies as st

from helpers.completion import nmf, nmf_error

from .harness import Spec, constant, ensure
from .inputs import (
    SCALES,
    args,
    bad_int_values,
    bad_matrix_values,
    bad_seed_values,
    refuse_each,
)

MODULE = "helpers.completion.nmf"

_X = np.array([[1.0, 2.0], [3.0, 0.0]])


@st.composite
def _nonnegative(draw, max_side=4):
    m, n = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    entries = draw(st.lists(st.integers(0, 9), min_size=m * n, max_size=m * n))
    return draw(st.sampled_from(SCALES)) * np.array(entries, dtype=float).reshape(m, n)


@st.composite
def _fits(draw):
    X = draw(_nonnegative())
    return args(
        X,
        draw(st.integers(1, min(X.shape))),
        method=draw(st.sampled_from(["mu", "hals"])),
        n_iter=draw(st.integers(0, 15)),
        seed=draw(st.integers(0, 3)),
    )


def _c(X) -> float:
    return float(np.max(np.abs(X))) or 1.0


def _check_fit(fit, call):
    X, k = call.args
    ensure(fit.W.shape == (X.shape[0], k) and fit.H.shape == (k, X.shape[1]), "shapes")
    ensure(fit.W.min() >= 0 and fit.H.min() >= 0, "non-negative")
    e = fit.errors / _c(X)
    ensure(e.size == call.kwargs["n_iter"] + 1 and np.all(np.diff(e) <= 1e-9 * X.size), "rose")
    direct = np.linalg.norm(X / _c(X) - (fit.W / np.sqrt(_c(X))) @ (fit.H / np.sqrt(_c(X))))
    ensure(np.isclose(e[-1], direct, rtol=1e-9, atol=1e-12), "the error is ‖X − WH‖")


@st.composite
def _error_args(draw):
    X = draw(_nonnegative())
    k = draw(st.integers(1, 3))
    root = np.sqrt(_c(X))
    W = root * np.abs(
        draw(st.lists(st.integers(0, 3), min_size=X.shape[0] * k, max_size=X.shape[0] * k))
    )
    H = root * np.abs(
        draw(st.lists(st.integers(0, 3), min_size=X.shape[1] * k, max_size=X.shape[1] * k))
    )
    return args(X, W.reshape(-1, k), H.reshape(k, -1))


def _check_error(value, call):
    X, W, H = call.args
    c = _c(X)
    ensure(np.isclose(value / c, np.linalg.norm(X / c - (W / np.sqrt(c)) @ (H / np.sqrt(c)))))


_good_start = (np.ones((2, 1)), np.ones((1, 2)))

SPECS = {
    "NMFResult": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "nmf": Spec(
        func=nmf,
        bad=refuse_each("X", [*bad_matrix_values(), -_X], lambda X: args(X, 1))
        + refuse_each("k", [*bad_int_values(), 3], lambda k: args(_X, k))
        + refuse_each("method", ["MU", "als", None, 1], lambda m: args(_X, 1, method=m))
        + refuse_each("n_iter", bad_int_values(low=0), lambda n: args(_X, 1, n_iter=n))
        + refuse_each("seed", bad_seed_values(), lambda s: args(_X, 1, seed=s))
        + refuse_each(
            "W0",
            [-np.ones((2, 1)), np.ones((3, 1)), np.array([[np.nan], [1.0]]), "abc"],
            lambda W: args(_X, 1, W0=W, H0=np.ones((1, 2))),
        )
        + refuse_each(
            "H0",
            [-np.ones((1, 2)), np.ones((1, 3)), None],
            lambda H: args(_X, 1, W0=np.ones((2, 1)), H0=H),
        ),
        good=_fits(),
        check=_check_fit,
    ),
    "nmf_error": Spec(
        func=nmf_error,
        bad=refuse_each("X", bad_matrix_values(), lambda X: args(X, *_good_start))
        + refuse_each(
            "W", [None, np.ones((3, 1)), np.ones(2)], lambda W: args(_X, W, np.ones((1, 2)))
        )
        + refuse_each(
            "H", [None, np.ones((2, 2)), np.ones((1, 3))], lambda H: args(_X, np.ones((2, 1)), H)
        ),
        good=_error_args(),
        check=_check_error,
    ),
}
