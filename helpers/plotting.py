"""One plotting style for the whole course.

The palette is Okabe & Ito's (2008) eight colours, chosen to stay distinct
under the common forms of colour blindness. Every notebook calls
:func:`use_course_style` in its first cell.
"""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler

__all__ = ["COLORS", "use_course_style"]

#: Okabe–Ito colours by name (https://jfly.uni-koeln.de/color/).
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

_CYCLE = ["blue", "orange", "green", "vermillion", "sky", "purple", "black", "yellow"]


def use_course_style() -> None:
    """Set the course's matplotlib style: readable sizes, colour-blind-safe colours.

    The settings apply to every figure made afterwards in the session. They
    are plain ``rcParams`` so a reader can see and change each one.

    Examples
    --------
    >>> use_course_style()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["axes.prop_cycle"].by_key()["color"][0]
    '#0072B2'
    """
    mpl.rcParams.update(
        {
            "figure.figsize": (7.0, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "figure.constrained_layout.use": True,
            "font.size": 12,
            "axes.titlesize": 13,
            "axes.labelsize": 12,
            "legend.fontsize": 11,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": cycler(color=[COLORS[c] for c in _CYCLE]),
            "image.cmap": "viridis",
            "lines.linewidth": 2.0,
            "lines.markersize": 6,
        }
    )
