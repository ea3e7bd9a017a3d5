"""Robustness spec of helpers.decompositions.qr."""

import numpy as np
from hypothesis import strategies as st

from helpers.decompositions import qr

from .harness import Spec, ensure
from .inputs import (
    args,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    bad_vector_values,
    refuse_each,
    scaled_matrices,
    scaled_vectors,
)

MODULE = "helpers.decompositions.qr"


def _is_qr(result, call):
    Q, R = result
    A = np.asarray(call.args[0], dtype=float)
    c = float(np.max(np.abs(A))) or 1.0
    ensure(np.allclose(Q @ (R / c), A / c, atol=1e-12), "QR ≠ A")
    ensure(np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-8), "Q not orthonormal")
    ensure(np.allclose(R, np.triu(R)) and np.all(np.diag(R) >= 0), "R not upper with diag ≥ 0")


def _gram_schmidt(func):
    return Spec(
        func=func,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A))
        + refuse_each("A", [np.ones((2, 3))], lambda A: args(A))
        + refuse_each(
            "rtol", [*bad_real_values(optional=True), -1.0, 1.0], lambda t: args(np.eye(2), rtol=t)
        ),
        good=scaled_matrices(tall=True).map(lambda A: args(A)),
        check=_is_qr,
        refusal_names=("rank-deficient",),
    )


SPECS = {
    "classical_gram_schmidt": _gram_schmidt(qr.classical_gram_schmidt),
    "modified_gram_schmidt": _gram_schmidt(qr.modified_gram_schmidt),
    "cgs2": _gram_schmidt(qr.cgs2),
    "householder_qr": Spec(
        func=qr.householder_qr,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A))
        + refuse_each(
            "mode",
            ["full", None, ["reduced"], np.array(["reduced"])],
            lambda m: args(np.eye(2), m),
        ),
        good=scaled_matrices().map(lambda A: args(A)),
        check=_is_qr,
    ),
    "householder_vector": Spec(
        func=qr.householder_vector,
        bad=refuse_each("x", [*bad_vector_values(), np.zeros(3), np.zeros(0)], lambda x: args(x)),
        good=scaled_vectors().filter(lambda x: np.any(x)).map(lambda x: args(x)),
        check=lambda v, call: ensure(
            np.isclose(np.linalg.norm(v), 1.0)
            and np.allclose(
                (
                    (np.eye(v.size) - 2 * np.outer(v, v))
                    @ (call.args[0] / np.max(np.abs(call.args[0])))
                )[1:],
                0.0,
                atol=1e-12,
            )
        ),
    ),
    "orthogonality_loss": Spec(
        func=qr.orthogonality_loss,
        bad=refuse_each("Q", bad_matrix_values(), lambda Q: args(Q))
        + refuse_each("ord", [1, "nuc", None, 2.5, np.array([2])], lambda o: args(np.eye(2), o)),
        good=st.integers(1, 5).map(lambda n: args(np.eye(n + 1)[:, :n])),
        check=lambda r, call: ensure(r == 0.0),
    ),
    "qr_flops": Spec(
        func=qr.qr_flops,
        bad=refuse_each("m", bad_int_values(), lambda m: args(m, 1, "mgs"))
        + refuse_each("n", bad_int_values(), lambda n: args(3, n, "mgs"))
        + refuse_each("method", ["qr", None, 3], lambda t: args(3, 2, t))
        + refuse_each("m ≥ n", [5], lambda n: args(3, n, "mgs")),
        good=st.tuples(st.integers(1, 50), st.integers(1, 50)).map(
            lambda mn: args(max(mn), min(mn), "cgs")
        ),
        check=lambda r, call: ensure(type(r) is int and r > 0),
    ),
    "condition_number_exact": Spec(
        func=qr.condition_number_exact,
        bad=refuse_each("A", [*bad_matrix_values(), np.ones((2, 3))], lambda A: args(A)),
        good=scaled_matrices(max_side=3, square=True).map(lambda A: args(A)),
        finite=False,
        check=lambda r, call: ensure(
            r == np.inf
            if np.linalg.matrix_rank(call.args[0] / (np.max(np.abs(call.args[0])) or 1))
            < call.args[0].shape[0]
            else r >= 1.0 - 1e-12
        ),
    ),
    "hilbert_condition_exact": Spec(
        func=qr.hilbert_condition_exact,
        bad=refuse_each("n", bad_int_values(), lambda n: args(n)),
        good=st.integers(1, 8).map(lambda n: args(n)),
        check=lambda r, call: ensure(r >= 1.0),
    ),
    "hilbert_inverse_exact": Spec(
        func=qr.hilbert_inverse_exact,
        bad=refuse_each("n", bad_int_values(), lambda n: args(n)),
        good=st.integers(1, 6).map(lambda n: args(n)),
        check=lambda r, call: ensure(
            np.allclose(
                np.array(r, dtype=float)
                @ (1.0 / (np.arange(call.args[0])[:, None] + np.arange(call.args[0]) + 1)),
                np.eye(call.args[0]),
                atol=1e-6,
            )
        ),
    ),
}
