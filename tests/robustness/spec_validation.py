"""Robustness spec of helpers.validation: the guards themselves."""

import numpy as np
from hypothesis import strategies as st

from helpers import validation as v

from .harness import Spec, ensure
from .inputs import (
    args,
    bad_flag_values,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    bad_seed_values,
    bad_vector_values,
    refuse_each,
    scaled_matrices,
    scaled_vectors,
)

MODULE = "helpers.validation"


def _same_values(result, call):
    assert np.array_equal(result, np.asarray(call.args[0], dtype=float))


def _power_of_two(result, call):
    m = float(np.max(np.abs(call.args[0]))) if np.size(call.args[0]) else 0.0
    assert np.frexp(result)[0] == 0.5
    assert m == 0.0 or 0.5 <= m / result < 2.0


SPECS = {
    "as_matrix": Spec(
        func=v.as_matrix,
        bad=refuse_each("M", bad_matrix_values(), lambda x: args(x, "M"))
        + refuse_each(
            "M", [np.array([[1.0, 2.0], [0.0, 1.0]])], lambda x: args(x, "M", symmetric=True)
        ),
        good=scaled_matrices().map(lambda A: args(A, "M")),
        check=_same_values,
    ),
    "as_vector": Spec(
        func=v.as_vector,
        bad=refuse_each("x", bad_vector_values(), lambda x: args(x, "x"))
        + refuse_each("x", [np.ones(3)], lambda x: args(x, "x", size=2)),
        good=scaled_vectors().map(lambda x: args(x, "x")),
        check=_same_values,
    ),
    "as_rank": Spec(
        func=v.as_rank,
        bad=refuse_each("k", bad_int_values(), lambda k: args(k, "k", high=5))
        + refuse_each("k", [6], lambda k: args(k, "k", high=5)),
        good=st.integers(1, 5).map(lambda k: args(k, "k", high=5)),
        check=lambda result, call: ensure(result == call.args[0] and type(result) is int),
    ),
    "as_flag": Spec(
        func=v.as_flag,
        bad=refuse_each("verbose", bad_flag_values(), lambda f: args(f, "verbose")),
        good=st.sampled_from([True, False, np.True_, np.False_]).map(lambda f: args(f, "verbose")),
        check=lambda result, call: ensure(result is bool(call.args[0])),
    ),
    "as_real": Spec(
        func=v.as_real,
        bad=refuse_each("tol", bad_real_values(), lambda x: args(x, "tol", low=0.0))
        + refuse_each("tol", [-1e-300], lambda x: args(x, "tol", low=0.0)),
        good=st.floats(0.0, 1e300).map(lambda x: args(x, "tol", low=0.0)),
        check=lambda result, call: ensure(result == call.args[0]),
    ),
    "as_generator": Spec(
        func=v.as_generator,
        bad=refuse_each("seed", bad_seed_values(), lambda s: args(s, "seed")),
        good=st.integers(0, 2**64).map(lambda s: args(s)),
        check=lambda result, call: ensure(isinstance(result, np.random.Generator)),
    ),
    "check_symmetric": Spec(
        func=v.check_symmetric,
        bad=refuse_each(
            "S",
            [s * np.array([[1.0, 2.0], [0.0, 1.0]]) for s in (1.0, 1e200, 1e-170, 1e300)]
            + [np.ones((2, 3))],
            lambda x: args(x, "S"),
        ),
        good=scaled_matrices(symmetric=True).map(lambda A: args(A, "S")),
        check=lambda result, call: ensure(result is None),
    ),
    "scale_factor": Spec(
        func=v.scale_factor,
        good=scaled_matrices().map(lambda A: args(A)),
        check=_power_of_two,
    ),
}
