"""Figures in JupyterLab Dark: no bright rectangle, text that reads (issue 21, "Colour").

JupyterLab here runs with the theme setting "JupyterLab Dark", written before
the server starts, and the kernel sees the same settings folder
(``JUPYTERLAB_SETTINGS_DIR``), as with ``make lab``: ``use_course_style()``
(theme ``"auto"``) then picks the dark variant. From a screenshot of the
figure as the page shows it (the dark variant is a transparent PNG over JupyterLab's
background):

- the figure area is dark: fewer than 5 % of its pixels are bright
  (relative luminance above 0.6) and the background (its most frequent colour)
  has luminance below 0.05;
- its text is legible: the course style draws all text and the axes in one
  neutral colour. Where glyphs cover whole pixels they show exactly that
  colour; anti-aliased edges and the grid (drawn at 30 % opacity) are greys
  between it and the background. So the text colour is the neutral colour
  farthest from the background that fills at least 50 pixels (a stray pixel
  does not count), and its WCAG contrast against the background must be at
  least 4.5. If the text were faint, every neutral colour would be close to
  the background and the ratio low: the proxy cannot pass illegible text.

A second test opens a course notebook's stored outputs (made in the light
variant) in the dark theme and requires their text to be legible too.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
from browser_lab import LAPTOP, LabServer, open_notebook, run_all
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: figure_layout

import figure_layout

MIN_TEXT_PIXELS = 50  # a 12 pt tick label alone has dozens of fully covered pixels
DARK = {
    "@jupyterlab/apputils-extension/themes.jupyterlab-settings": '{"theme": "JupyterLab Dark"}'
}
NOTEBOOK = "dark_figure_check.ipynb"
CELLS = [
    "import matplotlib.pyplot as plt\nimport numpy as np\n\nimport helpers\nfrom helpers.plotting "
    "import COLORS, course_theme\n\nhelpers.use_course_style()\nprint('theme:', course_theme())",
    "x = np.linspace(0, 2 * np.pi, 200)\nfig, ax = plt.subplots(figsize=(7, 4))\n"
    "for k in range(1, 5):\n    ax.plot(x, np.sin(k * x) / k, label=f'sin({k}x)/{k}')\n"
    "ax.set_title('Four sines')\nax.set_xlabel('x')\nax.set_ylabel('y')\n"
    "ax.legend(loc='upper left', bbox_to_anchor=(1.02, 1))\nplt.show()",
]


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG 2.1 relative luminance of sRGB pixels (..., 3) in 0–255."""
    c = rgb.astype(float) / 255
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def screenshot_of(page, locator) -> np.ndarray:
    """The element's pixels as the page paints them (RGB)."""
    png = locator.screenshot()
    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"))


def background_and_text(pixels: np.ndarray) -> dict:
    """Background (most frequent colour) and text colour of a screenshot of a figure.

    The text colour is the neutral (grey) colour farthest in luminance from the
    background among those that fill at least :data:`MIN_TEXT_PIXELS` pixels.
    """
    flat = pixels.reshape(-1, 3)
    colours, counts = np.unique(flat, axis=0, return_counts=True)
    background = colours[np.argmax(counts)]
    bg_lum = float(luminance(background))
    lum = luminance(colours)
    neutral = (colours.max(axis=1).astype(int) - colours.min(axis=1)) <= 12
    common = counts >= MIN_TEXT_PIXELS
    candidates = np.flatnonzero(neutral & common & (np.abs(lum - bg_lum) > 0.02))
    assert candidates.size, "no neutral text-coloured pixels in the figure"
    text = colours[candidates[np.argmax(np.abs(lum[candidates] - bg_lum))]]
    return {
        "background": background.tolist(),
        "background_luminance": bg_lum,
        "text": text.tolist(),
        "text_pixels": int(counts[np.flatnonzero((colours == text).all(axis=1))[0]]),
        "contrast": contrast(float(luminance(text)), bg_lum),
        "bright_fraction": float(np.mean(luminance(flat) > 0.6)),
    }


@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium):
    """A private JupyterLab in the Dark theme whose kernels read the same settings."""
    workdir = tmp_path_factory.mktemp("jupyterlab-dark")
    settings = workdir / "settings"
    for name, body in DARK.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(body)
    saved = {key: os.environ.get(key) for key in ("JUPYTERLAB_SETTINGS_DIR", "COURSE_THEME")}
    os.environ["JUPYTERLAB_SETTINGS_DIR"] = str(settings)  # the server's env goes to its kernels
    os.environ.pop("COURSE_THEME", None)
    try:
        server = LabServer(workdir)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, server.root / "notebooks" / NOTEBOOK)
    yield server
    server.stop()


def wait_for_dark(page) -> None:
    page.wait_for_function(
        "() => document.body.dataset.jpThemeName === 'JupyterLab Dark'", timeout=60_000
    )


def test_figure_made_in_dark_theme_is_dark_and_legible(lab, lab_page):
    page = lab_page
    page.set_viewport_size(LAPTOP)
    open_notebook(lab, page, NOTEBOOK)
    wait_for_dark(page)
    run_all(page)
    assert "theme: dark" in page.locator(".jp-OutputArea-output").first.inner_text()
    image = page.locator(".jp-RenderedImage img").first
    image.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    seen = background_and_text(screenshot_of(page, image))
    assert seen["bright_fraction"] < 0.05, seen
    assert seen["background_luminance"] < 0.05, seen
    assert seen["contrast"] >= 4.5, seen
    # the width tests/figure_layout.py assumes for scaling text is the width shown here
    area = image.evaluate(
        """(img) => { const host = img.parentElement, s = getComputedStyle(host);
            return host.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"""
    )
    assert abs(area - figure_layout.OUTPUT_AREA_WIDTH) <= 2, area


def test_stored_light_figures_stay_legible_in_dark_theme(lab, lab_page):
    """A notebook's stored outputs (light variant) in JupyterLab Dark: the text still reads.

    They are white rectangles (the light variant is opaque white, so it reads
    on any dark page); running the notebook again in the dark theme makes them dark.
    """
    page = lab_page
    page.set_viewport_size(LAPTOP)
    page.goto(lab.url("04_worked_svd_3x2.ipynb"))
    page.locator(".jp-RenderedImage img").first.wait_for(timeout=90_000)
    wait_for_dark(page)
    image = page.locator(".jp-RenderedImage img").first
    image.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    seen = background_and_text(screenshot_of(page, image))
    assert seen["contrast"] >= 4.5, seen
