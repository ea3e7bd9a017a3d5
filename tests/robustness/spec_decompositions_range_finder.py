"""Robustness spec of helpers.decompositions.range_finder."""

import numpy as np
from hypothesis import strategies as st

from helpers.decompositions import range_finder as rf

from .harness import Spec, constant, ensure
from .inputs import (
    args,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    bad_seed_values,
    refuse_each,
    scaled_matrices,
)

MODULE = "helpers.decompositions.range_finder"

_A = np.arange(12.0).reshape(4, 3)
_Q = np.eye(4)[:, :2]


def _estimate_ok(value, call):
    A, Q = call.args
    ensure(value >= 0 and np.isfinite(value))
    c = 2.0 ** np.ceil(np.log2(np.abs(A).max())) if np.abs(A).max() > 0 else 1.0
    residual = A / c - Q @ (Q.T @ (A / c))
    ensure(np.isfinite(np.linalg.norm(residual)))  # the estimate is random: only its scale


def _basis_ok(Q, call):
    A = call.args[0]
    ensure(Q.shape[0] == A.shape[0] and Q.shape[1] <= min(A.shape))
    ensure(np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-8))


SPECS = {
    "ESTIMATE_FACTOR": constant(lambda v: ensure(np.isclose(v, 10 * np.sqrt(2 / np.pi)))),
    "posterior_error_estimate": Spec(
        func=rf.posterior_error_estimate,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A, _Q))
        + refuse_each("Q", [np.ones((4, 2)), np.eye(3)[:, :2]], lambda Q: args(_A, Q))
        + refuse_each("n_probes", bad_int_values(), lambda r: args(_A, _Q, n_probes=r))
        + refuse_each("seed", bad_seed_values(), lambda s: args(_A, _Q, seed=s)),
        good=scaled_matrices(tall=True).map(lambda A: args(A, np.eye(A.shape[0])[:, :1])),
        check=_estimate_ok,
    ),
    "adaptive_range_finder": Spec(
        func=rf.adaptive_range_finder,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A, 1e-3))
        + refuse_each("tol", [*bad_real_values(), 0.0, -1.0], lambda t: args(_A, t))
        + refuse_each("block", bad_int_values(), lambda b: args(_A, 1e-3, block=b))
        + refuse_each("max_rank", [0, 4, 2.5, "2"], lambda k: args(_A, 1e-3, max_rank=k)),
        good=st.builds(
            lambda A, tol: args(A, tol), scaled_matrices(), st.sampled_from([1e-12, 1e-3, 1.0])
        ),
        check=_basis_ok,
    ),
}
