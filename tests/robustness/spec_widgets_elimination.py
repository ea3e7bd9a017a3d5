"""Robustness spec of helpers.widgets.elimination (notebook 07's elimination stepper)."""

import dataclasses
import importlib

import numpy as np
from hypothesis import strategies as st

from .harness import Spec, constant, ensure
from .inputs import args, bad_flag_values, bad_int_values, bad_matrix_values, refuse_each

MODULE = "helpers.widgets.elimination"
el = importlib.import_module(MODULE)

_square = st.tuples(
    st.integers(2, 4), st.integers(0, 10**6), st.sampled_from([1e-100, 1.0, 1e100])
)
_matrices = _square.map(
    lambda t: np.random.default_rng(t[1]).integers(-9, 10, (t[0], t[0])).astype(float) * t[2]
).filter(lambda A: np.any(A != 0))
_bad_A = [
    *bad_matrix_values(),
    np.ones((2, 3)),
    np.ones((5, 5)),
    np.zeros((3, 3)),
    [[1e200, 1.0], [1.0, 1.0]],
]


def _stepper_ok(stepper, call):
    A = np.asarray(call.args[0], dtype=float)
    pivoting = call.args[1] if len(call.args) > 1 else True
    ensure(not np.shares_memory(stepper.A, A), "kept the caller's array")
    if stepper.failure:  # a zero pivot (no pivoting) or a singular A: said, not factored
        return
    P, L, U = stepper.factors()
    scale = np.abs(A).max()
    growth = max(1.0, float(np.abs(U).max() / scale))
    ensure(np.allclose(P @ A, L @ U, rtol=0, atol=1e-12 * scale * growth * 2 ** A.shape[0]))
    if pivoting:
        ensure(np.all(np.abs(L) <= 1.0), "partial pivoting gave a multiplier above 1")
    for k in range(len(stepper)):
        stepper.readout(k)
        status = stepper.status(k)
        ensure(len(status) == 2 and all(isinstance(x, str) and x for x in status))


SPECS = {
    "ENTRY_LIMIT": constant(lambda x: ensure(x == 1e150)),
    "ELIMINATION_PRESETS": constant(
        lambda p: ensure(all(el.EliminationStepper(A) is not None for _, A in p) and len(p) >= 2)
    ),
    "EliminationStep": constant(lambda cls: ensure(dataclasses.is_dataclass(cls))),
    "EliminationStepper": Spec(
        func=el.EliminationStepper,
        bad=refuse_each("A", _bad_A, lambda A: args(A))
        + refuse_each("pivoting", bad_flag_values(), lambda p: args(np.eye(2), p)),
        good=st.tuples(_matrices, st.booleans()).map(lambda t: args(t[0], t[1])),
        check=_stepper_ok,
    ),
    "EliminationWidget": Spec(
        func=lambda **kw: el.EliminationWidget(**kw).static_state(),
        bad=refuse_each(
            "step", [-1, 2.5, "1"], lambda s: args(a=[[2.0, 1.0], [1.0, 3.0]], step=s)
        ),
        good=_matrices.map(lambda A: args(a=A.tolist())),
        check=lambda state, call: ensure(state["a"] == call.kwargs["a"]),
        max_examples=10,
    ),
    "elimination_widget": Spec(
        func=lambda *a, **kw: el.elimination_widget(*a, **kw).static_state(),
        bad=refuse_each("A", _bad_A[:4], lambda A: args(A))
        + refuse_each("pivoting", ["yes", 1], lambda p: args(pivoting=p))
        + refuse_each("step", [*bad_int_values(low=0), 99], lambda s: args(step=s)),
        good=st.tuples(_matrices, st.booleans()).map(lambda t: args(t[0], t[1])),
        check=lambda state, call: ensure(state["pivoting"] == call.args[1]),
        max_examples=10,
    ),
}
