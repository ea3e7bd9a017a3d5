"""Robustness spec of helpers.decompositions.givens."""

import numpy as np
from hypothesis import strategies as st

from helpers.decompositions import givens

from .harness import Spec, ensure
from .inputs import args, bad_matrix_values, bad_real_values, refuse_each, scaled_matrices

MODULE = "helpers.decompositions.givens"


def _qr_ok(result, call):
    Q, R = result
    A = call.args[0]
    c = float(np.max(np.abs(A))) or 1.0
    ensure(np.allclose(Q @ (R / c), A / c, atol=1e-12), "A = QR")
    ensure(np.allclose(Q.T @ Q, np.eye(A.shape[0]), atol=1e-12), "QᵀQ = I")
    ensure(np.all(np.tril(R, -1) == 0), "R upper triangular")


def _rot_ok(result, call):
    c, s, r = result
    a, b = call.args
    scale = max(abs(a), abs(b)) or 1.0
    ensure(np.isclose(c * c + s * s, 1.0) and r >= 0)
    ensure(np.isclose(c * (a / scale) + s * (b / scale), r / scale) or r == 0)


_floats = st.floats(-1e300, 1e300, allow_nan=False)

SPECS = {
    "givens_rotation": Spec(
        func=givens.givens_rotation,
        bad=refuse_each("a", bad_real_values(), lambda v: args(v, 1.0))
        + refuse_each("b", bad_real_values(), lambda v: args(1.0, v)),
        good=st.builds(lambda a, b: args(a, b), _floats, _floats),
        check=_rot_ok,
    ),
    "givens_qr": Spec(
        func=givens.givens_qr,
        bad=refuse_each("A", bad_matrix_values(), lambda A: args(A)),
        good=scaled_matrices().map(lambda A: args(A)),
        check=_qr_ok,
    ),
}
