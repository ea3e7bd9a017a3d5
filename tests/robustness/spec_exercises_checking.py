"""Robustness spec of helpers.exercises.checking.

``check`` and ``feedback`` never raise, whatever the reader passes (a wrong id
is a ⚠ line); ``passes`` is for graders and refuses a wrong id.
"""

import numpy as np
from hypothesis import strategies as st

from helpers.exercises import checking

from .harness import Spec, ensure
from .inputs import args, refuse_each

MODULE = "helpers.exercises.checking"

ANYTHING = st.sampled_from(
    [None, "word", [1, 2], [[1, 2], [3]], np.nan, [np.inf, 1], 1 + 2j, True, ..., 349525]
)
IDS = st.sampled_from(["01.5", "99.1", 7, None])

SPECS = {
    "check": Spec(
        func=checking.check,
        good=st.tuples(IDS, ANYTHING).map(lambda t: args(*t)),
        check=lambda r, call: ensure(r is None),
    ),
    "feedback": Spec(
        func=checking.feedback,
        good=st.tuples(IDS, ANYTHING).map(lambda t: args(*t)),
        check=lambda line, call: ensure(line[0] in "✅❌⏳⚠"),
    ),
    "passes": Spec(
        func=checking.passes,
        bad=refuse_each("exercise_id", [None, 3], lambda i: args(i, 1.0))
        + refuse_each("unknown exercise id", ["99.1"], lambda i: args(i, 1.0)),
        good=ANYTHING.map(lambda a: args("01.5", a)),
        check=lambda ok, call: ensure(ok == (call.args[1] == 349525)),
    ),
    "reset_tries": Spec(
        func=checking.reset_tries,
        good=st.sampled_from([args(), args("01.1")]),
        check=lambda r, call: ensure(r is None),
    ),
}
