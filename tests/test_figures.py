"""Static figures are made by code in the repository; the course style reads in both themes."""

import colorsys
import json
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from PIL import Image

matplotlib.use("Agg")

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.colors import to_rgb

from helpers import plotting
from helpers.plotting import COLORS, use_course_style

ROOT = Path(__file__).resolve().parents[1]


def luminance(colour) -> float:
    """WCAG 2.1 relative luminance."""
    channels = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)
    ]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a, b) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(autouse=True)
def _restore_style():
    with mpl.rc_context():
        yield
    use_course_style("light")
    plt.close("all")


def test_course_map_is_made_by_figures_script(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "figures" / "make_figures.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    made = tmp_path / "course_map.png"
    with Image.open(made) as fresh, Image.open(ROOT / "figures" / "course_map.png") as kept:
        assert fresh.size == kept.size


def test_contrast_of_known_pairs():
    """The contrast function itself: black on white is 21, white on white 1."""
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast("#F0E442", "#FFFFFF") < 3  # why the published yellow is not in the cycle


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_keeps_aa_contrast(theme):
    use_course_style(theme)
    keys = ["text.color", "axes.labelcolor", "axes.titlecolor", "xtick.color", "ytick.color"]
    keys += ["legend.labelcolor"]
    for background in plotting.BACKGROUNDS[theme]:
        for key in keys:
            ratio = contrast(mpl.rcParams[key], background)
            assert ratio >= 4.5, (theme, key, mpl.rcParams[key], background, round(ratio, 2))
    legend = mpl.rcParams["legend.facecolor"]
    assert contrast(mpl.rcParams["legend.labelcolor"], legend) >= 4.5


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_lines_and_markers_keep_3_to_1(theme):
    use_course_style(theme)
    cycle = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    named = dict(COLORS)
    for background in plotting.BACKGROUNDS[theme]:
        for name, colour in [("cycle", c) for c in cycle] + list(named.items()):
            ratio = contrast(colour, background)
            assert ratio >= 3.0, (theme, name, colour, background, round(ratio, 2))
        assert contrast(mpl.rcParams["axes.edgecolor"], background) >= 3.0
        assert contrast(mpl.rcParams["lines.color"], background) >= 3.0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_cycle_is_okabe_ito_and_varies_line_style_too(theme):
    use_course_style(theme)
    by_key = mpl.rcParams["axes.prop_cycle"].by_key()
    colours, styles = by_key["color"], by_key["linestyle"]
    assert colours[:3] == [COLORS["blue"], COLORS["orange"], COLORS["green"]]
    assert COLORS["yellow"] not in colours
    assert len(set(colours)) == len(colours) == len(styles)
    dashes = [mpl.lines._get_dash_pattern(s) for s in styles]
    assert len({(offset, tuple(seq or ())) for offset, seq in dashes}) == len(styles)
    # every cycle colour keeps its published hue (lightness may change); black stays neutral
    for name in plotting.CYCLE:
        h0, _, s0 = colorsys.rgb_to_hls(*to_rgb(plotting.OKABE_ITO[name]))
        h1, _, s1 = colorsys.rgb_to_hls(*to_rgb(COLORS[name]))
        if s0 == 0:
            assert s1 == 0, (name, COLORS[name])
        else:
            assert abs(h1 - h0) < 0.01, (name, COLORS[name], plotting.OKABE_ITO[name])


def test_plotted_lines_differ_in_style_not_only_colour():
    use_course_style("light")
    _, ax = plt.subplots()
    lines = [ax.plot([0, 1], [i, i + 1])[0] for i in range(len(plotting.CYCLE))]
    # the dash pattern drawn (get_linestyle() names every custom pattern "--")
    dashes = {
        (line._unscaled_dash_pattern[0], tuple(line._unscaled_dash_pattern[1] or ()))
        for line in lines
    }
    assert len(dashes) == len(lines)
    assert ax.plot([0, 1], "o")[0].get_linestyle() == "None"  # a marker format stays markers


@pytest.mark.parametrize("theme, alpha, needs", [("light", 255, None), ("dark", 0, "dark")])
def test_light_figures_are_white_and_dark_ones_transparent(theme, alpha, needs, tmp_path):
    """Light: an opaque white PNG (readable on any page). Dark: transparent, and marked.

    matplotlib-inline sends ``needs_background`` with a transparent figure
    whose tick labels share one lightness; JupyterLab Light then draws a dark
    background behind the dark variant's light text.
    """
    from matplotlib_inline.backend_inline import _fetch_figure_metadata

    use_course_style(theme)
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend()
    fig.savefig(tmp_path / "f.png")
    with Image.open(tmp_path / "f.png") as image:
        corner = image.convert("RGBA").getpixel((1, 1))
    assert corner[3] == alpha, corner
    if theme == "light":
        assert corner[:3] == (255, 255, 255), corner
    meta = _fetch_figure_metadata(fig)
    assert (meta or {}).get("needs_background") == needs, meta


def test_colors_dict_follows_the_theme():
    use_course_style("dark")
    assert COLORS["black"] == plotting.PALETTES["dark"]["black"]
    use_course_style("light")
    assert (
        COLORS["black"] == "#000000" and COLORS["orange"] == plotting.PALETTES["light"]["orange"]
    )


def test_bad_theme_is_refused():
    with pytest.raises(ValueError, match="theme must be one of"):
        use_course_style("sepia")
    with pytest.raises(TypeError, match="theme must be a string"):
        use_course_style(None)


def write_theme(folder: Path, body: str) -> None:
    path = folder / "@jupyterlab" / "apputils-extension" / "themes.jupyterlab-settings"
    path.parent.mkdir(parents=True)
    path.write_text(body)


@pytest.mark.parametrize(
    "body, session, expected",
    [
        (json.dumps({"theme": "JupyterLab Dark"}), "nb.ipynb", "dark"),
        ('{\n  // a comment\n  "theme": "JupyterLab Dark"\n}', "nb.ipynb", "dark"),
        (json.dumps({"theme": "JupyterLab Light"}), "nb.ipynb", "light"),
        (json.dumps({"theme": "JupyterLab Dark", "adaptive-theme": True}), "nb.ipynb", "light"),
        (json.dumps({"theme": "JupyterLab Dark"}), "", "light"),  # nbconvert / nbval: no server
        ("not json", "nb.ipynb", "light"),
    ],
)
def test_auto_theme_reads_jupyterlab_settings(tmp_path, monkeypatch, body, session, expected):
    write_theme(tmp_path, body)
    monkeypatch.delenv("COURSE_THEME", raising=False)
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(tmp_path))
    monkeypatch.setenv("JPY_SESSION_NAME", session)
    assert plotting.course_theme() == expected
    use_course_style()
    assert mpl.rcParams["text.color"] == plotting.TEXT[expected]


def test_course_theme_variable_wins(tmp_path, monkeypatch):
    write_theme(tmp_path, json.dumps({"theme": "JupyterLab Light"}))
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(tmp_path))
    monkeypatch.setenv("JPY_SESSION_NAME", "nb.ipynb")
    monkeypatch.setenv("COURSE_THEME", "dark")
    assert plotting.course_theme() == "dark"
    monkeypatch.setenv("COURSE_THEME", "purple")
    with pytest.raises(ValueError, match="COURSE_THEME"):
        plotting.course_theme()
