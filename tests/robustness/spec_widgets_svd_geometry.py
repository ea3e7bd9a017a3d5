"""Robustness spec of helpers.widgets.svd_geometry (the Python side of notebook 03's widget)."""

import matplotlib.pyplot as plt
import numpy as np
from hypothesis import strategies as st

from helpers.widgets import svd_geometry as sg

from .harness import Spec, constant, ensure
from .inputs import (
    args,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    refuse_each,
    scaled_matrices,
)

MODULE = "helpers.widgets.svd_geometry"

_bad_2x2 = [*bad_matrix_values(), np.eye(3), np.ones((2, 3))]
_too_large = [[1e308, 1e308], [1e308, -1e308]]  # σ₁ = 2e308
_matrices = scaled_matrices(2, 2, square=True)
_good = _matrices.map(lambda A: args(A))
_TOO_LARGE = ("too large",)


def _orthogonal(Q):
    return np.allclose(Q.T @ Q, np.eye(2), atol=1e-12)


def _is_svd(U, s, Vt, A):
    m = float(np.max(np.abs(A))) or 1.0
    ensure(_orthogonal(U) and _orthogonal(Vt), "U and V are orthogonal")
    ensure(s[0] >= s[1] >= 0.0, f"σ = {s}")
    ensure(np.allclose(U @ np.diag(s / m) @ Vt, A / m, atol=1e-12), "UΣVᵀ = A")


def _canonical(out, call):
    U, s, Vt = out
    _is_svd(U, s, Vt, np.asarray(call.args[0], dtype=float))
    ensure(np.linalg.det(Vt) > 0, "V is a rotation")


def _geometry(geo, call):
    A = np.asarray(call.args[0], dtype=float)
    ensure(geo.A is not call.args[0] and np.array_equal(geo.A, A))
    _is_svd(geo.U, geo.s, geo.Vt, A)
    m = float(np.max(np.abs(A))) or 1.0
    ensure(np.allclose(geo.stage(3).circle / m, A / m @ geo.stage(0).circle, atol=1e-12))
    r = geo.readout()
    ensure(r["rank"] == int(np.count_nonzero(geo.s)) and np.isfinite(r["det"]))


def _rotation(angle, mirror):
    c, s = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    return np.array([[c, s], [s, -c]]) if mirror else np.array([[c, -s], [s, c]])


def _described(out, call):
    kind, angle = out
    Q = call.args[0]
    ensure(kind == ("reflection" if np.linalg.det(Q) < 0 else "rotation"))
    ensure(
        np.allclose(
            Q,
            _rotation(2 * angle if kind == "reflection" else angle, kind == "reflection"),
            atol=1e-9,
        )
    )


def _drawn(A, k, limit=None, ax="new", geometry="new"):
    fig, new_ax = plt.subplots()
    try:
        geo = sg.SVDGeometry(A) if isinstance(geometry, str) else geometry
        out = sg.draw_stage(new_ax if isinstance(ax, str) and ax == "new" else ax, geo, k, limit)
        ensure(out is new_ax and np.all(np.isfinite(new_ax.get_xlim())))
        return out.get_title()
    finally:
        plt.close(fig)


def _stages_figure(A, figsize=(13.0, 3.9)):
    fig = sg.plot_svd_stages(A, figsize)
    try:
        return [ax.get_title() for ax in fig.axes]
    finally:
        plt.close(fig)


def _widget(**kw):
    return sg.SVDGeometryWidget(**kw)


def _widget_ok(w, call):
    a = call.kwargs.get("a", call.args[0] if call.args else None)
    ensure(w.a == [float(x) for x in np.ravel(a)] and type(w.a) is list)
    ensure(isinstance(w.geometry, sg.SVDGeometry) and 0 <= w.stage <= 3)


SPECS = {
    "STAGES": constant(lambda stages: ensure(stages == ("x", "Vᵀx", "ΣVᵀx", "UΣVᵀx"))),
    "canonical_svd_2x2": Spec(
        func=sg.canonical_svd_2x2,
        bad=refuse_each("A", _bad_2x2, args),
        good=_good,
        check=_canonical,
    ),
    "describe_orthogonal": Spec(
        func=sg.describe_orthogonal,
        bad=refuse_each("Q", [*_bad_2x2, np.ones((2, 2)), 1e200 * np.eye(2)], args),
        good=st.tuples(st.floats(-179.9, 180.0), st.booleans()).map(lambda t: args(_rotation(*t))),
        check=_described,
    ),
    "Stage": Spec(
        func=lambda A, k: sg.SVDGeometry(A).stage(k),
        bad=refuse_each("k", [*bad_int_values(low=0), 4], lambda k: args(np.eye(2), k)),
        good=st.tuples(_matrices, st.integers(0, 3)).map(lambda t: args(*t)),
        check=lambda stage, call: ensure(
            isinstance(stage, sg.Stage) and stage.name == sg.STAGES[call.args[1]]
        ),
        refusal_names=_TOO_LARGE,
    ),
    "SVDGeometry": Spec(
        func=sg.SVDGeometry,
        bad=refuse_each("A", [*_bad_2x2, _too_large], args)
        + refuse_each("n_points", bad_int_values(low=8), lambda n: args(np.eye(2), n)),
        good=_good,
        check=_geometry,
        refusal_names=_TOO_LARGE,
    ),
    "SVDGeometryWidget": Spec(
        func=_widget,
        bad=refuse_each(
            "a", [None, "abcd", [1.0] * 3, [np.nan] * 4, [[1, 2], [3, 4]]], lambda a: args(a=a)
        )
        + refuse_each("too large", [[1e308, 1e308, 1e308, -1e308]], lambda a: args(a=a))
        + refuse_each("stage", [*bad_int_values(low=0), 4], lambda k: args(a=[1.0] * 4, stage=k)),
        good=st.tuples(_matrices, st.integers(0, 3)).map(
            lambda t: args(a=t[0].flatten(), stage=t[1])
        ),
        check=_widget_ok,
        refusal_names=_TOO_LARGE,
    ),
    "draw_stage": Spec(
        func=_drawn,
        bad=refuse_each("ax", [None, 3, "ax"], lambda ax: args(np.eye(2), 0, ax=ax))
        + refuse_each("geometry", [None, np.eye(2)], lambda g: args(np.eye(2), 0, geometry=g))
        + refuse_each("k", [*bad_int_values(low=0), 4], lambda k: args(np.eye(2), k))
        + refuse_each(
            "limit", [0.0, -1.0, *bad_real_values(optional=True)], lambda x: args(np.eye(2), 0, x)
        ),
        good=st.tuples(_matrices, st.integers(0, 3)).map(lambda t: args(*t)),
        check=lambda title, call: ensure(title.startswith(f"stage {call.args[1]}")),
        refusal_names=_TOO_LARGE,
        max_examples=8,
    ),
    "plot_svd_stages": Spec(
        func=_stages_figure,
        bad=refuse_each("A", _bad_2x2[:4], args)
        + refuse_each(
            "figsize",
            [None, "big", 3.0, (1.0,), (0.0, 3.0), (np.nan, 3.0), (1e6, 3.0)],
            lambda f: args(np.eye(2), f),
        ),
        good=_good,
        check=lambda titles, call: ensure(len(titles) == 4),
        refusal_names=_TOO_LARGE,
        max_examples=3,
    ),
    "svd_geometry_widget": Spec(
        func=sg.svd_geometry_widget,
        bad=refuse_each("A", [*_bad_2x2, _too_large], args)
        + refuse_each("stage", [*bad_int_values(low=0), 4], lambda k: args(np.eye(2), k)),
        good=st.tuples(_matrices, st.integers(0, 3)).map(lambda t: args(*t)),
        check=_widget_ok,
        refusal_names=_TOO_LARGE,
    ),
}
