"""Robustness spec of helpers.widgets.pca_direction (notebook 09's line through a cloud)."""

import importlib
import math

import numpy as np
from hypothesis import strategies as st

from .harness import Bad, Spec, ensure
from .inputs import args, bad_flag_values, bad_real_values, bad_seed_values, refuse_each

MODULE = "helpers.widgets.pca_direction"
pd = importlib.import_module(MODULE)

_clouds = st.tuples(st.integers(2, 30), st.integers(0, 1000), st.floats(-1e6, 1e6)).map(
    lambda t: pd.pca_cloud(t[0], t[1], (t[2], -t[2]))
)
_bad_points = [None, "x", np.ones((3, 3)), np.ones((1, 2)), np.zeros((4, 2)),
               [[0.0, np.nan], [1.0, 2.0]], [[1e200, 0.0], [-1e200, 0.0]]]  # fmt: skip


def _model_ok(model, call):
    """Variance + residual = total, and the best line has the largest projected variance."""
    P = np.asarray(call.args[0], dtype=float)
    for centred in (True, False):
        lam1, _lam2, theta = model.best(centred)
        X = P - P.mean(axis=0) if centred else P
        M = X.T @ X / (len(P) - 1)
        ref = np.linalg.eigvalsh(M)
        ensure(math.isclose(lam1, ref[1], rel_tol=1e-9, abs_tol=1e-12 * ref[1]))
        for t in (0.0, 33.0, theta):
            r = model.readout(t, centred)
            total = r["variance"] + r["residual"]
            ensure(math.isclose(total, float(np.trace(M)), rel_tol=1e-9), "variance + residual")
            ensure(r["variance"] <= lam1 * (1 + 1e-9) + 1e-12 * ref[1])


SPECS = {
    "PCADirection": Spec(
        func=pd.PCADirection,
        bad=refuse_each("points", _bad_points, lambda p: args(p)),
        good=_clouds.map(lambda P: args(P)),
        check=_model_ok,
    ),
    "pca_cloud": Spec(
        func=pd.pca_cloud,
        bad=refuse_each("n", [0, 1, 10**6, 2.5, "3", None], lambda n: args(n))
        + refuse_each("seed", bad_seed_values(), lambda s: args(10, s))
        + refuse_each("mean", [None, (1.0,), (np.nan, 0.0)], lambda m: args(10, 1, m)),
        good=st.tuples(st.integers(2, 100), st.integers(0, 10**6)).map(lambda t: args(*t)),
        check=lambda P, call: ensure(P.shape == (call.args[0], 2) and np.all(np.isfinite(P))),
    ),
    "PCADirectionWidget": Spec(
        func=lambda **kw: pd.PCADirectionWidget(**kw).readout(),
        bad=refuse_each("points", _bad_points[1:], lambda p: args(points=p))
        + refuse_each(
            "theta",
            [*bad_real_values()[:2], float("inf")],
            lambda t: args(points=pd.pca_cloud(10).tolist(), theta=t),
        )
        + refuse_each(
            "centred",
            bad_flag_values(),
            lambda c: args(points=pd.pca_cloud(10).tolist(), centred=c),
        ),
        good=_clouds.map(lambda P: args(points=P.tolist())),
        check=lambda r, call: ensure(np.isfinite(r["variance"]) and r["residual"] >= 0),
        max_examples=10,
    ),
    "pca_direction_widget": Spec(
        func=lambda *a, **kw: pd.pca_direction_widget(*a, **kw).readout(),
        bad=(
            Bad(args("x"), "points"),
            *refuse_each("theta", [float("nan")], lambda t: args(theta=t)),
            *refuse_each("centred", ["yes"], lambda c: args(centred=c)),
        ),
        good=_clouds.map(lambda P: args(P)),
        check=lambda r, call: ensure(np.isfinite(r["variance"])),
        max_examples=10,
    ),
}
