"""The exercises of the course, each under a stable id ``"NN.k"``.

Every notebook's exercises live in one module ``helpers/exercises/bank/nbNN.py``
that defines ``EXERCISES``, a tuple of :class:`Exercise`. The notebook itself
holds only the question and ``check("NN.k", answer_k)``: the expected value,
its tolerance, the accepted equivalences and the hints stay here, out of sight.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from .comparing import UP_TO

__all__ = ["KINDS", "Exercise", "all_exercises", "lookup"]

KINDS = ("value", "predict", "proof")
_ID = re.compile(r"^(\d{2})\.(\d+)$")


@dataclass(frozen=True, eq=False)
class Exercise:
    """One exercise: what counts as right, and how to help.

    Parameters
    ----------
    id : str
        ``"NN.k"``: the notebook number (two digits) and the exercise number.
    expected : object or callable
        The right answer, or a function of no arguments that computes it (run
        once, on first use, so a bank module imports instantly). ``None`` only
        for a proof graded by a reader (no numeric part).
    up_to : str or tuple of str, optional
        The equivalences accepted (see :mod:`helpers.exercises.comparing`).
    atol, rtol : float, optional
        Tolerances for :func:`~helpers.exercises.comparing.compare`.
    hints : tuple of str
        Shown after a wrong answer: the first after the first wrong try, the
        next after each further one (the last repeats).
    kind : {"value", "predict", "proof"}
        What the exercise asks for: a computed value, a prediction made before
        an experiment, or a proof (with, where one exists, a numeric check).
    points : int, optional
        Points when graded (otter-grader).
    """

    id: str
    expected: object
    up_to: str | tuple = "exact"
    atol: float = 1e-8
    rtol: float = 1e-6
    hints: tuple = field(default_factory=tuple)
    kind: str = "value"
    points: int = 1

    def __post_init__(self):
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise ValueError(f"id must look like '01.3' (notebook.exercise), got {self.id!r}")
        modes = self.up_to if isinstance(self.up_to, tuple) else (self.up_to,)
        if not modes or any(m not in UP_TO for m in modes):
            raise ValueError(f"up_to must be one of {UP_TO} (or a tuple), got {self.up_to!r}")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if not isinstance(self.hints, tuple) or not all(isinstance(h, str) for h in self.hints):
            raise TypeError(f"hints must be a tuple of str, got {self.hints!r}")
        if self.expected is None and self.kind != "proof":
            raise ValueError(f"{self.id}: expected may be None only for a proof exercise")
        if isinstance(self.points, bool) or not isinstance(self.points, int) or self.points < 0:
            raise ValueError(f"points must be an int ≥ 0, got {self.points!r}")

    @property
    def notebook(self) -> int:
        """The notebook number, from the id."""
        return int(self.id.split(".")[0])

    def answer(self):
        """The expected value (computed on first use when given as a function)."""
        return _resolve(self)

    def hint(self, wrong_tries: int) -> str | None:
        """The hint for the ``wrong_tries``-th wrong answer (1-based), or None."""
        if not self.hints or wrong_tries < 1:
            return None
        return self.hints[min(wrong_tries, len(self.hints)) - 1]


@cache
def _resolve(exercise: Exercise):
    value = exercise.expected
    return value() if isinstance(value, Callable) else value


@cache
def all_exercises() -> dict[str, Exercise]:
    """Every exercise of the course, by id, read from the bank modules.

    Returns
    -------
    dict
        ``{"01.1": Exercise(...), ...}`` in course order.

    Raises
    ------
    ValueError
        If two exercises share an id, or a bank module ``nbNN`` holds an id of
        another notebook (mistakes of the course's authors).
    """
    from . import bank

    found: dict[str, Exercise] = {}
    for info in sorted(pkgutil.iter_modules(bank.__path__), key=lambda m: m.name):
        if not re.fullmatch(r"nb\d{2}", info.name):
            continue
        module = importlib.import_module(f"{bank.__name__}.{info.name}")
        for exercise in module.EXERCISES:
            if exercise.id in found:
                raise ValueError(f"exercise id {exercise.id} is defined twice")
            if exercise.id[:2] != info.name[2:]:
                raise ValueError(f"{info.name} defines {exercise.id}, which belongs elsewhere")
            found[exercise.id] = exercise
    return dict(sorted(found.items(), key=lambda kv: tuple(map(int, kv[0].split(".")))))


def lookup(exercise_id: str) -> Exercise:
    """The exercise with this id.

    Parameters
    ----------
    exercise_id : str
        ``"NN.k"``.

    Returns
    -------
    Exercise

    Raises
    ------
    TypeError
        If ``exercise_id`` is not a str.
    ValueError
        If no exercise has this id; the message lists the notebook's ids.

    Examples
    --------
    >>> lookup("00.1").kind
    'value'
    """
    if not isinstance(exercise_id, str):
        raise TypeError(
            f"exercise_id must be a str such as '01.3', got {type(exercise_id).__name__}"
        )
    exercises = all_exercises()
    if exercise_id not in exercises:
        prefix = exercise_id.split(".")[0]
        same = [k for k in exercises if k.split(".")[0] == prefix]
        known = f"this notebook's ids are {', '.join(same)}" if same else "no notebook has it"
        raise ValueError(f"unknown exercise id {exercise_id!r}: {known}")
    return exercises[exercise_id]
