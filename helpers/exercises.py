"""Self-checking exercises that run offline.

The reader writes an answer into a variable and calls :func:`check`. It prints
one line that starts with ✅ or ❌ (or ⏳ while the answer is still ``...``),
says what is off, and gives a hint. It never raises on a wrong answer: a wrong
answer is part of learning, not an error.

Equivalent answers are accepted where the mathematics says they are equal:

=================  ==========================================================
``up_to``          accepted answers
=================  ==========================================================
``"exact"``        equal within ``atol``/``rtol`` (the default)
``"sign"``         ``answer ≈ ±expected`` (one global sign)
``"scale"``        ``answer ≈ c·expected`` for some nonzero scalar ``c``
``"column_signs"`` each column may be flipped on its own (singular vectors)
``"set"``          the same values in any order (eigenvalues, roots)
=================  ==========================================================
"""

from __future__ import annotations

import numpy as np

__all__ = ["check", "UP_TO"]

UP_TO = ("exact", "sign", "scale", "column_signs", "set")


def _to_array(value):
    """Return ``value`` as a float array, or None when it is not numeric."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def compare(answer, expected, *, up_to="exact", atol=1e-8, rtol=1e-6):
    """Return ``(ok, detail)``: is ``answer`` equal to ``expected`` up to ``up_to``?

    The silent core of :func:`check`, for code that needs the verdict as a value.

    Parameters
    ----------
    answer, expected : object
        Numbers or arrays (anything else is compared with ``==``).
    up_to : {"exact", "sign", "scale", "column_signs", "set"}, optional
        Which equivalent answers to accept.
    atol, rtol : float, optional
        Absolute and relative tolerance, elementwise.

    Returns
    -------
    ok : bool
        Whether the answer is accepted.
    detail : str
        What is off, or ``""`` when ``ok``.

    Examples
    --------
    >>> compare([0.0, -2.0], [0.0, 1.0], up_to="scale")
    (True, '')
    """
    if up_to not in UP_TO:
        raise ValueError(f"up_to must be one of {UP_TO}, got {up_to!r}")
    a = _to_array(answer)
    e = _to_array(expected)
    if e is None:
        ok = answer == expected
        return bool(ok), "" if ok else f"expected {expected!r}, got {answer!r}"
    if a is None:
        return False, f"expected numbers, got {type(answer).__name__}"
    if up_to == "set":
        a, e = np.sort(a.ravel()), np.sort(e.ravel())
    if a.shape != e.shape:
        if a.size == e.size and up_to in ("exact", "sign", "scale", "set"):
            a = a.reshape(e.shape)
        else:
            return False, f"expected shape {e.shape}, got shape {a.shape}"
    if not np.all(np.isfinite(a)):
        return False, "your answer contains NaN or infinity"
    tol = atol + rtol * np.abs(e)
    if up_to in ("exact", "set"):
        candidate = a
    elif up_to == "sign":
        flip = -a
        candidate = a if np.linalg.norm(a - e) <= np.linalg.norm(flip - e) else flip
    elif up_to == "scale":
        denom = float(np.vdot(a, a))
        if denom == 0.0:
            return False, "your answer is zero, and a zero vector is never a valid answer here"
        candidate = a * (float(np.vdot(a, e)) / denom)
        if not np.all(np.abs(candidate - e) <= tol):
            cosine = abs(float(np.vdot(a, e))) / np.sqrt(denom * float(np.vdot(e, e)))
            angle = np.degrees(np.arccos(min(cosine, 1.0)))
            return False, (
                f"your answer is not a multiple of the expected one: the angle between "
                f"their directions is {angle:.1f}°"
            )
    elif up_to == "column_signs":
        if a.ndim == 1:
            a, e, tol = a[:, None], e[:, None], np.atleast_2d(tol).reshape(-1, 1)
        signs = np.where(np.sum(a * e, axis=0) < 0, -1.0, 1.0)
        candidate = a * signs
    else:  # pragma: no cover - guarded by check()
        raise AssertionError(up_to)
    diff = np.abs(candidate - e)
    if np.all(diff <= tol):
        return True, ""
    worst = np.unravel_index(np.argmax(diff - tol), diff.shape)
    where = f" at index {tuple(int(i) for i in worst)}" if diff.ndim else ""
    return False, (
        f"off by {float(diff[worst]):.3g}{where} "
        f"(expected {float(np.atleast_1d(e)[worst] if e.ndim else e):.6g}, "
        f"got {float(np.atleast_1d(candidate)[worst] if candidate.ndim else candidate):.6g})"
    )


def check(
    name: str,
    answer,
    expected,
    *,
    up_to: str = "exact",
    atol: float = 1e-8,
    rtol: float = 1e-6,
    hint: str | None = None,
) -> None:
    """Compare a reader's answer with the expected one and print the verdict.

    Parameters
    ----------
    name : str
        A short label for the exercise, printed with the verdict.
    answer : object
        The reader's answer: a number, an array, or any comparable object.
        ``...`` (Ellipsis) means "not answered yet".
    expected : object
        The correct answer.
    up_to : {"exact", "sign", "scale", "column_signs", "set"}, optional
        Which equivalent answers to accept (see the module docstring).
    atol, rtol : float, optional
        Absolute and relative tolerance, elementwise.
    hint : str, optional
        Printed after a wrong answer.

    Returns
    -------
    None
        The verdict is printed (so a notebook cell shows only that line); use
        :func:`compare` to get it as a value. Never raises because of ``answer``.

    Raises
    ------
    ValueError
        If ``up_to`` is not one of the accepted modes (a mistake of the
        exercise's author, not of the reader).

    Examples
    --------
    >>> check("λ of [[2,1],[1,2]]", [3, 1], [1, 3], up_to="set")
    ✅ λ of [[2,1],[1,2]]: correct (checked up to set).
    """
    if up_to not in UP_TO:
        raise ValueError(f"up_to must be one of {UP_TO}, got {up_to!r}")
    if answer is Ellipsis:
        print(f"⏳ {name}: no answer yet. Replace ... with your answer and run the cell again.")
        return None
    try:
        ok, detail = compare(answer, expected, up_to=up_to, atol=atol, rtol=rtol)
    except Exception as exc:  # a reader's answer must never crash the check
        ok, detail = False, f"could not compare your answer ({type(exc).__name__}: {exc})"
    if ok:
        accepted = "" if up_to == "exact" else f" (checked up to {up_to.replace('_', ' ')})"
        print(f"✅ {name}: correct{accepted}.")
        return None
    message = f"❌ {name}: not yet. {detail}."
    if hint:
        message += f"\n   Hint: {hint}"
    print(message)
    return None
