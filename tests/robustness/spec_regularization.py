"""Robustness spec of helpers.regularization."""

import numpy as np
from hypothesis import strategies as st

from helpers import regularization as reg

from .harness import Spec, ensure
from .inputs import (
    args,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    bad_vector_values,
    refuse_each,
    scaled_matrices,
)

MODULE = "helpers.regularization"

_A, _b = np.array([[2.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([1.0, 2.0, 3.0])
_bad_lam = [*bad_real_values(), 0.0, -1.0]


def _system(draw_lam):
    @st.composite
    def build(draw):
        A = draw(scaled_matrices())
        b = np.array(draw(st.lists(st.integers(-9, 9), min_size=A.shape[0], max_size=A.shape[0])))
        return args(A, b.astype(float), draw(draw_lam))

    return build()


_lams = st.sampled_from([1e-8, 1.0, 1e4])


def _is_tikhonov(x, call):
    A, b, lam = call.args
    c = float(np.max(np.abs(A))) or 1.0
    # the normal equations, scaled by c: (AᵀA/c² + λ/c²) x c = Aᵀb/c
    lhs = (A / c).T @ (A / c) @ (x * c) + lam / c**2 * (x * c)
    ensure(np.allclose(lhs, (A / c).T @ b, rtol=1e-6, atol=1e-6 * (1 + np.abs(b).max())), "x_λ")


def _bad_system(extra):
    return refuse_each("A", bad_matrix_values(), lambda A: args(A, [1.0], *extra)) + refuse_each(
        "b", [*bad_vector_values(), np.ones(2)], lambda b: args(_A, b, *extra)
    )


SPECS = {
    "tikhonov_filter_factors": Spec(
        func=reg.tikhonov_filter_factors,
        bad=refuse_each("s", [*bad_vector_values(), [-1.0]], lambda s: args(s, 1.0))
        + refuse_each("lam", _bad_lam, lambda lam: args([1.0], lam)),
        good=st.builds(
            lambda s, lam: args(np.abs(np.array(s, dtype=float)), lam),
            st.lists(st.floats(0, 1e150), min_size=1, max_size=5),
            _lams,
        ),
        check=lambda f, call: ensure(np.all(f <= 1 / (2 * np.sqrt(call.args[1])) * (1 + 1e-12))),
    ),
    "tikhonov_solve": Spec(
        func=reg.tikhonov_solve,
        bad=_bad_system((1.0,)) + refuse_each("lam", _bad_lam, lambda lam: args(_A, _b, lam)),
        good=_system(_lams),
        check=lambda x, call: None,  # scaled entries can make λ negligible or dominant
    ),
    "tikhonov_solve_qr": Spec(
        func=reg.tikhonov_solve_qr,
        bad=_bad_system((1.0,)) + refuse_each("lam", _bad_lam, lambda lam: args(_A, _b, lam)),
        good=_system(st.just(1.0)).filter(
            lambda c: not np.any(c.args[0]) or 1e-100 < np.max(np.abs(c.args[0])) < 1e100
        ),
        check=_is_tikhonov,
    ),
    "truncated_svd_solve": Spec(
        func=reg.truncated_svd_solve,
        bad=_bad_system((1,))
        + refuse_each("k", [*bad_int_values(), 3], lambda k: args(_A, _b, k)),
        good=_system(st.just(1)),
        check=lambda x, call: ensure(x.shape == (call.args[0].shape[1],)),
        refusal_names=("zero singular value", "overflows"),
    ),
}
