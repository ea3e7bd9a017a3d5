"""Robustness spec of helpers.widgets.qr_stepper (the Python side of notebook 06's widget)."""

import dataclasses

import matplotlib.pyplot as plt
import numpy as np
from hypothesis import strategies as st

from helpers.widgets import qr_stepper as qs

from .harness import Spec, constant, ensure
from .inputs import SCALES, args, bad_int_values, bad_matrix_values, bad_real_values, refuse_each

MODULE = "helpers.widgets.qr_stepper"


@st.composite
def _vectors(draw):
    """m = 2 or 3 vectors' length, 1 ≤ n ≤ m columns, integer entries times a scale."""
    m = draw(st.integers(2, 3))
    n = draw(st.integers(1, m))
    entries = draw(st.lists(st.integers(-9, 9), min_size=m * n, max_size=m * n))
    return draw(st.sampled_from(SCALES)) * np.array(entries, dtype=float).reshape(m, n)


_methods = st.sampled_from(qs.QR_METHODS)
_bad_A = [*bad_matrix_values(), np.ones((4, 2)), np.ones((2, 3)), np.ones((1, 1))]
_bad_method = ["CGS", None, 3, ["mgs"], "gram-schmidt"]
_DEPENDENT = ("depends",)  # Gram–Schmidt on dependent columns: refused, naming the column of A


@dataclasses.dataclass(frozen=True)
class _Nth:
    """A good call's step: the j-th, or the last if there are fewer (bad calls pass k)."""

    j: int


def _k(stepper, k):
    return min(k.j, len(stepper) - 1) if isinstance(k, _Nth) else k


def _step(stepper, k):
    return stepper.step(_k(stepper, k))


def _factored(stepper, call):
    A = np.asarray(call.args[0], dtype=float)
    ensure(stepper.A is not call.args[0] and np.array_equal(stepper.A, A), "a copy of A")
    m = float(np.max(np.abs(A))) or 1.0
    last = stepper.step(len(stepper) - 1)
    Q, R = last.Q, last.matrix
    ensure(np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-12), "Q has orthonormal columns")
    ensure(np.allclose(np.triu(R), R) and np.all(np.diag(R) >= 0), "R upper, diagonal ≥ 0")
    ensure(np.allclose(Q @ (R / m), A / m, atol=1e-12), "QR = A")
    for k in range(len(stepper)):
        r = stepper.readout(k)
        ensure(np.isfinite(r["orthogonality"]))
        ensure(all(x is None or np.isfinite(x) for row in r["matrix"] for x in row))
        ensure(all(np.all(np.isfinite(vec)) for _, vec, _, _ in stepper.step(k).arrows))


def _drawn(A, k, ax="auto", stepper="auto", limit=None):
    A = np.asarray(A, dtype=float)
    fig = plt.figure()
    try:
        model = qs.QRStepper(A, "householder") if isinstance(stepper, str) else stepper
        k = _k(model, k) if isinstance(model, qs.QRStepper) else k
        if isinstance(ax, str) and ax == "auto":
            ax = fig.add_subplot(projection="3d" if A.shape[0] == 3 else None)
        elif isinstance(ax, str) and ax == "2d":
            ax = fig.add_subplot()
        out = qs.draw_qr_step(ax, model, k, limit)
        ensure(out is ax and np.all(np.isfinite(ax.get_xlim())))
        return out.get_title()
    finally:
        plt.close(fig)


def _widget_ok(w, call):
    A = np.asarray(call.kwargs.get("a", call.args[0] if call.args else None), dtype=float)
    ensure(w.a == A.tolist() and isinstance(w.stepper, qs.QRStepper))
    ensure(0 <= w.step < len(w.stepper) and w.method in qs.QR_METHODS)


SPECS = {
    "QR_METHODS": constant(lambda methods: ensure(methods == ("cgs", "mgs", "householder"))),
    "QRStep": Spec(
        func=lambda A, method, k: _step(qs.QRStepper(A, method), k),
        bad=refuse_each("k", [*bad_int_values(low=0), 99], lambda k: args(np.eye(2), "mgs", k)),
        good=st.tuples(_vectors(), _methods, st.integers(0, 4).map(_Nth)).map(lambda t: args(*t)),
        check=lambda step, call: ensure(isinstance(step, qs.QRStep) and step.title),
        refusal_names=_DEPENDENT,
        finite=False,  # a Gram–Schmidt step's R holds NaN where an entry is not known yet
    ),
    "QRStepper": Spec(
        func=qs.QRStepper,
        bad=refuse_each("A", _bad_A, args)
        + refuse_each(
            "A",
            [[[1.0, 2.0], [2.0, 4.0]], 1e-170 * np.eye(3)[:, [0, 0]]],
            lambda A: args(A, "cgs"),
        )
        + refuse_each("method", _bad_method, lambda m: args(np.eye(2), m)),
        good=st.tuples(_vectors(), _methods).map(lambda t: args(*t)),
        check=_factored,
        refusal_names=_DEPENDENT,
    ),
    "QRStepperWidget": Spec(
        func=lambda **kw: qs.QRStepperWidget(**kw),
        bad=refuse_each(
            "A", [None, "ab", [[np.nan, 1.0], [0.0, 1.0]], [[1.0, 2.0, 3.0]]], lambda a: args(a=a)
        )
        + refuse_each("A", [[[1.0, 2.0], [2.0, 4.0]]], lambda a: args(a=a, method="cgs"))
        + refuse_each("method", _bad_method, lambda m: args(a=[[1.0, 0.0], [0.0, 1.0]], method=m))
        + refuse_each(
            "step",
            [*bad_int_values(low=0), 99],
            lambda k: args(a=[[1.0, 0.0], [0.0, 1.0]], step=k),
        ),
        good=st.tuples(_vectors(), _methods).map(lambda t: args(a=t[0], method=t[1])),
        check=_widget_ok,
        refusal_names=_DEPENDENT,
    ),
    "draw_qr_step": Spec(
        func=_drawn,
        bad=refuse_each("ax", [None, 3, "axes"], lambda ax: args(np.eye(2), 0, ax))
        + refuse_each("ax", ["2d"], lambda ax: args(np.eye(3), 0, ax))
        + refuse_each("stepper", [None, np.eye(2)], lambda s: args(np.eye(2), 0, stepper=s))
        + refuse_each("k", [*bad_int_values(low=0), 99], lambda k: args(np.eye(2), k))
        + refuse_each(
            "limit",
            [0.0, -1.0, *bad_real_values(optional=True)],
            lambda x: args(np.eye(2), 0, limit=x),
        ),
        good=st.tuples(_vectors(), st.integers(0, 4).map(_Nth)).map(lambda t: args(*t)),
        check=lambda title, call: ensure(title.startswith("step ")),
        max_examples=8,
    ),
    "qr_stepper_widget": Spec(
        func=qs.qr_stepper_widget,
        bad=refuse_each("A", _bad_A, args)
        + refuse_each("method", _bad_method, lambda m: args(np.eye(2), m))
        + refuse_each("step", [*bad_int_values(low=0), 99], lambda k: args(np.eye(2), "mgs", k)),
        good=st.tuples(_vectors(), _methods).map(lambda t: args(*t)),
        check=_widget_ok,
        refusal_names=_DEPENDENT,
    ),
}
