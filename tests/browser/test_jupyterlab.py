"""The course in a real browser: JupyterLab driven by headless Chromium.

A private JupyterLab server (127.0.0.1, a free port, a random token) serves a
temporary copy of ``notebooks/``; each test opens a notebook in a fresh page,
runs every cell through the menus, as a reader would, and then:

- ``test_every_notebook_runs_clean``: no cell shows an error or stderr output,
  and no widget failed to render ("Error displaying widget", model not found);
- ``test_widget``, one case per widget in :data:`WIDGETS` (notebooks 01–03,
  06–11): the view is moved through its check in ``widget_checks*.py`` (the
  same checks run on the static site and in the decks) and compared with its
  Python model; the page must stay clean; and at 1366×768 in JupyterLab Dark
  the widget fits one screen and its text stays readable; in light and in dark,
  the widget's output passes axe-core's WCAG 2 A/AA rules and Tab reaches each
  control with a 3:1 focus ring (``axe.assert_accessible``).

Each notebook runs once here: a notebook with a test of its own (the widget
tests, the rank slider's in ``test_rank_slider_lab.py``, and Presentation Mode
on notebook 00 in ``test_presentation_mode.py``) gets the same "runs clean"
checks there, before its widget is moved. The widgets are found through the
DOM contract (CSS classes and ``data-value`` attributes) documented in their
modules. A widget test is
skipped only while its notebook does not exist yet. Screenshots of failures go
to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import axe
import pytest
import widget_checks
import widget_checks_elim
import widget_checks_new
import widget_checks_rsvd
from browser_lab import (
    NOTEBOOK_DIR,
    check_fits_a_laptop_and_follows_dark_theme,
    notebook_or_skip,
    open_and_run,
    problems_on_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# --------------------------------------------------------------------------- widgets


def check_qr_stepper(page, root) -> None:
    widget_checks.check_qr_stepper(page, root, widget_checks.qr_matrix(root))


def check_elimination(page, root) -> None:
    # the notebook's starting setting: the ε-example without pivoting, step 0
    assert widget_checks_elim.elim_matrix(root) == [[1e-20, 1.0], [1.0, 1.0]]
    assert not widget_checks_elim.elim_pivoting(root)
    widget_checks_elim.check_elimination(page, root)


wc, wcn = widget_checks, widget_checks_new

#: (notebook, the widget's container class, its check): every widget drawn in the browser.
WIDGETS = (
    ("01_eigendecomposition.ipynb", ".course-matrix-explorer", wc.check_matrix_explorer),
    ("02_spectral_theorem.ipynb", ".course-quadratic-form", wcn.check_quadratic_form),
    ("03_svd.ipynb", ".course-svd-geometry", wc.check_svd_geometry),
    ("06_qr_gram_schmidt.ipynb", ".course-qr-stepper", check_qr_stepper),
    ("07_lu_cholesky.ipynb", ".course-elim-stepper", check_elimination),
    ("08_randomized_svd.ipynb", ".course-rsvd", widget_checks_rsvd.check_randomized_svd),
    ("09_pca.ipynb", ".course-pca-direction", wcn.check_pca_direction),
    ("10_lora.ipynb", ".course-lora-calculator", wc.check_lora_calculator),
    ("11_low_rank_beyond_svd.ipynb", ".course-recommender", wc.check_recommender),
)  # fmt: skip

#: Where a widget's status text lives when it has no ``[data-kind]`` status line
#: (the recommender's message), for the dark-theme contrast check.
STATUS = {".course-recommender": ".course-rec-message"}

# --------------------------------------------------------------------------- tests


#: Notebooks that a test of their own opens and runs (with the same checks).
OWN_TEST = {
    "00_start_here.ipynb": "test_presentation_mode.py::test_presentation_mode_keeps_widgets_live",
    "05_low_rank_approximation.ipynb": "test_rank_slider_lab.py::test_rank_slider",
    **{notebook: f"test_widget[{notebook}]" for notebook, _, _ in WIDGETS},
}


def course_notebooks() -> list[str]:
    """The notebooks on disk that no test of their own runs."""
    on_disk = sorted(p.name for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    return [name for name in on_disk if name not in OWN_TEST]


@pytest.mark.parametrize("notebook", course_notebooks())
def test_every_notebook_runs_clean(lab, lab_page, notebook):
    open_and_run(lab, lab_page, notebook)


#: The selector of the output element that holds a widget (for axe.assert_accessible).
OUTPUT = ".jp-OutputArea-output:has({container})"


def widget_output(page, container: str):
    """The output element that holds the first widget with class ``container``."""
    widget = page.locator(container).first
    widget.wait_for(timeout=60_000)
    widget.scroll_into_view_if_needed()
    return page.locator(".jp-OutputArea-output", has=page.locator(container)).first


@pytest.mark.parametrize(
    ("notebook", "container", "check"),
    [pytest.param(*case, id=case[0]) for case in WIDGETS],
)
def test_widget(lab, lab_page, notebook, container, check):
    """Run the notebook clean, move its widget against the model, then laptop and dark theme."""
    page = lab_page
    open_and_run(lab, page, notebook_or_skip(notebook))
    check(page, widget_output(page, container))
    assert not problems_on_page(page)
    output = OUTPUT.format(container=container)
    widget_output(page, container)
    axe.assert_accessible(page, output, theme="light")
    check_fits_a_laptop_and_follows_dark_theme(page, container, status=STATUS.get(container))
    axe.assert_accessible(page, output, theme="dark")  # the check above left JupyterLab Dark


def test_notebooks_left_out_of_the_clean_run_have_their_own_test():
    """Each OWN_TEST entry names a test that exists: ``name`` or ``name[case]`` here, or
    ``file.py::name`` in another browser file; each widget case names a notebook on disk."""
    cases = {notebook for notebook, _, _ in WIDGETS}
    assert len(cases) == len(WIDGETS), "a notebook appears twice in WIDGETS"
    for notebook, test in OWN_TEST.items():
        assert (NOTEBOOK_DIR / notebook).exists(), f"OWN_TEST names {notebook}, not a notebook"
        if "::" in test:
            file, name = test.split("::")
            source = (Path(__file__).parent / file).read_text(encoding="utf-8")
            assert f"def {name}(" in source, f"{notebook}: no {name} in {file}"
        elif "[" in test:
            name, case = test.rstrip("]").split("[")
            assert callable(globals().get(name)), f"{notebook}: no {name} in this module"
            assert case in cases, f"{notebook}: {name} has no case {case}"
        else:
            assert callable(globals().get(test)), f"{notebook}: no {test} in this module"
    for notebook in cases:
        assert OWN_TEST[notebook] == f"test_widget[{notebook}]", notebook
