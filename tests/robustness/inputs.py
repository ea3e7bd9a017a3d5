"""Shared generated inputs for the spec files: edge-case matrices and the usual bad values."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from .harness import Args, Bad

__all__ = [
    "SCALES",
    "scaled_matrices",
    "scaled_vectors",
    "bad_matrix_values",
    "bad_vector_values",
    "bad_int_values",
    "bad_flag_values",
    "bad_real_values",
    "bad_seed_values",
    "refuse_each",
    "args",
]

#: Scales across the float64 range: where unscaled norms overflow or underflow.
SCALES = (1.0, 1e-170, 1e-300, 1e155, 1e200, 1e300)


def scaled_matrices(min_side=1, max_side=4, *, square=False, symmetric=False, tall=False):
    """Small well-conditioned-or-not matrices with integer-ish entries times a scale in SCALES."""

    @st.composite
    def build(draw):
        m = draw(st.integers(min_side, max_side))
        n = m if (square or symmetric) else draw(st.integers(min_side, max_side))
        if tall and m < n:
            m, n = n, m
        entries = draw(
            st.lists(st.integers(-9, 9), min_size=m * n, max_size=m * n).map(
                lambda v: np.array(v, dtype=float).reshape(m, n)
            )
        )
        if symmetric:
            entries = entries + entries.T
        return draw(st.sampled_from(SCALES)) * entries

    return build()


def scaled_vectors(min_size=1, max_size=5):
    return st.builds(
        lambda v, c: c * np.array(v, dtype=float),
        st.lists(st.integers(-9, 9), min_size=min_size, max_size=max_size),
        st.sampled_from(SCALES),
    )


def bad_matrix_values():
    """Values no matrix argument may accept, with why."""
    return [
        None,
        "abc",
        [[1.0, 2.0], [3.0]],  # ragged
        np.array([[1 + 2j, 0.0], [0.0, 1.0]]),
        np.array([[np.nan, 0.0], [0.0, 1.0]]),
        np.array([[np.inf, 0.0], [0.0, 1.0]]),
        np.ones(3),  # 1-D
        np.ones((2, 2, 2)),  # 3-D
        np.zeros((0, 2)),  # empty
        np.array([["a", "b"], ["c", "d"]]),
        {"a": 1},
    ]


def bad_vector_values():
    return [
        None,
        "abc",
        np.array([1 + 1j, 2.0]),
        np.array([np.nan, 1.0]),
        np.array([-np.inf, 1.0]),
        np.ones((2, 2)),
        [[1.0], [2.0, 3.0]],
    ]


def bad_int_values(low: int = 1):
    """Values no integer argument (a size, a rank, a count) ``≥ low`` may accept."""
    return [None, "3", 2.5, True, np.float64(2.0), [2], low - 1, low - 5]


def bad_flag_values():
    return ["no", "yes", 1, 0, None, [True]]


def bad_real_values(optional: bool = False):
    """Values no real-number argument may take (``optional``: None is allowed)."""
    values = ["1e-8", True, float("nan"), float("inf"), [1.0], 1 + 1j]
    return values if optional else [None, *values]


def bad_seed_values():
    return [-1, 1.5, "0", True, [0], {0}]


def refuse_each(name: str, values, make: callable) -> tuple[Bad, ...]:
    """One :class:`Bad` per value: ``make(value)`` gives the Args with ``value`` in ``name``."""
    return tuple(Bad(make(v), name) for v in values)


def args(*a, **k) -> Args:
    return Args(a, k)
