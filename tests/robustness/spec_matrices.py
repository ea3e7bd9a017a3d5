"""Robustness spec of helpers.matrices."""

import numpy as np
from hypothesis import strategies as st

from helpers import matrices

from .harness import Spec, ensure
from .inputs import SCALES, args, bad_int_values, bad_seed_values, bad_vector_values, refuse_each

MODULE = "helpers.matrices"

_n = st.integers(1, 6)


def _random(func):
    return Spec(
        func=func,
        bad=refuse_each("n", bad_int_values(), lambda n: args(n))
        + refuse_each("seed", bad_seed_values(), lambda s: args(2, s)),
        good=st.tuples(_n, st.integers(0, 2**32)).map(lambda t: args(*t)),
        check=lambda M, call: ensure(M.shape == (call.args[0],) * 2),
    )


SPECS = {
    "hilbert": Spec(
        func=matrices.hilbert,
        bad=refuse_each("n", bad_int_values(), lambda n: args(n)),
        good=_n.map(lambda n: args(n)),
        check=lambda H, call: ensure(H[0, 0] == 1.0 and np.allclose(H, H.T)),
    ),
    "random_orthogonal": _random(matrices.random_orthogonal),
    "random_symmetric": _random(matrices.random_symmetric),
    "with_singular_values": Spec(
        func=matrices.with_singular_values,
        bad=refuse_each(
            "s", [*bad_vector_values(), np.array([-1.0]), np.ones(3)], lambda s: args(s, 2, 2)
        )
        + refuse_each("m", bad_int_values(), lambda m: args([1.0], m, 2))
        + refuse_each("seed", bad_seed_values(), lambda x: args([1.0], 2, 2, x)),
        good=st.tuples(
            st.lists(st.integers(0, 9), min_size=1, max_size=3), st.sampled_from(SCALES[:5])
        ).map(lambda t: args(t[1] * np.array(sorted(t[0], reverse=True), dtype=float), 4, 3)),
        check=lambda A, call: ensure(
            np.allclose(
                np.linalg.svd(A / (np.max(call.args[0]) or 1.0), compute_uv=False)[
                    : len(call.args[0])
                ],
                call.args[0] / (np.max(call.args[0]) or 1.0),
            )
        ),
    ),
}
