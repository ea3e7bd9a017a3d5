"""Robustness spec of helpers.exercises.comparing.

``compare`` judges anything a reader types without raising; only the
exercise's author can get a ValueError/TypeError (a bad mode or tolerance).
"""

import numpy as np
from hypothesis import strategies as st

from helpers.exercises import comparing

from .harness import Spec, constant, ensure
from .inputs import args, bad_real_values, refuse_each, scaled_matrices

MODULE = "helpers.exercises.comparing"

READER_ANSWERS = st.sampled_from(
    [None, "word", [1, 2], [[1, 2], [3]], np.nan, [np.inf, 1], 1 + 2j, True, {"a": 1}, ...]
)

SPECS = {
    "UP_TO": constant(lambda modes: ensure("exact" in modes and "set" in modes)),
    "Verdict": Spec(
        func=comparing.Verdict,
        good=st.sampled_from([args(True), args(False, "off")]),
        check=lambda v, call: ensure(tuple(v) == (call.args[0], v.detail)),
    ),
    "compare": Spec(
        func=comparing.compare,
        bad=refuse_each("up_to", ["nearly", 3, None], lambda m: args(1.0, 1.0, up_to=m))
        + refuse_each("atol", [*bad_real_values(), -1.0], lambda t: args(1.0, 1.0, atol=t))
        + refuse_each("rtol", [*bad_real_values(), -1.0], lambda t: args(1.0, 1.0, rtol=t)),
        good=st.one_of(
            scaled_matrices().map(lambda A: args(A, A.copy())),
            scaled_matrices().map(lambda A: args(-A, A.copy(), up_to="sign")),
            scaled_matrices().map(lambda A: args(A[::-1].copy(), A.copy(), up_to="set")),
            READER_ANSWERS.map(lambda a: args(a, [1.0, 2.0])),
        ),
        check=lambda v, call: ensure(
            isinstance(v, comparing.Verdict)
            and (v.ok or (isinstance(v.detail, str) and v.detail))
            and (v.ok or not isinstance(call.args[1], np.ndarray) or call.args[0] is not ...)
        ),
    ),
}
