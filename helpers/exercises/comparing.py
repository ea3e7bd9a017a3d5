"""Is a reader's answer right? The silent core of the exercise checker.

:func:`compare` decides, and says *what* is off (the shape, the sign, the
scale, which entries, how large the error is) without ever saying what the
right answer is. Equivalent answers are accepted where the mathematics says
they are equal:

==================  ========================================================
``up_to``           accepted answers
==================  ========================================================
``"exact"``         equal within ``atol + rtol·|expected|`` (the default)
``"sign"``          ``answer ≈ ±expected`` (one global sign)
``"scale"``         ``answer ≈ c·expected`` for some nonzero scalar ``c``
``"column_signs"``  each column may be flipped on its own (singular vectors)
``"set"``           the same values in any order (eigenvalues, roots)
==================  ========================================================

An expected value may be a number, an array, a string, a bool, or a tuple of
those (for example the three factors ``(U, s, Vt)``); ``up_to`` may then be a
tuple with one mode per part. Complex and infinite expected values work.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Real

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["UP_TO", "Verdict", "compare"]

UP_TO = ("exact", "sign", "scale", "column_signs", "set")


@dataclass(frozen=True)
class Verdict:
    """The outcome of :func:`compare`.

    Attributes
    ----------
    ok : bool
        Whether the answer is accepted.
    detail : str
        What is off (empty when ``ok``). Never contains the expected value.
    """

    ok: bool
    detail: str = ""

    def __iter__(self):  # ``ok, detail = compare(...)`` keeps working
        return iter((self.ok, self.detail))


def _numeric(value):
    """Return ``value`` as a float or complex array, or a string saying why not."""
    if value is None:
        return "your answer is None: assign a value to the answer variable"
    if isinstance(value, str | bytes | dict | set | frozenset):
        return f"expected a number or a list of numbers, got a {type(value).__name__}"
    if isinstance(value, bool | np.bool_):
        return "expected a number, got True/False"
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):
        return "your answer is a ragged list (rows of different lengths) or holds non-numbers"
    if arr.dtype.kind in "biuf":
        return arr.astype(float)
    if arr.dtype.kind == "c":
        return arr.astype(complex)
    if arr.dtype.kind == "O":  # e.g. sympy numbers, or a mix of numbers and other things
        try:
            arr = arr.astype(complex)
        except (TypeError, ValueError):
            return "your answer holds something that is not a number"
        return arr.real.copy() if not np.any(arr.imag) else arr
    return f"expected a number or an array of numbers, got {type(value).__name__}"


def _validate_mode(up_to):
    if not isinstance(up_to, str) or up_to not in UP_TO:
        raise ValueError(f"up_to must be one of {UP_TO}, got {up_to!r}")


def _validate_tolerance(name, value):
    if isinstance(value, bool) or not isinstance(value, Real | np.floating | np.integer):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite number ≥ 0, got {value!r}")


def _shape_text(shape):
    return "a single number" if shape == () else f"an array of shape {shape}"


def _scaled(x):
    """``x / m`` and ``m``, with ``m`` the largest finite magnitude (1 for a zero array)."""
    finite = np.abs(x[np.isfinite(x)])
    m = float(finite.max()) if finite.size else 1.0
    return (x / m if m > 0 else x), (m if m > 0 else 1.0)


def _match_set(a, e):
    """Reorder the values of ``a`` to face their nearest partners in ``e`` (both 1-D)."""
    scale = max(_scaled(a)[1], _scaled(e)[1])
    cost = np.abs(a[:, None] / scale - e[None, :] / scale)
    both_same_inf = np.isinf(a[:, None]) & (a[:, None] == e[None, :])
    cost = np.where(both_same_inf, 0.0, cost)
    cost = np.where(np.isfinite(cost), cost, 1e6)
    rows, cols = linear_sum_assignment(cost)
    out = np.empty_like(a)
    out[cols] = a[rows]
    return out


def _close(candidate, e, atol, rtol):
    """Elementwise acceptance, treating infinities of the same sign as equal."""
    with np.errstate(all="ignore"):
        diff = np.abs(candidate - e)
        ok = np.isfinite(e) & (diff <= atol + rtol * np.abs(e))
    same_inf = np.isinf(e) & (candidate == e)
    return ok | same_inf, np.where(same_inf, 0.0, diff)


def _flip_signs(a, e, up_to):
    """The sign-flipped ``a`` closest to ``e`` for ``"sign"`` and ``"column_signs"``."""
    a_s, _ = _scaled(a)
    e_s, _ = _scaled(e)
    if up_to == "sign":
        return a if np.real(np.vdot(e_s, a_s)) >= 0 else -a
    a2, e2 = (a_s[:, None], e_s[:, None]) if a.ndim == 1 else (a_s, e_s)
    signs = np.where(np.real(np.sum(np.conj(e2) * a2, axis=0)) < 0, -1.0, 1.0)
    return (a[:, None] * signs)[:, 0] if a.ndim == 1 else a * signs


def _best_multiple(a, e):
    """``c·a`` closest to ``e`` (least squares), computed without overflow, or None."""
    a_s, _ = _scaled(a)
    e_s, me = _scaled(e)
    if not (np.all(np.isfinite(a_s)) and np.all(np.isfinite(e_s))):
        return None
    denom = np.real(np.vdot(a_s, a_s))
    if denom == 0:
        return None
    return a_s * (np.vdot(a_s, e_s) / denom) * me


def _what_is_off(a, e, candidate, ok, diff, atol, rtol, up_to):
    """Describe a wrong numeric answer without revealing the expected value."""
    if up_to in ("exact", "set") and np.all(_close(-a, e, atol, rtol)[0]) and np.any(e != 0):
        return "the size is right but the sign is wrong"
    if up_to in ("exact", "sign", "set") and a.size > 1 and np.any(a != 0):
        multiple = _best_multiple(a, e)
        if multiple is not None and np.all(_close(multiple, e, atol, rtol)[0]):
            return (
                "your answer points the right way, but every entry is off by the same "
                "factor: check the normalization"
            )
    with np.errstate(all="ignore"):
        e_norm = np.linalg.norm(_scaled(e)[0])
        rel = np.linalg.norm(_scaled(candidate - e)[0]) * _scaled(candidate - e)[1]
        rel = rel / (e_norm * _scaled(e)[1]) if e_norm > 0 else np.inf
    size = f"relative error {rel:.1e}" if np.isfinite(rel) else "far off"
    if e.ndim == 0:
        direction = ""
        if np.isrealobj(candidate) and np.isfinite(candidate) and np.isfinite(e):
            direction = ", too large" if candidate > e else ", too small"
        return f"not accepted ({size}{direction})"
    bad = int(np.count_nonzero(~ok))
    worst = np.unravel_index(int(np.argmax(np.where(ok, -1.0, diff))), diff.shape)
    where = tuple(int(i) for i in worst)
    return f"{bad} of {ok.size} entries are off, the worst at index {where} ({size})"


def _compare_numeric(answer, expected, up_to, atol, rtol):
    e = _numeric(expected)
    if isinstance(e, str):
        raise TypeError(f"expected must be numeric here, got {type(expected).__name__}")
    a = _numeric(answer)
    if isinstance(a, str):
        return Verdict(False, a)
    if np.iscomplexobj(a) and not np.iscomplexobj(e):
        imag = np.abs(a.imag)
        if np.any(imag > atol + rtol * np.abs(a.real)):
            return Verdict(
                False, "your answer has a nonzero imaginary part, but this answer is real"
            )
        a = a.real
    if a.size == 1 and e.size == 1:
        a, e = a.reshape(()), e.reshape(())
    if up_to == "set":
        a, e = a.ravel(), e.ravel()
        if a.size != e.size:
            return Verdict(False, f"expected {e.size} values, got {a.size}")
    if a.shape != e.shape:
        return Verdict(
            False, f"wrong shape: expected {_shape_text(e.shape)}, got {_shape_text(a.shape)}"
        )
    if np.any(np.isnan(a)):
        return Verdict(False, "your answer contains NaN")
    stray_inf = np.isinf(a) & np.isfinite(e)
    if np.any(stray_inf):
        return Verdict(False, "your answer contains an infinity where a finite number belongs")
    if up_to == "set":
        candidate = _match_set(a, e)
    elif up_to in ("sign", "column_signs"):
        candidate = _flip_signs(a, e, up_to)
    elif up_to == "scale":
        if not np.any(a != 0):
            return Verdict(False, "your answer is zero, and a zero vector is never a valid answer")
        candidate = _best_multiple(a, e)
        if candidate is None:
            return Verdict(False, "an answer up to scale must be finite")
        ok, _ = _close(candidate, e, atol, rtol)
        if not np.all(ok):
            cosine = abs(np.vdot(_scaled(a)[0], _scaled(e)[0])) / (
                np.linalg.norm(_scaled(a)[0]) * np.linalg.norm(_scaled(e)[0])
            )
            angle = np.degrees(np.arccos(min(float(cosine), 1.0)))
            return Verdict(
                False,
                f"your answer is not a multiple of the right one: the angle between "
                f"their directions is {angle:.1f}°",
            )
    else:
        candidate = a
    ok, diff = _close(candidate, e, atol, rtol)
    if np.all(ok):
        return Verdict(True)
    return Verdict(False, _what_is_off(a, e, candidate, ok, diff, atol, rtol, up_to))


def compare(answer, expected, *, up_to="exact", atol=1e-8, rtol=1e-6) -> Verdict:
    """Return a :class:`Verdict`: is ``answer`` equal to ``expected`` up to ``up_to``?

    Parameters
    ----------
    answer : object
        The reader's answer. Anything may come in; a wrong type is a wrong
        answer, never an exception.
    expected : number, array_like, str, bool or tuple of those
        The right answer. A tuple is compared part by part.
    up_to : str or tuple of str, optional
        Which equivalent answers to accept (see the module docstring); a tuple
        gives one mode per part of a tuple ``expected``.
    atol, rtol : float, optional
        Absolute and relative tolerance, elementwise: an entry passes when
        ``|answer − expected| ≤ atol + rtol·|expected|``.

    Returns
    -------
    Verdict
        ``ok`` and, when not ok, what is off. It unpacks as ``ok, detail``.

    Raises
    ------
    ValueError, TypeError
        Only for a mistake of the exercise's author: an unknown ``up_to``, a
        negative or non-numeric tolerance, or a ``expected`` of no usable type.

    Examples
    --------
    >>> compare([0.0, -2.0], [0.0, 1.0], up_to="scale").ok
    True
    >>> compare([3, 1], [1, 3], up_to="set").ok
    True
    >>> compare(2.5, 3.0).detail
    'not accepted (relative error 1.7e-01, too small)'
    """
    _validate_tolerance("atol", atol)
    _validate_tolerance("rtol", rtol)
    if isinstance(expected, tuple):
        modes = up_to if isinstance(up_to, tuple) else (up_to,) * len(expected)
        if len(modes) != len(expected):
            raise ValueError(
                f"up_to must give one mode per part of expected ({len(expected)}), got {up_to!r}"
            )
        for mode in modes:
            _validate_mode(mode)
        if not isinstance(answer, tuple | list) or len(answer) != len(expected):
            return Verdict(
                False,
                f"expected {len(expected)} parts (for example a tuple), got "
                + (
                    f"{len(answer)}" if isinstance(answer, tuple | list) else type(answer).__name__
                ),
            )
        for i, (part, exp, mode) in enumerate(zip(answer, expected, modes, strict=True)):
            verdict = compare(part, exp, up_to=mode, atol=atol, rtol=rtol)
            if not verdict.ok:
                return Verdict(False, f"part {i + 1} of {len(expected)}: {verdict.detail}")
        return Verdict(True)
    _validate_mode(up_to)
    if isinstance(expected, bool | np.bool_):
        if isinstance(answer, bool | np.bool_):
            return Verdict(bool(answer) == bool(expected), "" if answer == expected else "no")
        return Verdict(False, f"expected True or False, got {type(answer).__name__}")
    if isinstance(expected, str):
        if not isinstance(answer, str):
            return Verdict(False, f"expected a word (a str), got {type(answer).__name__}")
        ok = answer.strip().casefold() == expected.strip().casefold()
        return Verdict(ok, "" if ok else "that is not the word we are looking for")
    with np.errstate(all="ignore"):  # infinities are handled explicitly, not warned about
        return _compare_numeric(answer, expected, up_to, atol, rtol)
