"""Pieces every course widget shares: a status line and a guard for callbacks.

A widget must never crash the kernel or leave a traceback in the notebook: a
callback wrapped by :func:`guarded` shows any exception as a message in the
widget's status line instead.
"""

from __future__ import annotations

import functools
import html

import ipywidgets as widgets

__all__ = ["status_html", "guarded", "new_status"]

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
    ValueError
        If ``kind`` is not one of the four kinds.
    """
    if kind not in _STYLES:
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
        A decorator.

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

    def decorate(callback):
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
