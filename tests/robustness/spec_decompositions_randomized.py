"""Robustness spec of helpers.decompositions.randomized."""

import numpy as np
from hypothesis import strategies as st

from helpers.decompositions import randomized

from .harness import Spec, ensure
from .inputs import (
    args,
    bad_int_values,
    bad_matrix_values,
    bad_seed_values,
    refuse_each,
    scaled_matrices,
)

MODULE = "helpers.decompositions.randomized"


def _with_k(A):
    return args(A, min(A.shape))


SPECS = {
    "randomized_range_finder": Spec(
        func=randomized.randomized_range_finder,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A, 1))
        + refuse_each("size", [*bad_int_values(), 3], lambda k: args(np.eye(2), k))
        + refuse_each("n_iter", bad_int_values(low=0), lambda q: args(np.eye(2), 1, q))
        + refuse_each("seed", bad_seed_values(), lambda s: args(np.eye(2), 1, seed=s)),
        good=scaled_matrices().map(_with_k),
        check=lambda Q, call: ensure(np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-8)),
    ),
    "randomized_svd": Spec(
        func=randomized.randomized_svd,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A, 1))
        + refuse_each("k", [*bad_int_values(), 3], lambda k: args(np.eye(2), k))
        + refuse_each("oversample", bad_int_values(low=0), lambda p: args(np.eye(2), 1, p))
        + refuse_each("n_iter", bad_int_values(low=0), lambda q: args(np.eye(2), 1, 2, q))
        + refuse_each("seed", bad_seed_values(), lambda s: args(np.eye(2), 1, seed=s)),
        good=scaled_matrices().map(_with_k),
        check=lambda r, call: ensure(
            np.allclose(
                r[1] / (np.max(np.abs(call.args[0])) or 1.0),
                np.linalg.svd(
                    call.args[0] / (np.max(np.abs(call.args[0])) or 1.0), compute_uv=False
                ),
                atol=1e-8,
            )
        ),
    ),
    "srft_sample": Spec(
        func=randomized.srft_sample,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A, 1))
        + refuse_each("size", [*bad_int_values(), 3], lambda k: args(np.eye(2), k))
        + refuse_each("seed", bad_seed_values(), lambda s: args(np.eye(2), 1, seed=s)),
        good=scaled_matrices().map(lambda A: args(A, A.shape[1])),
        # with ℓ = n, Ω is orthogonal: AΩ keeps every singular value of A
        check=lambda Y, call: ensure(
            np.allclose(
                np.linalg.svd(Y / (np.max(np.abs(call.args[0])) or 1.0), compute_uv=False),
                np.linalg.svd(
                    call.args[0] / (np.max(np.abs(call.args[0])) or 1.0), compute_uv=False
                ),
                atol=1e-8,
            )
        ),
    ),
    "nystrom_eigh": Spec(
        func=randomized.nystrom_eigh,
        bad=refuse_each(
            "A",
            [*bad_matrix_values(), np.ones((2, 3)), np.triu(np.ones((2, 2)))],
            lambda A: args(A, 1),
        )
        + refuse_each("k", [*bad_int_values(), 3], lambda k: args(np.eye(2), k))
        + refuse_each("oversample", bad_int_values(low=0), lambda p: args(np.eye(2), 1, p))
        + refuse_each("n_iter", bad_int_values(low=0), lambda q: args(np.eye(2), 1, 2, q))
        + refuse_each("seed", bad_seed_values(), lambda s: args(np.eye(2), 1, seed=s)),
        good=scaled_matrices(symmetric=True).map(
            lambda A: args(np.diag(np.abs(np.diag(A))), A.shape[0])
        ),
        check=lambda r, call: ensure(
            np.all(np.isfinite(r[0])) and np.all(r[0] >= 0) and r[1].shape[1] == r[0].size
        ),
    ),
    "single_pass_svd": Spec(
        func=randomized.single_pass_svd,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A, 1))
        + refuse_each("k", [*bad_int_values(), 3], lambda k: args(np.eye(2), k))
        + refuse_each("oversample", bad_int_values(low=0), lambda p: args(np.eye(2), 1, p))
        + refuse_each("block_rows", bad_int_values(), lambda b: args(np.eye(2), 1, 2, b))
        + refuse_each("seed", bad_seed_values(), lambda s: args(np.eye(2), 1, seed=s)),
        good=scaled_matrices().map(_with_k),
        check=lambda r, call: ensure(np.all(np.isfinite(r[1])) and np.all(r[1] >= 0)),
    ),
}
_ = st
