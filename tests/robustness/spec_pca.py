"""Robustness spec of helpers.pca."""

import numpy as np

from helpers import pca

from .harness import Spec, constant, ensure
from .inputs import args, bad_int_values, bad_matrix_values, refuse_each, scaled_matrices

MODULE = "helpers.pca"


def _check(res, call):
    X = call.args[0]
    c = float(np.max(np.abs(X))) or 1.0
    Xc = X / c - (X / c).mean(axis=0)
    lam = np.sort(np.linalg.eigvalsh(Xc.T @ Xc / (len(X) - 1)))[::-1][: res.n_components]
    total = np.trace(Xc.T @ Xc) / (len(X) - 1)
    ratio = lam / total if total > 0 else np.zeros_like(lam)
    ensure(np.allclose(res.explained_variance_ratio, ratio, atol=1e-8), "ratios")
    ensure(np.allclose(res.components @ res.components.T, np.eye(res.n_components), atol=1e-8))


def _pca(func):
    return Spec(
        func=func,
        bad=refuse_each("X", [*bad_matrix_values(), np.ones((1, 3))], lambda X: args(X))
        + refuse_each("n_components", [*bad_int_values()[1:], 5], lambda k: args(np.eye(3), k)),
        good=scaled_matrices(min_side=2).map(lambda X: args(X)),
        check=_check,
        refusal_names=("X has variances beyond the float64 range",),
    )


SPECS = {
    "PCAResult": constant(lambda cls: ensure(hasattr(cls, "explained_variance_ratio"))),
    "pca_svd": _pca(pca.pca_svd),
    "pca_eig": _pca(pca.pca_eig),
}
