"""Robustness spec of helpers.decompositions.eigen."""

import numpy as np

from helpers.decompositions import eigen

from .harness import Spec, constant, ensure
from .inputs import (
    args,
    bad_flag_values,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    bad_seed_values,
    bad_vector_values,
    refuse_each,
    scaled_matrices,
    scaled_vectors,
)

MODULE = "helpers.decompositions.eigen"

_NONSYMMETRIC = np.array([[1.0, 2.0], [0.0, 1.0]])


def _eigenpair_check(value, vector, A):
    c = float(np.max(np.abs(A))) or 1.0
    ensure(np.isclose(np.linalg.norm(vector), 1.0), "unit eigenvector")
    ensure(
        np.linalg.norm((A / c) @ vector - (value / c) * vector)
        <= 1e-6 * max(1, np.linalg.norm(A / c))
    )


def _power_check(result, call):
    if result.converged:
        _eigenpair_check(result.eigenvalue, result.eigenvector, call.args[0])


def _spectral_check(result, call):
    lam, Q = result
    A = call.args[0]
    c = float(np.max(np.abs(A))) or 1.0
    ensure(np.allclose(lam / c, np.linalg.eigvalsh(A / c), atol=1e-8), "eigenvalues")
    ensure(np.allclose(Q.T @ Q, np.eye(len(lam)), atol=1e-8), "orthogonal")


def _definiteness_check(result, call):
    A = call.args[0]
    c = float(np.max(np.abs(A))) or 1.0
    lam = np.linalg.eigvalsh(A / c)
    tol = 1e-9 * max(np.max(np.abs(lam)), 1e-300)
    if np.any(lam > tol) and np.any(lam < -tol):
        ensure(result == "indefinite", result)
    elif np.all(lam > tol):
        ensure(result == "positive definite", result)
    elif np.all(lam < -tol):
        ensure(result == "negative definite", result)
    else:
        ensure(result.endswith("semidefinite"), result)


_symmetric = scaled_matrices(symmetric=True)
_A_bad = refuse_each("A", [*bad_matrix_values(), np.ones((2, 3))], lambda A: args(A))
_S_bad = _A_bad + refuse_each("A", [_NONSYMMETRIC, 1e200 * _NONSYMMETRIC], lambda A: args(A))

SPECS = {
    "PowerIterationError": constant(lambda cls: ensure(issubclass(cls, RuntimeError))),
    "PowerIterationResult": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "SymmetricEigenpair": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "DeflationStep": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "power_iteration": Spec(
        func=lambda *a, **k: eigen.power_iteration(*a, raise_on_failure=False, **k),
        bad=_A_bad
        + refuse_each(
            "x0", [*bad_vector_values()[1:], np.zeros(2), np.ones(3)], lambda x: args(np.eye(2), x)
        )
        + refuse_each("tol", [*bad_real_values(), 0.0, -1.0], lambda t: args(np.eye(2), tol=t))
        + refuse_each("max_iter", bad_int_values(), lambda k: args(np.eye(2), max_iter=k))
        + refuse_each("seed", bad_seed_values(), lambda s: args(np.eye(2), seed=s)),
        good=scaled_matrices(square=True).map(lambda A: args(A, max_iter=200)),
        check=_power_check,
    ),
    "symmetric_eigenpair": Spec(
        func=eigen.symmetric_eigenpair,
        bad=_S_bad
        + refuse_each("tol", bad_real_values(), lambda t: args(np.eye(2), tol=t))
        + refuse_each("seed", bad_seed_values(), lambda s: args(np.eye(2), seed=s)),
        good=_symmetric.map(lambda A: args(A)),
        check=lambda r, call: _eigenpair_check(r.eigenvalue, r.eigenvector, call.args[0]),
        allowed=(eigen.PowerIterationError,),
    ),
    "householder_reflector_to_e1": Spec(
        func=eigen.householder_reflector_to_e1,
        bad=refuse_each("x", [*bad_vector_values(), np.zeros(3), np.zeros(0)], lambda x: args(x)),
        good=scaled_vectors().filter(lambda x: np.any(x)).map(lambda x: args(x)),
        check=lambda H, call: ensure(
            np.allclose(H @ H.T, np.eye(len(H)))
            and np.allclose(
                (H @ (call.args[0] / np.max(np.abs(call.args[0]))))[1:], 0.0, atol=1e-12
            )
        ),
    ),
    "orthogonal_with_first_column": Spec(
        func=eigen.orthogonal_with_first_column,
        bad=refuse_each("q", [*bad_vector_values(), np.zeros(2)], lambda x: args(x)),
        good=scaled_vectors().filter(lambda x: np.any(x)).map(lambda x: args(x)),
        check=lambda Q, call: ensure(
            np.allclose(Q.T @ Q, np.eye(len(Q)))
            and np.allclose(
                Q[:, 0],
                call.args[0]
                / np.linalg.norm(call.args[0] / np.max(np.abs(call.args[0])))
                / np.max(np.abs(call.args[0])),
            )
        ),
    ),
    "deflation_step": Spec(
        func=eigen.deflation_step,
        bad=_S_bad + refuse_each("A", [np.eye(1)], lambda A: args(A)),
        good=scaled_matrices(min_side=2, symmetric=True).map(lambda A: args(A)),
        check=lambda step, call: ensure(
            step.off_block <= 1e-8 * (np.max(np.abs(call.args[0])) or 1.0) * len(call.args[0])
        ),
        allowed=(eigen.PowerIterationError,),
    ),
    "spectral_decomposition": Spec(
        func=eigen.spectral_decomposition,
        bad=_S_bad
        + refuse_each(
            "seed",
            [*bad_seed_values(), np.random.default_rng(0)],
            lambda s: args(np.eye(2), seed=s),
        )
        + refuse_each("tol", bad_real_values(), lambda t: args(np.eye(2), tol=t)),
        good=_symmetric.map(lambda A: args(A)),
        check=_spectral_check,
        allowed=(eigen.PowerIterationError,),
        max_examples=15,
    ),
    "definiteness": Spec(
        func=eigen.definiteness,
        bad=_S_bad
        + refuse_each(
            "rtol", [*bad_real_values(optional=True), -1.0, 1.0], lambda t: args(np.eye(2), rtol=t)
        ),
        good=_symmetric.map(lambda A: args(A)),
        check=_definiteness_check,
    ),
}

_ = bad_flag_values  # raise_on_failure is fixed to False above; its guard is in test_eigen.py
