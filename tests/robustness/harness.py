"""The machinery of the robustness suite: what a spec is, and how one is checked.

A *spec file* (``spec_<module>.py``, see README.md) declares, for every name in
one helpers module's ``__all__``, how to call it and what to expect:

- ``bad``: calls that must raise ``ValueError`` or ``TypeError`` whose message
  names the argument at fault (:class:`Bad`);
- ``good``: a Hypothesis strategy of valid and edge-case arguments (huge and
  tiny scales, ties, rank deficiency, …) and a ``check`` that the result is
  correct; the result must also be finite unless the spec says otherwise;
- for a constant, ``check`` alone (:func:`constant`).

Every call gets deep copies of its arguments, and the runner asserts that the
arguments are unchanged afterwards, and that no exception other than
``ValueError``/``TypeError`` (plus what a spec documents in ``allowed``) escapes.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

__all__ = [
    "Args",
    "Bad",
    "Spec",
    "constant",
    "ensure",
    "same",
    "all_finite",
    "run_bad",
    "run_good",
]


@dataclasses.dataclass(frozen=True)
class Args:
    """Positional and keyword arguments of one call."""

    args: tuple = ()
    kwargs: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def __repr__(self) -> str:
        parts = [_short(a) for a in self.args] + [
            f"{k}={_short(v)}" for k, v in self.kwargs.items()
        ]
        return f"({', '.join(parts)})"


def _short(value) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."


@dataclasses.dataclass(frozen=True)
class Bad:
    """A call that must be refused with ValueError/TypeError naming ``names``.

    Parameters
    ----------
    call : Args
        The arguments.
    names : str or tuple of str
        The message must contain at least one of these (the argument at fault).
    error : type or tuple of types, optional
        The exception type(s) expected; by default ValueError or TypeError.
    """

    call: Args
    names: str | tuple[str, ...]
    error: type | tuple[type, ...] = (ValueError, TypeError)


@dataclasses.dataclass(frozen=True)
class Spec:
    """How to exercise one public name.

    Parameters
    ----------
    func : callable, optional
        What to call (the public function, a class, or a lambda around a method).
        ``None`` for a constant.
    bad : tuple of Bad
        Calls that must be refused.
    good : hypothesis strategy of Args, optional
        Valid and edge-case calls.
    check : callable, optional
        ``check(result, args)`` for good calls (``args`` are the Args, still
        intact); for a constant, ``check(value)``. Raise AssertionError on a
        wrong result.
    finite : bool
        Require every float in the result to be finite (default True). Set
        False where ``inf`` is a documented answer (and check it in ``check``).
    allowed : tuple of exception types
        Exceptions a good call may raise besides ValueError/TypeError, when
        the function documents them (a non-convergence error, say).
    refusal_names : tuple of str
        On a good call, a ValueError/TypeError is acceptable (an input the
        strategy could not rule out, such as a rank-deficient matrix) only if
        its message contains one of these names.
    max_examples : int
        Hypothesis examples for ``good``.
    """

    func: Callable | None = None
    bad: tuple[Bad, ...] = ()
    good: Any = None
    check: Callable | None = None
    finite: bool = True
    allowed: tuple[type, ...] = ()
    refusal_names: tuple[str, ...] = ()
    max_examples: int = 25


def ensure(condition, message: str = "wrong result") -> None:
    """``assert`` as a function, for one-line ``check`` lambdas."""
    if not condition:
        raise AssertionError(message)


def constant(check: Callable) -> Spec:
    """A spec for a public constant: ``check(value)`` asserts what it must be."""
    return Spec(func=None, check=check)


def same(a, b) -> bool:
    """Deep equality for what helpers take: arrays (NaN equal to NaN), containers, scalars."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind in "fc":
            return bool(np.array_equal(a, b, equal_nan=True))
        return bool(np.array_equal(a, b))
    if isinstance(a, np.random.Generator) and isinstance(b, np.random.Generator):
        return a.bit_generator.state == b.bit_generator.state
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if dataclasses.is_dataclass(a) and not isinstance(a, type) and type(a) is type(b):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    try:
        return bool(a == b)
    except Exception:  # objects without a usable ==: identity is all we can ask
        return a is b


def all_finite(value) -> bool:
    """Whether every float in ``value`` (arrays, tuples, dicts, dataclasses) is finite."""
    if isinstance(value, np.ndarray):
        return value.dtype.kind not in "fc" or bool(np.all(np.isfinite(value)))
    if isinstance(value, (float, np.floating)):
        return bool(np.isfinite(value))
    if isinstance(value, (list, tuple)):
        return all(all_finite(v) for v in value)
    if isinstance(value, dict):
        return all(all_finite(v) for v in value.values())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(all_finite(getattr(value, f.name)) for f in dataclasses.fields(value))
    return True


def _call(func, call: Args):
    args = copy.deepcopy(call.args)
    kwargs = copy.deepcopy(dict(call.kwargs))
    before = (copy.deepcopy(args), copy.deepcopy(kwargs))
    try:
        return func(*args, **kwargs), None, (args, kwargs), before
    except Exception as exc:  # every exception is judged by the caller
        return None, exc, (args, kwargs), before


def _assert_unchanged(label, after, before):
    assert same(after[0], before[0]) and same(after[1], before[1]), (
        f"{label} changed its input: before {before}, after {after}"
    )


def _names(names) -> tuple[str, ...]:
    return (names,) if isinstance(names, str) else tuple(names)


def run_bad(label: str, spec: Spec, bad: Bad) -> None:
    """Call ``spec.func`` with a bad input: a clear ValueError/TypeError, input unchanged."""
    result, exc, after, before = _call(spec.func, bad.call)
    assert exc is not None, f"{label}{bad.call!r} returned {result!r} instead of refusing"
    assert isinstance(exc, bad.error), (
        f"{label}{bad.call!r} raised {type(exc).__name__}: {exc} (expected "
        f"{bad.error if isinstance(bad.error, type) else [e.__name__ for e in bad.error]})"
    )
    message = str(exc)
    assert any(n in message for n in _names(bad.names)), (
        f"{label}{bad.call!r}: the message does not name {_names(bad.names)}: {message!r}"
    )
    _assert_unchanged(label, after, before)


def run_good(label: str, spec: Spec, call: Args) -> None:
    """Call ``spec.func`` with a valid or edge-case input: a correct finite result (or a clear
    refusal naming an argument), input unchanged."""
    result, exc, after, before = _call(spec.func, call)
    _assert_unchanged(label, after, before)
    if exc is not None:
        if isinstance(exc, spec.allowed):
            return
        assert isinstance(exc, (ValueError, TypeError)), (
            f"{label}{call!r} raised {type(exc).__name__}: {exc}"
        )
        assert spec.refusal_names and any(n in str(exc) for n in spec.refusal_names), (
            f"{label}{call!r} refused a valid input: {type(exc).__name__}: {exc}"
        )
        return
    if spec.finite:
        assert all_finite(result), f"{label}{call!r} returned a non-finite result {result!r}"
    if spec.check is not None:
        spec.check(result, call)
