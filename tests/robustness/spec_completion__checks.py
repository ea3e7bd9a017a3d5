"""Robustness spec of helpers.completion._checks (the guards every completion helper calls).

It also holds the strategies the other ``spec_completion_*.py`` files share: a
small partly observed matrix (NaN off the mask, every row and column observed)
at the scales of :data:`inputs.SCALES`.
"""

import numpy as np
from hypothesis import strategies as st

from helpers.completion import _checks

from .harness import Spec, constant, ensure
from .inputs import SCALES, args, bad_real_values, refuse_each

MODULE = "helpers.completion._checks"

#: Observed entries beyond this are refused by the model fits (their squares overflow).
LARGEST = _checks.LARGEST


@st.composite
def observed(draw, min_side=1, max_side=4, scales=SCALES, low=-9, high=9):
    """``(R, mask)``: integer entries times a scale, NaN off the mask, no empty row or column."""
    m = draw(st.integers(min_side, max_side))
    n = draw(st.integers(min_side, max_side))
    entries = np.array(
        draw(st.lists(st.integers(low, high), min_size=m * n, max_size=m * n)), dtype=float
    ).reshape(m, n)
    mask = np.array(
        draw(st.lists(st.booleans(), min_size=m * n, max_size=m * n)), dtype=bool
    ).reshape(m, n)
    for k in range(max(m, n)):  # a "diagonal" that meets every row and every column
        mask[k % m, k % n] = True
    R = draw(st.sampled_from(scales)) * entries
    R[~mask] = np.nan
    return R, mask


#: Scales whose squares stay in range: what a model fit accepts.
FIT_SCALES = tuple(s for s in SCALES if 9 * s <= LARGEST)


def bad_observed(make, *, every_line=True, bounded=True):
    """The bad (R, mask) pairs every completion helper must refuse; ``make(R, mask)`` → Args."""
    eye = np.eye(2)
    ok = np.ones((2, 2), dtype=bool)
    R_bad = [
        None,
        "abc",
        [[1.0, 2.0], [3.0]],
        np.array([[1 + 2j, 0.0], [0.0, 1.0]]),
        np.ones(3),
        np.ones((2, 2, 2)),
        np.zeros((0, 2)),
        np.array([["a", "b"], ["c", "d"]]),
        {"a": 1},
        np.array([[np.nan, 0.0], [0.0, 1.0]]),  # NaN where the mask says observed
        np.array([[np.inf, 0.0], [0.0, 1.0]]),
    ]
    if bounded:
        R_bad.append(np.array([[1e200, 0.0], [0.0, 1.0]]))  # its square overflows
    mask_bad = [
        None,
        "abc",
        np.ones((2, 3), dtype=bool),  # the wrong shape
        np.ones((3, 2), dtype=bool),
        np.ones(4, dtype=bool),
        np.array([[0.5, 1.0], [1.0, 1.0]]),  # not 0/1
        np.array([["a", "b"], ["c", "d"]]),
        np.zeros((2, 2), dtype=bool),  # nothing observed
    ]
    if every_line:
        mask_bad += [np.array([[True, True], [False, False]]), np.array([[True, False]] * 2)]
    return refuse_each("R", R_bad, lambda R: make(R, ok)) + refuse_each(
        "mask", mask_bad, lambda M: make(eye, M)
    )


def _check_observed(result, call):
    R0, M = result
    R, mask = call.args[0], call.args[1]
    ensure(R0 is not R and M is not mask, "a new array")
    ensure(np.array_equal(M, np.asarray(mask, dtype=bool)))
    ensure(np.array_equal(R0[M], np.asarray(R, dtype=float)[M]) and np.all(R0[~M] == 0))


SPECS = {
    "LARGEST": constant(lambda v: ensure(1e100 <= v <= 1e154)),
    "as_observed": Spec(
        func=_checks.as_observed,
        bad=bad_observed(lambda R, M: args(R, M)),
        good=observed().map(lambda t: args(*t, bounded=False)),
        check=_check_observed,
    ),
    "as_mask": Spec(
        func=_checks.as_mask,
        bad=refuse_each(
            "mask",
            [None, "ab", np.ones(3, dtype=bool), np.array([[2, 0]]), np.array([[1j, 0]]), {1: 2}],
            lambda M: args(M),
        )
        + refuse_each("mask", [(2, 3), (4,)], lambda shape: args(np.ones((2, 2), bool), shape)),
        good=observed().map(lambda t: args(t[1].astype(int), t[1].shape)),
        check=lambda M, call: ensure(
            M.dtype == bool and np.array_equal(M, call.args[0].astype(bool))
        ),
    ),
    "as_lambda": Spec(
        func=_checks.as_lambda,
        bad=refuse_each("lam", [*bad_real_values(), -1.0, -1e-300], lambda v: args(v)),
        good=st.sampled_from([0.0, 1e-300, 0.5, 1e300]).map(lambda v: args(v)),
        check=lambda v, call: ensure(v == call.args[0]),
    ),
    "describe_indices": Spec(
        func=_checks.describe_indices,
        good=st.lists(st.integers(0, 99), min_size=1, max_size=6).map(lambda v: args(v, "row")),
        check=lambda text, call: ensure(text.startswith("row") and str(call.args[0][0]) in text),
    ),
}
