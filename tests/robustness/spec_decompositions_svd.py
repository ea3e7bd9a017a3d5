"""Robustness spec of helpers.decompositions.svd."""

import numpy as np
from hypothesis import strategies as st

from helpers.decompositions import svd

from .harness import Spec, ensure
from .inputs import SCALES, args, bad_matrix_values, bad_real_values, refuse_each, scaled_matrices

MODULE = "helpers.decompositions.svd"


def _sigma(A):
    c = float(np.max(np.abs(A))) or 1.0
    return np.linalg.svd(A / c, compute_uv=False), c


def _svd_check(result, call):
    U, s, _Vt = result
    sigma, c = _sigma(call.args[0])
    ensure(np.allclose(s / c, sigma, atol=1e-7), "singular values")
    ensure(np.allclose(U.T @ U, np.eye(U.shape[1]), atol=1e-6), "U orthogonal")


def _cond_check(result, call):
    sigma, _ = _sigma(call.args[0])
    A = call.args[0]
    rank = int(np.sum(sigma > max(A.shape) * np.finfo(float).eps * sigma[0])) if sigma[0] else 0
    if rank < min(A.shape):
        ensure(result == np.inf, "rank-deficient: inf")
    else:
        ensure(np.isclose(result, sigma[0] / sigma[-1], rtol=1e-10), "σ₁/σ_p")


_orthonormal = st.sampled_from([np.eye(3)[:, :1], np.eye(4)[:, :2], np.eye(2), np.zeros((3, 0))])

SPECS = {
    "complete_orthonormal_basis": Spec(
        func=svd.complete_orthonormal_basis,
        bad=refuse_each(
            "Q", [*bad_matrix_values()[:8], np.ones((2, 3)), 2 * np.eye(2)], lambda Q: args(Q)
        ),
        good=_orthonormal.map(lambda Q: args(Q)),
        check=lambda U, call: ensure(
            np.allclose(U.T @ U, np.eye(U.shape[0]))
            and np.allclose(U[:, : call.args[0].shape[1]], call.args[0])
        ),
    ),
    "default_tolerance": Spec(
        func=svd.default_tolerance,
        bad=refuse_each("shape", [(2,), None, (0, 2), (2.5, 2), "ab"], lambda s: args(s, 1.0))
        + refuse_each("sigma_max", [*bad_real_values(), -1.0], lambda x: args((2, 2), x)),
        good=st.sampled_from(SCALES).map(lambda c: args((3, 2), c)),
        check=lambda r, call: ensure(
            np.isclose(r, np.sqrt(3 * np.finfo(float).eps) * call.args[1])
        ),
    ),
    "svd_via_eigh": Spec(
        func=svd.svd_via_eigh,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A))
        + refuse_each("full_matrices", ["no", 1, None], lambda f: args(np.eye(2), f))
        + refuse_each(
            "tol", [*bad_real_values(optional=True), -1.0], lambda t: args(np.eye(2), tol=t)
        ),
        good=scaled_matrices().map(lambda A: args(A)),
        check=lambda r, call: ensure(
            np.allclose(
                r[1] / (np.max(np.abs(call.args[0])) or 1.0), _sigma(call.args[0])[0], atol=1e-7
            )
        ),
    ),
    "numerical_rank": Spec(
        func=svd.numerical_rank,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A))
        + refuse_each(
            "rtol", [*bad_real_values(optional=True), -1.0, 1.0], lambda t: args(np.eye(2), rtol=t)
        ),
        good=scaled_matrices().map(lambda A: args(A)),
        check=lambda r, call: ensure(
            r == np.linalg.matrix_rank(call.args[0] / (np.max(np.abs(call.args[0])) or 1.0))
        ),
    ),
    "condition_number": Spec(
        func=svd.condition_number,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A))
        + refuse_each(
            "rtol", [*bad_real_values(optional=True), -1.0], lambda t: args(np.eye(2), rtol=t)
        ),
        good=scaled_matrices().map(lambda A: args(A)),
        finite=False,
        check=_cond_check,
    ),
    "effective_condition_number": Spec(
        func=svd.effective_condition_number,
        bad=refuse_each("A", [*bad_matrix_values(), np.zeros((2, 2))], lambda A: args(A))
        + refuse_each(
            "rtol", [*bad_real_values(optional=True), -1.0], lambda t: args(np.eye(2), rtol=t)
        ),
        good=scaled_matrices().filter(lambda A: np.any(A)).map(lambda A: args(A)),
        check=lambda r, call: ensure(r >= 1.0 - 1e-12),
    ),
}
