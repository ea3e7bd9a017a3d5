"""Robustness spec of helpers.low_rank."""

import numpy as np
from hypothesis import strategies as st

from helpers import low_rank as lr

from .harness import Spec, ensure
from .inputs import (
    SCALES,
    args,
    bad_int_values,
    bad_matrix_values,
    bad_vector_values,
    refuse_each,
    scaled_matrices,
)

MODULE = "helpers.low_rank"

_sigmas = st.builds(
    lambda v, c: c * np.sort(np.array(v, dtype=float))[::-1],
    st.lists(st.integers(0, 9), min_size=1, max_size=5),
    st.sampled_from(SCALES),
)
_s_bad = [*bad_vector_values(), np.array([1.0, 2.0]), np.array([1.0, -1.0]), np.zeros(0)]


def _c(x):
    return float(np.max(np.abs(x))) or 1.0


def _energy(s):
    e = np.cumsum((s / _c(s)) ** 2)
    return np.ones_like(e) if e[-1] == 0 else e / e[-1]


def _rank_args(A):
    return args(A, min(A.shape))


def _int_triple(f):
    return st.tuples(st.integers(1, 2000), st.integers(1, 2000), st.integers(1, 50)).map(
        lambda t: args(*t)
    )


SPECS = {
    "truncated_svd": Spec(
        func=lr.truncated_svd,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A, 1))
        + refuse_each("k", [*bad_int_values(), 3], lambda k: args(np.eye(2), k)),
        good=scaled_matrices().map(_rank_args),
        check=lambda r, call: ensure(
            np.allclose((r[0] * (r[1] / _c(call.args[0]))) @ r[2], call.args[0] / _c(call.args[0]))
        ),
    ),
    "low_rank_approximation": Spec(
        func=lr.low_rank_approximation,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A, 1))
        + refuse_each("k", [*bad_int_values(), 3], lambda k: args(np.eye(2), k)),
        good=scaled_matrices().filter(lambda A: _c(A) <= 1e300).map(_rank_args),
        check=lambda Ak, call: ensure(
            np.allclose(Ak / _c(call.args[0]), call.args[0] / _c(call.args[0]))
        ),
    ),
    "truncation_error": Spec(
        func=lr.truncation_error,
        bad=refuse_each("s", _s_bad, lambda s: args(s, 0))
        + refuse_each("k", [*bad_int_values(low=0), 5], lambda k: args([2.0, 1.0], k))
        + refuse_each(
            "norm", ["nuc", 1, None, 2.0, np.array(["fro"])], lambda n: args([2.0, 1.0], 1, n)
        ),
        good=_sigmas.map(lambda s: args(s, 0)),
        check=lambda e, call: ensure(
            np.isclose(e / _c(call.args[0]), np.linalg.norm(call.args[0] / _c(call.args[0])))
        ),
    ),
    "cumulative_energy": Spec(
        func=lr.cumulative_energy,
        bad=refuse_each("s", _s_bad, lambda s: args(s)),
        good=_sigmas.map(lambda s: args(s)),
        check=lambda e, call: ensure(np.allclose(e, _energy(call.args[0])) and e[-1] == 1.0),
    ),
    "energy_retained": Spec(
        func=lr.energy_retained,
        bad=refuse_each("s", _s_bad, lambda s: args(s, 1))
        + refuse_each("k", [*bad_int_values(), 3], lambda k: args([2.0, 1.0], k)),
        good=_sigmas.map(lambda s: args(s, 1)),
        check=lambda e, call: ensure(np.isclose(e, _energy(call.args[0])[0])),
    ),
    "rank_for_energy": Spec(
        func=lr.rank_for_energy,
        bad=refuse_each("s", _s_bad, lambda s: args(s, 0.5))
        + refuse_each(
            "fraction",
            [None, "0.9", True, 0.0, 1.5, float("nan"), -0.1],
            lambda f: args([2.0, 1.0], f),
        ),
        good=_sigmas.map(lambda s: args(s, 0.9)),
        check=lambda k, call: ensure(
            _energy(call.args[0])[k - 1] >= 0.9 and (k == 1 or _energy(call.args[0])[k - 2] < 0.9)
        ),
    ),
    "storage": Spec(
        func=lr.storage,
        bad=refuse_each("m", bad_int_values(), lambda m: args(m, 2, 1))
        + refuse_each("n", bad_int_values(), lambda n: args(2, n, 1))
        + refuse_each("k", bad_int_values(), lambda k: args(2, 2, k))
        + refuse_each("channels", bad_int_values(), lambda c: args(2, 2, 1, c)),
        good=_int_triple(lr.storage),
        check=lambda r, call: ensure(r == call.args[2] * (call.args[0] + call.args[1] + 1)),
    ),
    "compression_ratio": Spec(
        func=lr.compression_ratio,
        bad=refuse_each("m", bad_int_values(), lambda m: args(m, 2, 1))
        + refuse_each("k", bad_int_values(), lambda k: args(2, 2, k)),
        good=_int_triple(lr.compression_ratio),
        check=lambda r, call: ensure(
            np.isclose(r, call.args[0] * call.args[1] / lr.storage(*call.args))
        ),
    ),
    "break_even_rank": Spec(
        func=lr.break_even_rank,
        bad=refuse_each("m", bad_int_values(), lambda m: args(m, 2))
        + refuse_each("n", bad_int_values(), lambda n: args(2, n)),
        good=st.tuples(st.integers(1, 3000), st.integers(1, 3000)).map(lambda t: args(*t)),
        check=lambda k, call: ensure(
            k * (sum(call.args) + 1)
            < call.args[0] * call.args[1]
            <= (k + 1) * (sum(call.args) + 1)
        ),
    ),
}
