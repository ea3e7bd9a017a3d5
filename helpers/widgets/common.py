"""Pieces every course widget shares.

- :func:`widget_esm` reads a widget's ES module (the ``.js`` file beside its
  Python module) with ``common.js`` in front, so each view is one
  self-contained module: JupyterLab runs it through anywidget, and
  ``tools/build_site.py``/``tools/build_slides.py`` inline the same text in the
  static pages with a small model shim.
- :class:`StaticState` adds the widget's state to its output as
  :data:`STATIC_MIME`, which the site and deck builders read to seed the
  kernel-free copy of the widget.
- :func:`format_number` is the number format of every readout (the Python twin
  of ``fmt`` in ``common.js``).
- :func:`status_html` and :func:`guarded`: a status line, and a guard that turns
  a callback's exception into a message there (a widget never raises into the
  kernel).
"""

from __future__ import annotations

import functools
import html
import math
import numbers
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import traitlets

from ..validation import as_rank

__all__ = [
    "STATIC_MIME",
    "StaticState",
    "format_number",
    "guarded",
    "new_status",
    "status_html",
    "widget_esm",
]

#: The MIME type under which a widget's output carries its state for the static
#: site and decks: ``{"kind": <widget name>, "state": {...}}``.
STATIC_MIME = "application/vnd.course.widget-state+json"

_HERE = Path(__file__).resolve().parent


def widget_esm(name: str) -> str:
    """Return the ES module of widget ``name``: ``common.js`` then ``<name>.js``.

    Parameters
    ----------
    name : str
        The widget's module name, e.g. ``"matrix_explorer"``.

    Returns
    -------
    str
        JavaScript text with no ``import`` and one ``export default``.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If there is no such widget ``.js`` file beside this module.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a widget module's name (a str), got {type(name).__name__}")
    path = _HERE / f"{name}.js"
    if not name.isidentifier() or name == "common" or not path.exists():
        raise ValueError(f"name must name a widget module with a .js file, got {name!r}")
    return (_HERE / "common.js").read_text(encoding="utf-8") + "\n" + path.read_text("utf-8")


class TraitTypeError(traitlets.TraitError, TypeError):
    """A trait given a value of the wrong type: a ``TypeError`` (and still a ``TraitError``)."""


class TraitValueError(traitlets.TraitError, ValueError):
    """A trait given a value out of range: a ``ValueError`` (and still a ``TraitError``).

    Inside ``hold_trait_notifications``, which ``set_state`` uses to apply a
    front end's message, traitlets restores the old values only when a
    validator raises a ``TraitError``: a bare ``ValueError`` would leave the
    refused value set.
    """


def _rolling_back(validator):
    """Wrap a ``@traitlets.validate`` handler so its refusals are also ``TraitError``s."""

    def validate(obj, proposal):
        try:
            return validator(obj, proposal)
        except traitlets.TraitError:
            raise
        except ValueError as exc:
            raise TraitValueError(str(exc)) from None
        except TypeError as exc:
            raise TraitTypeError(str(exc)) from None

    return validate


class _TypedTraitErrors:
    """Mixin: setting a trait to a value of the wrong type raises :class:`TraitTypeError`.

    traitlets raises a bare ``TraitError`` (no ``TypeError``), and it turns a
    boolean into a number (``step=True`` would be 1.0); the course's rule is a
    ``TypeError`` naming the argument, a flag is never a number, and an
    integer trait takes integers only (traitlets would turn 2.0 into 2).
    A value the front end sends is set with ``set_trait``, not through here;
    its validators' refusals become :class:`TraitValueError` or
    :class:`TraitTypeError`, so that ``set_state`` rolls a refused message back.
    """

    def _register_validator(self, handler, names):
        super()._register_validator(_rolling_back(handler), names)

    def __setattr__(self, name, value):
        trait = getattr(type(self), name, None)
        if isinstance(trait, (traitlets.Float, traitlets.Int)) and isinstance(
            value, (bool, np.bool_)
        ):
            raise TraitTypeError(f"{name} must be a number, got {value!r} (a bool)")
        if isinstance(trait, traitlets.Int) and not isinstance(value, numbers.Integral):
            # traitlets would take 2.0 as 2; a count or a rank is an integer
            raise TraitTypeError(
                f"{name} must be an integer, got {value!r:.40} ({type(value).__name__})"
            )
        try:
            super().__setattr__(name, value)
        except traitlets.TraitError as exc:
            if isinstance(exc, (TypeError, ValueError)):
                raise
            raise TraitTypeError(str(exc)) from None


class StaticState(_TypedTraitErrors):
    """Mixin for a widget whose output also carries its state (:data:`STATIC_MIME`).

    A subclass sets ``static_kind`` (its ``.js`` module's name) and implements
    :meth:`static_state`, the JSON-able state the view starts from. A trait
    set to a value of the wrong type raises a ``TypeError`` naming the trait
    (:class:`TraitTypeError`, still a ``traitlets.TraitError``).
    """

    static_kind = ""

    def static_state(self) -> dict:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        if data is None:
            return bundle
        data = dict(data)
        data[STATIC_MIME] = {"kind": self.static_kind, "state": self.static_state()}
        return (data, metadata) if isinstance(bundle, tuple) else data


def format_number(x: float, decimals: int = 3) -> str:
    """Format a number as the widgets show it: bounded digits, 0 for zero, "−" as minus.

    Parameters
    ----------
    x : float
        The number (NaN and ±∞ are shown as ``NaN``, ``∞``, ``−∞``).
    decimals : int, optional
        Digits after the point, 0 to 17 (fixed notation for ``1e-3 ≤ |x| < 1e6``,
        scientific otherwise, so no number runs off the line).

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``x`` is not a real number (strings and booleans included) or
        ``decimals`` is not an integer.
    ValueError
        If ``decimals`` is outside 0…17.

    Examples
    --------
    >>> format_number(-0.0), format_number(2.5), format_number(1e308), format_number(-4e-5)
    ('0', '2.500', '1.000e+308', '−4.000e-5')
    """
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"x must be a real number, got {x!r:.40} ({type(x).__name__})")
    decimals = as_rank(decimals, "decimals", low=0, high=17)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e6:
        text = f"{x:.{decimals}f}"
        if float(text) == 0:
            text = "0"
    else:
        mantissa, exponent = f"{x:.{decimals}e}".split("e")
        text = f"{mantissa}e{'-' if exponent[0] == '-' else '+'}{int(exponent[1:])}"
    return text.replace("-", "−", 1)


_STYLES = {
    "ok": ("#009E73", "✔"),
    "info": ("#0072B2", "ℹ"),
    "warning": ("#E69F00", "⚠"),
    "error": ("#D55E00", "✖"),
}


def status_html(text: str, kind: str = "info") -> str:
    """Return an HTML snippet for a one-line status message.

    Parameters
    ----------
    text : str
        The message (escaped, so it may contain ``<`` and ``&``).
    kind : {"ok", "info", "warning", "error"}, optional
        Sets the colour and icon.

    Returns
    -------
    str
        HTML for an ``ipywidgets.HTML`` value.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If ``kind`` is not one of the four kinds.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if not isinstance(kind, str) or kind not in _STYLES:
        raise ValueError(f"kind must be one of {sorted(_STYLES)}, got {kind!r}")
    colour, icon = _STYLES[kind]
    return (
        f'<div class="course-status course-status-{kind}" '
        f'style="color:{colour};font-weight:600">{icon} {html.escape(text)}</div>'
    )


def new_status() -> widgets.HTML:
    """Return an empty HTML widget to hold a widget's status line."""
    return widgets.HTML(value="")


def guarded(status: widgets.HTML):
    """Decorate a widget callback so that exceptions become a status message.

    Parameters
    ----------
    status : ipywidgets.HTML
        Where the message goes. It is cleared when the callback succeeds,
        unless the callback set a message itself.

    Returns
    -------
    callable
        A decorator (of a callable).

    Raises
    ------
    TypeError
        If ``status`` is not an ``ipywidgets.HTML`` (or the decorated object
        is not callable).

    Examples
    --------
    >>> status = new_status()
    >>> @guarded(status)
    ... def update(change=None):
    ...     raise ValueError("k must be at least 1")
    >>> update()
    >>> "k must be at least 1" in status.value
    True
    """

    if not isinstance(status, widgets.HTML):
        raise TypeError(f"status must be an ipywidgets.HTML, got {type(status).__name__}")

    def decorate(callback):
        if not callable(callback):
            raise TypeError(f"callback must be callable, got {type(callback).__name__}")

        @functools.wraps(callback)
        def wrapper(*args, **kwargs):
            before = status.value
            try:
                result = callback(*args, **kwargs)
            except Exception as exc:  # a widget never raises into the kernel
                status.value = status_html(f"{type(exc).__name__}: {exc}", "error")
                return None
            if status.value == before and "course-status-error" in before:
                status.value = ""
            return result

        return wrapper

    return decorate
