"""JupyterLab's Presentation Mode: figures and widgets grow with the text (issue 19).

*View → Appearance → Presentation Mode* raises the notebook's prose from
``--jp-content-font-size1`` (14 px) to ``--jp-content-presentation-font-size1``
(17 px), but JupyterLab shows a picture at its own pixel size: without help a
figure's labels shrink against the prose around them. Each course notebook
carries a style in its metadata (``tools/normalize_notebooks.py``,
``PRESENTATION_STYLES``) that jupyterlab-fonts, installed with
jupyterlab-slideshow, applies to that notebook: in Presentation Mode the
pictures and the course's widgets are zoomed by ``PRESENTATION_ZOOM``.

At 1920×1080 (a projector; on a laptop most figures already fill the output
area) the tests check, from the page's own layout:

- the zoom equals the ratio of the two font sizes JupyterLab defines, and the
  prose did grow by it;
- every picture is as wide as its natural width times that ratio, or as wide
  as the output area where that is narrower (JupyterLab caps a picture at
  100 %), and at least one picture grew without reaching the cap;
- every course widget is zoomed by the ratio, and still answers: notebook 09's
  PCA widget passes its whole check (slider, keys, typed angles, a mouse drag)
  against its Python model in Presentation Mode;
- leaving Presentation Mode gives back the sizes, and entering and leaving
  do not modify the notebook (checked where no cell was run).

A control opens notebook 01 without the style, and the same measurements must
report every figure as not grown: the check cannot pass a figure that stays at
its pixel size. The control and its twin read the stored outputs, with no
kernel run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
import widget_checks_new
from browser_lab import open_and_run, open_notebook, problems_on_page, slider_value

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from normalize_notebooks import FONTS_METADATA, PRESENTATION_ZOOM

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECTOR = {"width": 1920, "height": 1080}
WIDGET_NOTEBOOK = "09_pca.ipynb"  # figures and a widget moved by the mouse
FIGURE_NOTEBOOK = "01_eigendecomposition.ipynb"
UNSTYLED = "01_without_presentation_style.ipynb"
TOLERANCE_PX = 1.5  # layout rounds a zoomed width to a fraction of a pixel

SIZES_JS = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const box = (e) => e.getBoundingClientRect();
    const root = getComputedStyle(document.body);
    const prose = panel.node.querySelector('.jp-RenderedMarkdown p');
    return {
        presenting: document.querySelector('.jp-mod-presentationMode') !== null,
        dirty: panel.context.model.dirty,
        normalFont: parseFloat(root.getPropertyValue('--jp-content-font-size1')),
        presentationFont:
            parseFloat(root.getPropertyValue('--jp-content-presentation-font-size1')),
        prose: parseFloat(getComputedStyle(prose).fontSize),
        pictures: [...panel.node.querySelectorAll(
            '.jp-RenderedImage img, .jp-RenderedMarkdown img')].map((img) => ({
                natural: img.naturalWidth,
                width: box(img).width,
                room: box(img.parentElement).width,
            })),
        widgets: [...panel.node.querySelectorAll('.course-w')].map((w) => w.currentCSSZoom),
    };
}"""


def sizes(page) -> dict:
    return page.evaluate(SIZES_JS)


def toggle_presentation_mode(page, on: bool) -> None:
    """View → Appearance → Presentation Mode, as a lecturer clicks it."""
    page.locator(".lm-MenuBar-itemLabel", has_text="View").first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Appearance", exact=True).first.hover()
    page.locator(".lm-Menu-itemLabel").get_by_text("Presentation Mode", exact=True).first.click()
    page.wait_for_function(
        "(on) => (document.querySelector('.jp-mod-presentationMode') !== null) === on", arg=on
    )
    page.wait_for_timeout(300)  # the layout settles


def growth_problems(before: dict, after: dict) -> list[str]:
    """What did not grow with the text between normal mode and Presentation Mode."""
    ratio = after["presentationFont"] / after["normalFont"]
    problems = []
    if abs(PRESENTATION_ZOOM - ratio) > 1e-5:
        problems.append(f"PRESENTATION_ZOOM {PRESENTATION_ZOOM} is not the font ratio {ratio}")
    if abs(after["prose"] / before["prose"] - ratio) > 1e-6:
        problems.append(f"the prose went from {before['prose']} to {after['prose']} px")
    if not before["pictures"]:
        problems.append("no picture to measure")
    for i, (old, new) in enumerate(zip(before["pictures"], after["pictures"], strict=True)):
        expected = min(old["width"] * ratio, new["room"])
        if abs(new["width"] - expected) > TOLERANCE_PX:
            problems.append(
                f"picture {i} ({old['natural']} px): {new['width']:.1f} px wide, "
                f"expected {expected:.1f} ({old['width']:.1f} × {ratio:.4f}, "
                f"at most the {new['room']:.1f} px output area)"
            )
    for i, zoom in enumerate(after["widgets"]):
        if abs(zoom - ratio) > 1e-5:
            problems.append(f"widget {i}: zoomed by {zoom}, not {ratio}")
    return problems


def grew_freely(before: dict, after: dict) -> bool:
    """At least one picture grew by the whole ratio, below the output area's cap."""
    ratio = after["presentationFont"] / after["normalFont"]
    return any(
        abs(new["width"] - old["width"] * ratio) <= TOLERANCE_PX
        and new["width"] < new["room"] - TOLERANCE_PX
        for old, new in zip(before["pictures"], after["pictures"], strict=True)
    )


def test_figures_and_widgets_grow_with_the_text(lab, lab_page):
    page = lab_page
    page.set_viewport_size(PROJECTOR)
    open_and_run(lab, page, WIDGET_NOTEBOOK)
    before = sizes(page)
    assert before["widgets"] == [1], before["widgets"]  # one widget, unzoomed
    toggle_presentation_mode(page, True)
    after = sizes(page)
    assert not growth_problems(before, after), growth_problems(before, after)
    assert grew_freely(before, after), (before["pictures"], after["pictures"])
    # the zoomed widget still answers, to the keys and to the mouse
    root = page.locator(".jp-OutputArea-output", has=page.locator(".course-pca-direction")).first
    root.scroll_into_view_if_needed()
    widget_checks_new.check_pca_direction(page, root)
    assert not problems_on_page(page)
    toggle_presentation_mode(page, False)
    back = sizes(page)
    for old, new in zip(before["pictures"], back["pictures"], strict=True):
        assert abs(new["width"] - old["width"]) <= TOLERANCE_PX, (old, new)
    assert back["widgets"] == [1], back["widgets"]


def test_figures_stay_small_without_the_style(lab, lab_page):
    """The control: 01 without the style, and its twin with it, from stored outputs."""
    page = lab_page
    page.set_viewport_size(PROJECTOR)
    nb = nbformat.read(lab.root / "notebooks" / FIGURE_NOTEBOOK, as_version=4)
    assert FONTS_METADATA in nb.metadata, f"{FIGURE_NOTEBOOK} carries no presentation style"
    del nb.metadata[FONTS_METADATA]
    nbformat.write(nb, lab.root / "notebooks" / UNSTYLED)
    measured = {}
    for notebook in (FIGURE_NOTEBOOK, UNSTYLED):
        open_notebook(lab, page, notebook)
        page.locator(".jp-RenderedImage img").first.wait_for()
        before = sizes(page)
        toggle_presentation_mode(page, True)
        measured[notebook] = (before, sizes(page))
        toggle_presentation_mode(page, False)
        assert not sizes(page)["dirty"], f"Presentation Mode modified {notebook}"
        lab.shut_down_kernels()
    styled, unstyled = measured[FIGURE_NOTEBOOK], measured[UNSTYLED]
    assert not growth_problems(*styled), growth_problems(*styled)
    assert grew_freely(*styled)
    reported = growth_problems(*unstyled)
    pictures = len(unstyled[0]["pictures"])
    assert pictures >= 2 and len(reported) == pictures, reported
    assert all(line.startswith("picture") for line in reported), reported


def test_presentation_mode_keeps_widgets_live(lab, lab_page):
    """The README's fallback live-lecture route keeps the kernel's widgets live too.

    (The README's first route is jupyterlab-slideshow's Deck Mode, tested in
    ``test_slideshow.py``; RISE shows the widgets' text repr instead of the
    views with JupyterLab 4 here, so it is not a route.)
    """
    page = lab_page
    open_and_run(lab, page, "00_start_here.ipynb")
    toggle_presentation_mode(page, True)
    output = page.locator(".jp-OutputArea-output", has=page.locator(".widget-slider")).first
    output.scroll_into_view_if_needed()
    k = int(slider_value(output.locator(".widget-slider").first))
    output.locator(".noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    # the label is computed in the kernel: it follows only if the widget is live
    output.get_by_text(f"k = {k + 1}, k² = {(k + 1) ** 2}").wait_for(timeout=30_000)
