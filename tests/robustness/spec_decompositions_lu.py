"""Robustness spec of helpers.decompositions.lu."""

import numpy as np
from hypothesis import strategies as st

from helpers.decompositions import lu

from .harness import Spec, ensure
from .inputs import (
    args,
    bad_flag_values,
    bad_int_values,
    bad_matrix_values,
    bad_vector_values,
    refuse_each,
    scaled_matrices,
)

MODULE = "helpers.decompositions.lu"

_A_bad = refuse_each("A", bad_matrix_values(), lambda A: args(A))
_SQ_bad = refuse_each("A", [*bad_matrix_values(), np.ones((2, 3))], lambda A: args(A))
_P, _L, _U = lu.lu_partial_pivot([[1.0, 2.0], [3.0, 4.0]])


def _c(A):
    return float(np.max(np.abs(A))) or 1.0


def _plu_check(result, call):
    P, L, U = result
    A = call.args[0]
    ensure(np.allclose(P @ (A / _c(A)), L @ (U / _c(A)), atol=1e-12), "PA = LU")
    ensure(np.all(np.abs(L) <= 1.0 + 1e-12), "|l| ≤ 1")


def _nonsingular(A):
    return np.linalg.matrix_rank(A / _c(A)) == A.shape[0]


_square = scaled_matrices(square=True)

SPECS = {
    "lu_partial_pivot": Spec(
        func=lu.lu_partial_pivot,
        bad=_A_bad,
        good=scaled_matrices().map(lambda A: args(A)),
        check=_plu_check,
    ),
    "lu_no_pivot": Spec(
        func=lu.lu_no_pivot,
        bad=_A_bad + refuse_each("A", [np.array([[0.0, 1.0], [1.0, 0.0]])], lambda A: args(A)),
        good=scaled_matrices().map(lambda A: args(A)),
        finite=False,  # huge multipliers can overflow: that is what the notebook shows
        check=lambda r, call: None,
        refusal_names=("zero pivot",),
    ),
    "growth_factor": Spec(
        func=lu.growth_factor,
        bad=_A_bad
        + refuse_each("A", [np.zeros((2, 2))], lambda A: args(A))
        + refuse_each("pivoting", bad_flag_values(), lambda f: args(np.eye(2), f)),
        good=scaled_matrices().filter(lambda A: np.any(A)).map(lambda A: args(A)),
        check=lambda r, call: ensure(1.0 <= r <= 2.0 ** (min(call.args[0].shape) - 1) + 1e-9),
    ),
    "max_growth_matrix": Spec(
        func=lu.max_growth_matrix,
        bad=refuse_each("n", bad_int_values(), lambda n: args(n)),
        good=st.integers(1, 12).map(lambda n: args(n)),
        check=lambda W, call: ensure(lu.growth_factor(W) == 2.0 ** (call.args[0] - 1)),
    ),
    "forward_substitution": Spec(
        func=lu.forward_substitution,
        bad=refuse_each(
            "L",
            [*bad_matrix_values(), np.ones((2, 2)), np.zeros((2, 2))],
            lambda L: args(L, [1.0, 2.0]),
        )
        + refuse_each("b", [*bad_vector_values()[:5], np.ones(3)], lambda b: args(np.eye(2), b))
        + refuse_each(
            "unit_diagonal",
            bad_flag_values(),
            lambda f: args(np.eye(2), [1.0, 2.0], unit_diagonal=f),
        ),
        good=_square.filter(_nonsingular).map(
            lambda A: args(
                np.tril(A) + np.diag(np.where(np.diag(A) == 0, _c(A), 0.0)), np.ones(len(A))
            )
        ),
        check=lambda x, call: ensure(np.allclose(call.args[0] @ x, call.args[1])),
    ),
    "back_substitution": Spec(
        func=lu.back_substitution,
        bad=refuse_each(
            "U",
            [*bad_matrix_values(), np.ones((2, 2)), np.zeros((2, 2))],
            lambda U: args(U, [1.0, 2.0]),
        )
        + refuse_each("b", [*bad_vector_values()[:5], np.ones(3)], lambda b: args(np.eye(2), b)),
        good=_square.map(
            lambda A: args(
                np.triu(A) + np.diag(np.where(np.diag(A) == 0, _c(A), 0.0)), np.ones(len(A))
            )
        ),
        finite=False,  # an ill-conditioned U may overflow x: x is then as large as it is
        check=lambda x, call: None,
    ),
    "lu_solve": Spec(
        func=lu.lu_solve,
        bad=refuse_each(
            "P", [2 * _P, np.ones((2, 2)), None], lambda P: args(P, _L, _U, [1.0, 2.0])
        )
        + refuse_each(
            "L", [_L + np.eye(2), _L.T + np.eye(2), None], lambda L: args(_P, L, _U, [1.0, 2.0])
        )
        + refuse_each("U", [_U.T, np.zeros((2, 2)), None], lambda U: args(_P, _L, U, [1.0, 2.0]))
        + refuse_each("b", [*bad_vector_values()[:5], np.ones(3)], lambda b: args(_P, _L, _U, b)),
        good=_square.filter(lambda A: _nonsingular(A) and _c(A) <= 1e200).map(
            lambda A: args(*lu.lu_partial_pivot(A), A @ np.ones(len(A)))
        ),
        finite=False,  # an ill-conditioned U may overflow x
        check=lambda x, call: ensure(x.shape == call.args[3].shape),
    ),
    "permutation_sign": Spec(
        func=lu.permutation_sign,
        bad=refuse_each(
            "P", [*bad_matrix_values(), 2 * np.eye(2), np.ones((2, 2))], lambda P: args(P)
        ),
        good=st.permutations(range(4)).map(lambda p: args(np.eye(4)[list(p)])),
        check=lambda s, call: ensure(s == round(np.linalg.det(call.args[0]))),
    ),
    "det_lu": Spec(
        func=lu.det_lu,
        bad=_SQ_bad,
        good=scaled_matrices(square=True, max_side=3)
        .filter(lambda A: _c(A) <= 1e100)
        .map(lambda A: args(A)),
        finite=False,
        check=lambda d, call: ensure(
            np.isclose(d, np.linalg.det(call.args[0]), rtol=1e-9, atol=0)
            or not np.isfinite(d)
            or abs(d) < 1e-290
        ),
    ),
    "cholesky": Spec(
        func=lu.cholesky,
        bad=_SQ_bad
        + refuse_each("A", [np.array([[1.0, 2.0], [0.0, 1.0]]), -np.eye(2)], lambda A: args(A)),
        good=scaled_matrices(square=True).map(
            lambda G: args((G / _c(G)) @ (G / _c(G)).T * _c(G) + _c(G) * np.eye(len(G)))
        ),
        check=lambda L, call: ensure(
            np.allclose(L @ L.T / _c(call.args[0]), call.args[0] / _c(call.args[0]))
        ),
    ),
}
