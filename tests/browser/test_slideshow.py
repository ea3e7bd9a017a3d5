"""Live slides in JupyterLab: jupyterlab-slideshow's Deck Mode, with live widgets.

The README's live-lecture route (issue 19): run a notebook, select its first
cell, click the deck button on the notebook toolbar, walk the slides with the
keyboard, move a widget on its slide, leave with Escape. jupyterlab-slideshow
draws the slides in the notebook page itself, so the widgets are the notebook's
own views, with their kernel.

Two facts about jupyterlab-slideshow 0.3.4 shape the test:

- It starts on the *selected* cell. After Run All that is the last cell, often
  a skipped solution, and the screen is blank; so the test (and the README)
  selects the first cell before entering.
- It shows no cell whose ``slide_type`` is the literal ``"-"`` (its slide
  builder knows ``slide``, ``subslide``, ``fragment``, ``skip``, ``notes`` and
  a missing type). JupyterLab 4 and nbconvert both write and read "-" as a
  missing type, so the notebooks mean "-" by leaving it out
  (tools/normalize_notebooks.py deletes an explicit "-");
  :func:`test_no_cell_says_dash` checks every notebook.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import widget_checks
from browser_lab import NOTEBOOK_DIR, notebook_or_skip, open_and_run, problems_on_page

NOTEBOOK = "01_eigendecomposition.ipynb"
EXPLORER = ".course-matrix-explorer"
DECK_BUTTON = '.jp-NotebookPanel-toolbar [data-command="deck:toggle"]'
MAX_STEPS = 200  # Space presses from the first slide to the explorer's (01 needs about 13)

#: The deck's state, read from the notebook widget: which cells are on screen.
DECK_JS = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = panel.content.widgets;
    return {
        mode: document.body.dataset.jpDeckMode || null,
        deck: panel.hasClass('jp-Deck'),
        active: panel.content.activeCellIndex,
        onScreen: cells.map((c, i) => (c.hasClass('jp-deck-mod-onscreen') ? i : -1))
                       .filter(i => i >= 0),
        dirty: panel.context.model.dirty,
    };
}"""

WIDGET_CELL_JS = """(selector) => window.jupyterapp.shell.currentWidget.content.widgets
    .findIndex(c => c.node.querySelector(selector) !== null)"""


def slide_type(cell) -> str | None:
    return cell["metadata"].get("slideshow", {}).get("slide_type")


def dash_cells(path) -> list[int]:
    """Indices of the cells whose ``slideshow.slide_type`` is the literal "-"."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [i for i, c in enumerate(cells) if slide_type(c) == "-"]


def notebooks():
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def test_no_cell_says_dash():
    """Every cell that Deck Mode should show means "-" by having no slide_type."""
    dashed = {p.name: dash_cells(p) for p in notebooks() if dash_cells(p)}
    assert not dashed, f'cells with slide_type "-" (hidden in Deck Mode): {dashed}'


def deck(page) -> dict:
    return page.evaluate(DECK_JS)


def console_errors(page) -> list[str]:
    return [line for line in page.console if line.startswith(("error", "pageerror"))]


@pytest.mark.browser
@pytest.mark.slow
def test_deck_mode_keeps_the_matrix_explorer_live(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip(NOTEBOOK))
    # Save once after Run All, so that the file is what the lecturer has before entering
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")
    path = lab.root / "notebooks" / NOTEBOOK
    saved = path.read_bytes()
    explorer_cell = page.evaluate(WIDGET_CELL_JS, EXPLORER)
    assert explorer_cell > 0
    cells = json.loads(saved)["cells"]
    notes = {i for i, c in enumerate(cells) if slide_type(c) == "notes"}
    assert notes and min(notes) < explorer_cell  # the walk below passes lecturer's notes

    # enter: select the first cell, then the deck button on the notebook toolbar
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.locator(DECK_BUTTON).first.click()
    page.wait_for_function(
        "() => document.body.dataset.jpDeckMode === 'presenting'"
        " && document.querySelector('.jp-Deck .jp-deck-mod-onscreen')"
    )
    start = deck(page)
    assert start["deck"] and start["onScreen"][:1] == [0], start  # the first slide
    assert explorer_cell not in start["onScreen"] and not notes & set(start["onScreen"])
    assert not page.locator(EXPLORER).first.is_visible()

    # forward with the keyboard (Space: next fragment, subslide or slide) to the explorer
    steps, shown = 0, start["onScreen"]
    while explorer_cell not in shown:
        assert steps < MAX_STEPS, f"the explorer's slide never came: at {deck(page)}"
        before = deck(page)["active"]
        page.keyboard.press("Space")
        page.wait_for_function("(a) => window.jupyterapp.shell.currentWidget.content"
                               ".activeCellIndex !== a", arg=before)  # fmt: skip
        shown = deck(page)["onScreen"]
        assert not notes & set(shown), f"lecturer's notes on screen: {shown}"
        steps += 1
    assert steps > 0
    on_slide = deck(page)
    root = page.locator(".jp-OutputArea-output", has=page.locator(EXPLORER)).first
    root.locator(EXPLORER).first.wait_for(state="visible")
    # the slide's text has its math typeset (JupyterLab's own MathJax)
    page.locator(".jp-deck-mod-onscreen .jp-RenderedMarkdown mjx-container").first.wait_for()

    # the widget: the keyboard on a₁₁'s slider moves it, and the readout is the model's
    widget_checks.set_explorer(root, [[2, 1], [1, 2]])
    widget_checks.check_explorer_shows(root, [[2, 1], [1, 2]])
    root.locator(".course-m-a11").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # in the deck, outside a widget: next slide
    a11 = float(root.locator(".course-m-a11-text").first.input_value())
    assert math.isclose(a11, 2.3, abs_tol=1e-9)
    widget_checks.check_explorer_shows(root, [[a11, 1], [1, 2]])
    # typed into an entry: Space and the digits stay in the box
    box = root.locator(".course-m-a12-text").first
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("0.5")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    widget_checks.check_explorer_shows(root, [[a11, 0.5], [1, 2]])
    np.testing.assert_array_equal(widget_checks.explorer_matrix(root).reshape(2, 2)[0, 1], 0.5)
    now = deck(page)
    assert now["mode"] == "presenting" and now["onScreen"] == on_slide["onScreen"], (on_slide, now)

    assert not problems_on_page(page)
    assert not console_errors(page), console_errors(page)

    # leave with Escape (from the slide, not from inside the widget)
    page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCell.node.focus()")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.body.dataset.jpDeckMode")
    after = deck(page)
    assert not after["deck"] and not after["onScreen"], after
    assert not after["dirty"], "entering and leaving the deck changed the notebook"
    assert path.read_bytes() == saved, "entering and leaving the deck rewrote the notebook file"
    assert not console_errors(page), console_errors(page)
