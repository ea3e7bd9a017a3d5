"""Robustness spec of helpers.gershgorin."""

import numpy as np

from helpers import gershgorin as g

from .harness import Spec, ensure
from .inputs import args, bad_matrix_values, refuse_each, scaled_matrices

MODULE = "helpers.gershgorin"


def _discs_hold_the_eigenvalues(result, call):
    A = np.asarray(call.args[0], dtype=float)
    centers, radii = result
    ensure(np.all(radii >= 0) and np.array_equal(centers, np.diag(A)))


def _interval_holds_the_spectrum(result, call):
    lam = np.linalg.eigvalsh(np.asarray(call.args[0], dtype=float))
    lo, hi = result
    slack = 1e-12 * max(1.0, float(np.max(np.abs(lam))))
    ensure(lo <= lam[0] + slack and lam[-1] <= hi + slack)


SPECS = {
    "GershgorinDiscs": Spec(
        func=g.GershgorinDiscs,
        bad=(),
        good=scaled_matrices(square=True).map(lambda A: args(np.diag(A), np.zeros(A.shape[0]))),
        check=lambda result, call: ensure(len(result) == 2),
    ),
    "gershgorin_discs": Spec(
        func=g.gershgorin_discs,
        bad=refuse_each("A", [*bad_matrix_values(), np.ones((2, 3))], lambda A: args(A)),
        good=scaled_matrices(square=True).map(lambda A: args(A)),
        check=_discs_hold_the_eigenvalues,
    ),
    "gershgorin_interval": Spec(
        func=g.gershgorin_interval,
        bad=refuse_each(
            "A", [*bad_matrix_values(), np.array([[1.0, 2.0], [0.0, 1.0]])], lambda A: args(A)
        ),
        good=scaled_matrices(symmetric=True).map(lambda A: args(A)),
        check=_interval_holds_the_spectrum,
    ),
}
