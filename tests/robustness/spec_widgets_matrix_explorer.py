"""Robustness spec of helpers.widgets.matrix_explorer (the Python side of notebook 01's widget)."""

import importlib

import matplotlib.pyplot as plt
import numpy as np

from .harness import Spec, constant, ensure
from .inputs import args, bad_matrix_values, bad_real_values, refuse_each, scaled_matrices

MODULE = "helpers.widgets.matrix_explorer"
# the package's ``matrix_explorer`` is the function: the module comes by its path
me = importlib.import_module(MODULE)

_bad_2x2 = [*bad_matrix_values(), np.eye(3), np.ones((2, 3)), [[1e308, 0.0], [0.0, 5e307]]]
_good = scaled_matrices(2, 2, square=True).map(lambda A: args(A))
_TOO_LARGE = ("too large",)  # det A = 1e400 is no float64: refused, naming A


def _eig(A):
    """numpy's eigenvalues of A, computed on A / max|a| and scaled back (sorted by real part)."""
    m = float(np.max(np.abs(A))) or 1.0
    return np.sort_complex(np.linalg.eigvals(A / m)) * m, m


def _analysed(r, call):
    A = call.args[0]
    lam, m = _eig(A)
    ensure(set(r) == {"kind", "lambda1", "lambda2", "det", "trace"} and r["kind"] in me.KINDS)
    ensure(r["lambda1"] >= r["lambda2"] or r["kind"] == "complex")
    tol = 1e-6 * m
    if r["kind"] == "complex":
        ensure(np.allclose(lam.real, r["lambda1"], atol=tol) and abs(lam[0].imag) > 0)
    else:
        ensure(np.allclose(lam.imag, 0, atol=tol), f"{lam} are not real")
        ensure(np.allclose(np.sort(lam.real), [r["lambda2"], r["lambda1"]], atol=tol), f"{lam}")
    ensure(np.isclose(r["trace"], A[0, 0] + A[1, 1], rtol=1e-12, atol=1e-12 * m))
    ensure(abs(r["det"] - np.linalg.det(A / m) * m * m) <= 1e-9 * m * m or r["det"] == 0.0)


def _directions(pairs, call):
    A = call.args[0]
    m = float(np.max(np.abs(A))) or 1.0
    for lam, v in pairs:
        ensure(np.isclose(np.linalg.norm(v), 1.0), "v has unit length")
        ensure(np.linalg.norm(A / m @ v - lam / m * v) <= 1e-6, f"A v ≠ {lam} v")


def _drawn(A, ax="new"):
    fig = None
    if ax == "new":
        fig, ax = plt.subplots()
    try:
        out = me.plot_matrix_action(A, ax)
        ensure(out is ax and np.all(np.isfinite(ax.get_xlim())))
        return ax.get_title()
    finally:
        plt.close(fig if fig is not None else "all")


def _explorer_ok(w, call):
    A = np.asarray(call.args[0] if call.args else call.kwargs["a"], dtype=float)
    ensure(w.a == [float(x) for x in A.flat] and type(w.a) is list)
    ensure(w.low <= float(A.min()) and w.high >= float(A.max()))


SPECS = {
    "KINDS": constant(lambda kinds: ensure(len(kinds) == 4 and "defective" in kinds)),
    "PRESETS": constant(
        lambda presets: ensure(
            all(me.analyse(M)["kind"] in me.KINDS for M in presets.values())
            and {me.analyse(M)["kind"] for M in presets.values()} == set(me.KINDS)
        )
    ),
    "analyse": Spec(
        func=me.analyse,
        bad=refuse_each("A", _bad_2x2, args),
        good=_good,
        check=_analysed,
        refusal_names=_TOO_LARGE,
    ),
    "eigen_directions": Spec(
        func=me.eigen_directions,
        bad=refuse_each("A", _bad_2x2, args),
        good=_good,
        check=_directions,
        refusal_names=_TOO_LARGE,
    ),
    "explain": Spec(
        func=me.explain,
        bad=refuse_each("A", _bad_2x2, args),
        good=_good,
        check=lambda out, call: ensure(
            isinstance(out[0], str) and out[1] in ("ok", "info", "warning") and "nan" not in out[0]
        ),
        refusal_names=_TOO_LARGE,
    ),
    "plot_matrix_action": Spec(
        func=_drawn,
        bad=refuse_each("A", _bad_2x2, args)
        + refuse_each("ax", [3, "axes", {"ax": 1}], lambda ax: args(np.eye(2), ax)),
        good=_good,
        check=lambda title, call: ensure(me.analyse(call.args[0])["kind"] in title),
        refusal_names=_TOO_LARGE,
        max_examples=8,
    ),
    "MatrixExplorer": Spec(
        func=lambda **kw: me.MatrixExplorer(**kw),
        bad=refuse_each(
            "a",
            [None, "abcd", [1.0, 2.0, 3.0], [np.nan] * 4, [[1, 2], [3, 4]]],
            lambda a: args(a=a),
        )
        + refuse_each("step", [0.0, -0.1, *bad_real_values()], lambda s: args(a=[1.0] * 4, step=s))
        + refuse_each("low", [np.inf, None, "0"], lambda x: args(a=[1.0] * 4, low=x)),
        good=scaled_matrices(2, 2, square=True).map(
            lambda A: args(
                a=A.flatten(), low=min(-3.0, float(A.min())), high=max(3.0, float(A.max()))
            )
        ),
        check=_explorer_ok,
    ),
    "matrix_explorer": Spec(
        func=me.matrix_explorer,
        bad=refuse_each("A", _bad_2x2, args),
        good=_good,
        check=_explorer_ok,
        refusal_names=_TOO_LARGE,
    ),
}
