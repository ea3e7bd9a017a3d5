"""Robustness spec of helpers.widgets.quadratic_form (notebook 02's quadratic-form widget)."""

import importlib
import math

import numpy as np
from hypothesis import strategies as st

from .harness import Bad, Spec, constant, ensure
from .inputs import args, bad_real_values, refuse_each, scaled_matrices

MODULE = "helpers.widgets.quadratic_form"
qf = importlib.import_module(MODULE)

_symmetric = scaled_matrices(2, 2, square=True, symmetric=True)
_abc = _symmetric.map(lambda A: (float(A[0, 0]), float(A[0, 1]), float(A[1, 1])))
_bad_entries = bad_real_values()


def _form_ok(form, call):
    A = np.array([[form.a, form.b], [form.b, form.c]])
    lam = np.linalg.eigvalsh(A / max(np.abs(A).max(), 1e-300))[::-1] * max(np.abs(A).max(), 1e-300)
    scale = float(np.abs(A).max()) or 1.0
    ensure(all(math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12 * scale)
               for x, y in zip(form.eigenvalues, lam, strict=True)))  # fmt: skip
    ensure(form.eigenvalues[0] >= form.eigenvalues[1])
    for theta in (0.0, 37.0, 90.0, 200.0):  # xᵀAx on the circle lies in [λ₂, λ₁]
        _readout_ok(form.readout(theta), call)


def _readout_ok(r, call):
    form = qf.QuadraticForm(*call.args[:3])
    lo, hi = form.eigenvalues[1], form.eigenvalues[0]
    scale = max(abs(lo), abs(hi)) or 1.0
    ensure(lo - 1e-9 * scale <= r["q"] <= hi + 1e-9 * scale, "xᵀAx outside [λ₂, λ₁]")


SPECS = {
    "PRESETS": constant(lambda p: ensure(len(p) >= 3 and "pd" in p)),
    "QuadraticForm": Spec(
        func=qf.QuadraticForm,
        bad=refuse_each("a", _bad_entries, lambda v: args(v, 0.0, 1.0))
        + refuse_each("b", _bad_entries, lambda v: args(1.0, v, 1.0))
        + refuse_each("c", _bad_entries, lambda v: args(1.0, 0.0, v))
        + (Bad(args(1e308, 1e308, 1e308), "a, b, c"),),
        good=_abc.map(lambda t: args(*t)),
        check=_form_ok,
    ),
    "QuadraticFormWidget": Spec(
        func=lambda **kw: qf.QuadraticFormWidget(**kw).readout(),
        bad=refuse_each("a", [float("nan"), "x", None], lambda v: args(a=v))
        + refuse_each("theta", [float("inf"), "x"], lambda v: args(theta=v)),
        good=st.tuples(_abc, st.floats(0, 359)).map(
            lambda t: args(a=t[0][0], b=t[0][1], c=t[0][2], theta=t[1])
        ),
        check=lambda r, call: ensure(np.isfinite(r["q"])),
        max_examples=10,
    ),
    "quadratic_form_widget": Spec(
        func=lambda *a, **kw: qf.quadratic_form_widget(*a, **kw).readout(),
        bad=refuse_each("A", [np.ones((3, 3)), [[1.0, 2.0], [3.0, 1.0]], "x"], lambda A: args(A))
        + refuse_each("preset", ["nope", 3], lambda p: args(preset=p)),
        good=_symmetric.map(lambda A: args(A)),
        check=lambda r, call: ensure(np.isfinite(r["q"])),
        max_examples=10,
    ),
}
