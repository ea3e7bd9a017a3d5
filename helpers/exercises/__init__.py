"""Self-checking exercises that run offline, with their answers out of sight.

- :mod:`helpers.exercises.checking`: :func:`check`, the call an exercise cell makes
- :mod:`helpers.exercises.comparing`: :func:`compare`, which decides and says what is off
- :mod:`helpers.exercises.registry`: :class:`Exercise` and the lookup by id ``"NN.k"``
- :mod:`helpers.exercises.bank`: one module per notebook with its exercises
"""

from .checking import check, feedback, passes, reset_tries
from .comparing import UP_TO, Verdict, compare
from .registry import KINDS, Exercise, all_exercises, lookup

__all__ = [
    "KINDS",
    "UP_TO",
    "Exercise",
    "Verdict",
    "all_exercises",
    "check",
    "compare",
    "feedback",
    "lookup",
    "passes",
    "reset_tries",
]
