"""Robustness spec of helpers.gaussian_process."""

import numpy as np
from hypothesis import strategies as st

from helpers import gaussian_process as gp

from .harness import Spec, ensure
from .inputs import (
    args,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    bad_vector_values,
    refuse_each,
)

MODULE = "helpers.gaussian_process"

_K = np.array([[2.0, 1.0], [1.0, 2.0]])
_bad_pos = [*bad_real_values(), 0.0, -1.0]

_points = st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=6).map(np.array)


@st.composite
def _kernel_and_y(draw):
    x = draw(_points)
    ell = draw(st.sampled_from([0.1, 1.0, 1e3]))
    y = np.array(draw(st.lists(st.floats(-1e3, 1e3), min_size=len(x), max_size=len(x))))
    return args(gp.rbf_kernel(x, length_scale=ell), y, draw(st.sampled_from([1e-2, 1.0])))


def _logml_ok(value, call):
    K, y, noise = call.args
    sign, logdet = np.linalg.slogdet(K + noise * np.eye(len(y)))
    direct = -0.5 * y @ np.linalg.solve(K + noise * np.eye(len(y)), y) - 0.5 * logdet
    ensure(sign > 0 and np.isclose(value, direct - 0.5 * len(y) * np.log(2 * np.pi), rtol=1e-6))


SPECS = {
    "rbf_kernel": Spec(
        func=gp.rbf_kernel,
        bad=refuse_each("X1", bad_matrix_values()[:6], lambda X: args(X))
        + refuse_each("length_scale", _bad_pos, lambda v: args([0.0, 1.0], length_scale=v))
        + refuse_each("variance", _bad_pos, lambda v: args([0.0, 1.0], variance=v))
        + refuse_each("dimension", [np.ones((2, 3))], lambda X2: args(np.ones((2, 2)), X2)),
        good=st.builds(
            lambda x, ell: args(x, length_scale=ell), _points, st.sampled_from([1e-3, 1.0, 1e300])
        ),
        check=lambda K, call: ensure(
            np.allclose(K, K.T) and np.all((K >= 0) & (K <= 1)) and np.allclose(np.diag(K), 1)
        ),
    ),
    "cholesky_jitter": Spec(
        func=gp.cholesky_jitter,
        bad=refuse_each(
            "K", [*bad_matrix_values(), np.array([[1.0, 2.0], [0.0, 1.0]])], lambda K: args(K)
        )
        + refuse_each("start", _bad_pos, lambda v: args(_K, start=v))
        + refuse_each("factor", [*bad_real_values(), 1.0, 0.5], lambda v: args(_K, factor=v))
        + refuse_each("max_tries", bad_int_values(), lambda v: args(_K, max_tries=v)),
        good=_points.map(lambda x: args(gp.rbf_kernel(x, length_scale=1.0))),
        check=lambda r, call: ensure(
            np.allclose(r[0] @ r[0].T, call.args[0] + r[1] * np.eye(len(r[0])), atol=1e-10)
        ),
        allowed=(np.linalg.LinAlgError,),
    ),
    "gp_fit": Spec(
        func=gp.gp_fit,
        bad=refuse_each("K", bad_matrix_values(), lambda K: args(K, [1.0, 2.0]))
        + refuse_each("y", [*bad_vector_values(), np.ones(3)], lambda y: args(_K, y))
        + refuse_each("noise", [*bad_real_values(), -1.0], lambda v: args(_K, [1.0, 2.0], v)),
        good=_kernel_and_y(),
        check=lambda fit, call: _logml_ok(fit.log_marginal_likelihood, call),
    ),
    "gp_log_marginal_likelihood": Spec(
        func=gp.gp_log_marginal_likelihood,
        bad=refuse_each("y", [*bad_vector_values(), np.ones(3)], lambda y: args(_K, y))
        + refuse_each("noise", [*bad_real_values(), -1.0], lambda v: args(_K, [1.0, 2.0], v)),
        good=_kernel_and_y(),
        check=_logml_ok,
    ),
}
