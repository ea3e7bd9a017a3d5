"""``check("NN.k", answer)``: the one call an exercise cell makes.

It prints one line that starts with ✅ (right), ❌ (not yet: what is off, then
a hint), ⏳ (still ``...``) or ⚠ (the call itself is off, e.g. an unknown id).
It never raises because of the answer and never prints the expected value: a
wrong answer is part of learning, not an error.
"""

from __future__ import annotations

from collections import Counter

from .comparing import compare
from .registry import lookup

__all__ = ["check", "feedback", "passes", "reset_tries"]

_wrong_tries: Counter = Counter()


def _verdict(exercise_id, answer):
    """``(symbol, message, ok)`` for one call; counts wrong tries."""
    if not isinstance(exercise_id, str):
        return (
            "⚠",
            f"the first argument must be the exercise id, such as '01.3', got {exercise_id!r}",
            False,
        )
    try:
        exercise = lookup(exercise_id)
    except ValueError as err:
        return "⚠", f"{err.args[0]}. Check the id in the cell.", False
    if answer is Ellipsis:
        return (
            "⏳",
            f"{exercise_id}: no answer yet. Replace ... with your answer and run the cell again.",
            False,
        )
    if exercise.expected is None:
        return (
            "⚠",
            f"{exercise_id}: this proof has no numeric part to check; compare with the solution.",
            False,
        )
    try:
        ok, detail = compare(
            answer, exercise.answer(), up_to=exercise.up_to, atol=exercise.atol, rtol=exercise.rtol
        )
    except Exception as exc:
        ok, detail = False, f"could not compare your answer ({type(exc).__name__})"
    if ok:
        modes = exercise.up_to if isinstance(exercise.up_to, tuple) else (exercise.up_to,)
        accepted = {m for m in modes if m != "exact"}
        note = f" (accepted up to {', '.join(sorted(m.replace('_', ' ') for m in accepted))})"
        return "✅", f"{exercise_id}: correct{note if accepted else ''}.", True
    _wrong_tries[exercise_id] += 1
    tries = _wrong_tries[exercise_id]
    message = f"{exercise_id}: not yet: {detail}."
    hint = exercise.hint(tries)
    if hint:
        label = (
            "Hint"
            if tries == 1 or len(exercise.hints) == 1
            else f"Hint {min(tries, len(exercise.hints))}"
        )
        message += f"\n   {label}: {hint}"
    return "❌", message, False


def check(exercise_id, answer, /) -> None:
    """Check a reader's answer to exercise ``exercise_id`` and print the verdict.

    Parameters
    ----------
    exercise_id : str
        The exercise's id, ``"NN.k"`` (notebook, exercise), as the cell gives it.
    answer : object
        The reader's answer; ``...`` (Ellipsis) means "not answered yet".

    Returns
    -------
    None
        One line is printed (plus a hint after a wrong answer). Use
        :func:`passes` for the verdict as a value.

    Examples
    --------
    >>> check("00.1", ...)
    ⏳ 00.1: no answer yet. Replace ... with your answer and run the cell again.
    """
    symbol, message, _ = _verdict(exercise_id, answer)
    print(f"{symbol} {message}")


def passes(exercise_id: str, answer) -> bool:
    """Whether ``answer`` is accepted for ``exercise_id`` (silent; for graders and tests).

    Parameters
    ----------
    exercise_id : str
        ``"NN.k"``.
    answer : object
        The answer to judge.

    Returns
    -------
    bool

    Raises
    ------
    TypeError, ValueError
        If ``exercise_id`` is not a str, or no exercise has this id.
    """
    exercise = lookup(exercise_id)
    if answer is Ellipsis or exercise.expected is None:
        return False
    try:
        return compare(
            answer, exercise.answer(), up_to=exercise.up_to, atol=exercise.atol, rtol=exercise.rtol
        ).ok
    except Exception:
        return False


def feedback(exercise_id, answer) -> str:
    """The line :func:`check` would print, as a string (counts as a try)."""
    symbol, message, _ = _verdict(exercise_id, answer)
    return f"{symbol} {message}"


def reset_tries(exercise_id: str | None = None) -> None:
    """Forget the wrong tries (of one exercise, or of all), so hints start again."""
    if exercise_id is None:
        _wrong_tries.clear()
    else:
        _wrong_tries.pop(exercise_id, None)
