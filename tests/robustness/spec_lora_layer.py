"""Robustness spec of helpers.lora.layer."""

import numpy as np
from hypothesis import strategies as st

from helpers.lora import layer

from .harness import Spec, constant, ensure
from .inputs import (
    args,
    bad_int_values,
    bad_matrix_values,
    bad_real_values,
    bad_seed_values,
    refuse_each,
    scaled_matrices,
)

MODULE = "helpers.lora.layer"


def _angle_check(theta, call):
    P, Q = call.args
    ensure(0.0 <= theta <= np.pi / 2 + 1e-12)
    if (
        np.linalg.matrix_rank(P / np.max(np.abs(P)))
        == np.linalg.matrix_rank(np.hstack([P / np.max(np.abs(P)), Q / np.max(np.abs(Q))]))
        == np.linalg.matrix_rank(Q / np.max(np.abs(Q)))
    ):
        ensure(theta < 1e-6, "equal spaces: angle 0")


def _layer_check(lay, call):
    W0 = call.args[0]
    ensure(np.array_equal(lay.merge(), np.asarray(W0, dtype=float)), "B = 0: merge is W0")
    X = np.ones((2, lay.shape[1]))
    H = lay.forward(X)
    g = lay.backward(X, np.ones_like(H))
    ensure(g.dA.shape == lay.A.shape and g.dB.shape == lay.B.shape)


_pair = (
    scaled_matrices(min_side=2, max_side=4)
    .filter(lambda A: np.any(A))
    .map(
        lambda A: args(
            A[:, :1] + 0 * A[:, :1]
            if np.any(A[:, :1])
            else A[:, 1:2]
            if np.any(A[:, 1:2])
            else np.ones((A.shape[0], 1)),
            A,
        )
    )
)

SPECS = {
    "LoRAGradients": constant(lambda cls: ensure(cls._fields == ("dA", "dB", "dX"))),
    "largest_principal_angle": Spec(
        func=layer.largest_principal_angle,
        bad=refuse_each(
            "P", [*bad_matrix_values(), np.zeros((2, 1))], lambda P: args(P, np.eye(2))
        )
        + refuse_each(
            "Q", [*bad_matrix_values(), np.zeros((2, 2))], lambda Q: args(np.eye(2)[:, :1], Q)
        )
        + refuse_each("rows", [np.eye(3)], lambda Q: args(np.eye(2)[:, :1], Q))
        + refuse_each("columns", [np.eye(2)[:, :1]], lambda Q: args(np.eye(2), Q)),
        good=_pair,
        check=_angle_check,
    ),
    "LoRALinear": Spec(
        func=layer.LoRALinear,
        bad=refuse_each("W0", bad_matrix_values(), lambda W: args(W, 1))
        + refuse_each("rank", [*bad_int_values(), 3], lambda r: args(np.eye(2), r))
        + refuse_each(
            "alpha", [*bad_real_values(optional=True), 0.0, -1.0], lambda a: args(np.eye(2), 1, a)
        )
        + refuse_each("seed", bad_seed_values(), lambda s: args(np.eye(2), 1, seed=s)),
        good=scaled_matrices()
        .filter(lambda W: np.max(np.abs(W)) <= 1e150)
        .map(lambda W: args(W, 1)),
        check=_layer_check,
    ),
}
_ = st
