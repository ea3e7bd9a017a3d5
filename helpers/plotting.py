"""One plotting style for the whole course, in a light and a dark variant.

The palette is Okabe & Ito's (2008) colours, chosen to stay distinct under
the common forms of colour blindness. Every notebook calls
:func:`use_course_style` in its first cell.

The light variant draws on white (opaque, as the stored outputs, the site, the
decks and GitHub show it: a white figure stays readable on any page, dark ones
included); the dark variant is transparent, so it sits on JupyterLab Dark's own
background. Text, axes and line colours are chosen for each:

- ``"light"``: near-black text on white (JupyterLab Light, the site, the decks);
- ``"dark"``: light-grey text for JupyterLab Dark;
- ``"auto"`` (the default): ``"dark"`` when the JupyterLab that started this
  kernel uses a dark theme, else ``"light"`` (see :func:`course_theme`).

A kernel cannot ask the browser which theme it shows, so ``"auto"`` reads
JupyterLab's theme setting from the user-settings folder, as a JupyterLab on
the same machine (``make lab``) writes it. When the theme changes, run the
first cell and the figure cells again. A dark-variant figure shown on a light
theme stays legible: matplotlib's inline backend marks a transparent PNG with
light text as needing a dark background, and JupyterLab draws one behind it.

Colours (WCAG 2.1 contrast against the background, tested in
``tests/test_figures.py``): text at least 4.5:1, lines and markers at least
3:1. Okabe–Ito's orange, sky blue and reddish purple fall just short of 3:1 on
white, so the light variant darkens them a little (same hue); the yellow is at
1.3:1 on white and would have to turn olive to pass, close to the darkened
orange, so it is left out of the colour cycle in both variants (a series keeps
its colour when the theme changes) and kept in :data:`COLORS` (on dark it is
the clearest colour of all). "black" is the foreground colour: black on light,
light grey on dark.

The cycle pairs each colour with its own line style, so no series is told
apart by colour alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib as mpl
from cycler import cycler

__all__ = ["COLORS", "course_theme", "use_course_style"]

#: Okabe–Ito colours by name, as published (https://jfly.uni-koeln.de/color/).
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: The colours of each variant. Light: orange, sky and purple darkened (HLS
#: lightness lowered, hue kept) to at least 3.2:1 on white, yellow darkened to
#: 3.2:1 for the rare explicit use; "grey" is a neutral for reference lines.
#: Dark: the published colours (each at least 3:1 on #212121), black becomes
#: the foreground grey.
PALETTES = {
    "light": {
        **OKABE_ITO,
        "orange": "#BD8300",
        "sky": "#1D96DB",
        "purple": "#CA73A3",
        "yellow": "#9C920C",
        "grey": "#666666",
    },
    "dark": {**OKABE_ITO, "black": "#DDDDDD", "grey": "#999999"},
}

#: Backgrounds the figures are drawn on: the notebook area of JupyterLab Light
#: (white), and JupyterLab Dark's --jp-layout-color0 (#111111) and
#: --jp-layout-color1 (#212121, cells and editors). Every colour is checked
#: against each background of its variant.
BACKGROUNDS = {"light": ("#FFFFFF",), "dark": ("#111111", "#212121")}

#: Text and axes colour of each variant.
TEXT = {"light": "#222222", "dark": "#DDDDDD"}

#: The colour cycle (names in :data:`COLORS`), the same in both variants.
CYCLE = ["blue", "orange", "green", "vermillion", "sky", "purple", "black"]
#: One line style per colour of :data:`CYCLE`: solid, dashed, dotted,
#: dash-dot, long dash, dash-dot-dot, loosely dotted.
LINESTYLES = ["-", "--", ":", "-.", (0, (8, 3)), (0, (5, 2, 1, 2, 1, 2)), (0, (1, 3))]

#: The current variant's colours by name. :func:`use_course_style` updates this
#: dict in place, so ``from helpers.plotting import COLORS`` follows the theme.
COLORS = dict(PALETTES["light"])

THEMES = ("light", "dark", "auto")


def _settings_dirs() -> list[Path]:
    """Where JupyterLab keeps user settings (JupyterLab's own rule, then the default)."""
    dirs = []
    if os.environ.get("JUPYTERLAB_SETTINGS_DIR"):
        dirs.append(Path(os.environ["JUPYTERLAB_SETTINGS_DIR"]))
    config = os.environ.get("JUPYTER_CONFIG_DIR") or str(Path.home() / ".jupyter")
    dirs.append(Path(config) / "lab" / "user-settings")
    return dirs


def _strip_comments(text: str) -> str:
    """JupyterLab's settings files are JSON5-ish: drop ``//`` comment lines."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def course_theme() -> str:
    """The theme ``use_course_style(theme="auto")`` picks: ``"light"`` or ``"dark"``.

    In order: the environment variable ``COURSE_THEME`` (``light`` or
    ``dark``); then, only in a kernel started by a Jupyter server (it sets
    ``JPY_SESSION_NAME``), JupyterLab's theme setting
    (``@jupyterlab/apputils-extension/themes.jupyterlab-settings`` in
    ``$JUPYTERLAB_SETTINGS_DIR`` or ``$JUPYTER_CONFIG_DIR/lab/user-settings``):
    a theme whose name contains "Dark" is dark. Anything else, including
    "Synchronize with System Settings" (the browser decides, the kernel cannot
    know) and notebooks executed by nbconvert or nbval, gives ``"light"``: the
    stored outputs do not depend on who ran them.

    Returns
    -------
    str
        ``"light"`` or ``"dark"``.

    Raises
    ------
    ValueError
        If ``COURSE_THEME`` is set to anything but ``light`` or ``dark``.
    """
    forced = os.environ.get("COURSE_THEME", "").strip().lower()
    if forced:
        if forced not in ("light", "dark"):
            raise ValueError(f"COURSE_THEME must be 'light' or 'dark', got {forced!r}")
        return forced
    if not os.environ.get("JPY_SESSION_NAME"):
        return "light"
    name = Path("@jupyterlab", "apputils-extension", "themes.jupyterlab-settings")
    for folder in _settings_dirs():
        try:
            settings = json.loads(_strip_comments((folder / name).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
        if not isinstance(settings, dict) or settings.get("adaptive-theme"):
            return "light"
        return "dark" if "dark" in str(settings.get("theme", "")).lower() else "light"
    return "light"


def use_course_style(theme: str = "auto") -> None:
    """Set the course's matplotlib style: readable sizes, contrast, colour-blind-safe cycle.

    The settings apply to every figure made afterwards in the session. They
    are plain ``rcParams`` so a reader can see and change each one.

    Parameters
    ----------
    theme : {"auto", "light", "dark"}
        The background the figures are for; ``"auto"`` asks
        :func:`course_theme`. :data:`COLORS` is updated to the variant's colours.

    Raises
    ------
    TypeError
        If ``theme`` is not a string.
    ValueError
        If ``theme`` is not one of ``"auto"``, ``"light"``, ``"dark"``.

    Examples
    --------
    >>> use_course_style("light")
    >>> import matplotlib as mpl
    >>> mpl.rcParams["axes.prop_cycle"].by_key()["color"][0]
    '#0072B2'
    >>> mpl.rcParams["figure.facecolor"]
    'white'
    """
    if not isinstance(theme, str):
        raise TypeError(f"theme must be a string, got {type(theme).__name__}")
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {THEMES}, got {theme!r}")
    if theme == "auto":
        theme = course_theme()
    palette = PALETTES[theme]
    COLORS.clear()
    COLORS.update(palette)
    text = TEXT[theme]
    background = BACKGROUNDS[theme][0]
    # light: opaque white; dark: transparent, on the notebook's own background
    face = "white" if theme == "light" else "none"
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
            "axes.prop_cycle": cycler(color=[palette[c] for c in CYCLE])
            + cycler(linestyle=LINESTYLES),
            "image.cmap": "viridis",
            "lines.linewidth": 2.0,
            "lines.markersize": 6,
            "figure.facecolor": face,
            "axes.facecolor": face,
            "savefig.facecolor": "auto",  # the figure's own
            "legend.facecolor": background,
            "legend.framealpha": 0.85,
            "legend.edgecolor": text,
            "legend.labelcolor": text,
            # text and axes in the theme's foreground colour
            "text.color": text,
            "axes.labelcolor": text,
            "axes.titlecolor": text,
            "axes.edgecolor": text,
            "xtick.color": text,
            "ytick.color": text,
            "grid.color": text,
            "figure.edgecolor": "none",
            "patch.edgecolor": text,
            "hatch.color": text,
            "lines.color": palette["black"],
            "boxplot.flierprops.markeredgecolor": text,
            "boxplot.boxprops.color": text,
            "boxplot.whiskerprops.color": text,
            "boxplot.capprops.color": text,
            "boxplot.medianprops.color": palette["orange"],
        }
    )
