"""Robustness spec of helpers.completion.als."""

import numpy as np
from hypothesis import strategies as st

from helpers.completion import als, completion_loss

from .harness import Spec, constant, ensure
from .inputs import args, bad_int_values, bad_real_values, bad_seed_values, refuse_each
from .spec_completion__checks import FIT_SCALES, bad_observed, observed

MODULE = "helpers.completion.als"

_eye = np.eye(2)
_ok = np.ones((2, 2), dtype=bool)


@st.composite
def _fits(draw):
    R, mask = draw(observed(scales=FIT_SCALES))
    rank = draw(st.integers(1, min(R.shape)))
    lam = draw(st.sampled_from([0.0, 1e-3, 1.0]))
    init = draw(st.sampled_from(["svd", "random"]))
    return args(R, mask, rank, lam, n_iter=3, init=init, seed=draw(st.integers(0, 3)))


def _monotone(loss) -> bool:
    return bool(np.all(np.diff(loss) <= 1e-8 * max(float(loss[0]), 1e-300)))


def _check_als(fit, call):
    R, mask, rank, lam = call.args
    m, n = R.shape
    ensure(fit.U.shape == (m, rank) and fit.V.shape == (n, rank), "shapes")
    ensure(len(fit.loss) == 1 + 2 * call.kwargs["n_iter"] and _monotone(fit.loss), "loss rose")
    again = completion_loss(R, mask, fit.U, fit.V, lam)
    ensure(np.isclose(again, fit.loss[-1], rtol=1e-9, atol=1e-300), "loss")


@st.composite
def _losses(draw):
    R, mask = draw(observed(scales=FIT_SCALES))
    r = draw(st.integers(1, 3))
    U = np.array(
        draw(st.lists(st.integers(-3, 3), min_size=R.shape[0] * r, max_size=R.shape[0] * r)),
        dtype=float,
    ).reshape(-1, r)
    V = np.array(
        draw(st.lists(st.integers(-3, 3), min_size=R.shape[1] * r, max_size=R.shape[1] * r)),
        dtype=float,
    ).reshape(-1, r)
    return args(R, mask, U, V, draw(st.sampled_from([0.0, 0.5])))


def _check_loss(value, call):
    R, mask, U, V, lam = call.args
    residual = np.where(mask, np.nan_to_num(R) - U @ V.T, 0.0)
    c = float(np.max(np.abs(residual))) or 1.0
    expected = c * c * np.sum((residual / c) ** 2) + lam * (np.sum(U**2) + np.sum(V**2))
    ensure(np.isclose(value, expected, rtol=1e-12, atol=1e-300))


_init_bad = [
    "qr",
    None,
    3,
    (np.ones((2, 1)),),
    (np.ones((3, 1)), np.ones((2, 1))),
    (np.ones((2, 1)), np.ones((3, 1))),
    (np.ones((2, 2)), np.ones((2, 2))),  # rank 1 asked: two columns
    (np.array([[np.nan], [1.0]]), np.ones((2, 1))),
]

SPECS = {
    "Factorization": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "als": Spec(
        func=als,
        bad=bad_observed(lambda R, M: args(R, M, 1, 0.1))
        + refuse_each("rank", [*bad_int_values(), 3], lambda r: args(_eye, _ok, r, 0.1))
        + refuse_each("lam", [*bad_real_values(), -1.0], lambda v: args(_eye, _ok, 1, v))
        + refuse_each("n_iter", bad_int_values(low=0), lambda k: args(_eye, _ok, 1, 0.1, n_iter=k))
        + refuse_each("tol", [*bad_real_values(), -1.0], lambda t: args(_eye, _ok, 1, 0.1, tol=t))
        + refuse_each("init", _init_bad, lambda i: args(_eye, _ok, 1, 0.1, init=i))
        + refuse_each(
            "seed", bad_seed_values(), lambda s: args(_eye, _ok, 1, 0.1, init="random", seed=s)
        )
        + refuse_each(
            "mask", [np.array([[True, False], [False, False]])], lambda M: args(_eye, M, 1, 0.1)
        ),
        good=_fits(),
        check=_check_als,
    ),
    "completion_loss": Spec(
        func=completion_loss,
        bad=bad_observed(
            lambda R, M: args(R, M, np.ones((2, 1)), np.ones((2, 1)), 0.1), every_line=False
        )
        + refuse_each(
            "U",
            [None, np.ones((3, 1)), np.ones(2), np.array([[np.inf], [1.0]])],
            lambda U: args(_eye, _ok, U, np.ones((2, 1)), 0.1),
        )
        + refuse_each(
            "V",
            [None, np.ones((3, 1)), np.ones((2, 2)), np.array([["a"], ["b"]])],
            lambda V: args(_eye, _ok, np.ones((2, 1)), V, 0.1),
        )
        + refuse_each(
            "lam",
            [*bad_real_values(), -0.5],
            lambda v: args(_eye, _ok, np.ones((2, 1)), np.ones((2, 1)), v),
        ),
        good=_losses(),
        check=_check_loss,
    ),
}
