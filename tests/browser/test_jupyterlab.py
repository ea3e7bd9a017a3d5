"""The course in a real browser: JupyterLab driven by headless Chromium.

A private JupyterLab server (127.0.0.1, a free port, a random token) serves a
temporary copy of ``notebooks/``; each test opens a notebook in a fresh page,
runs every cell through the menus, as a reader would, and then:

- ``test_every_notebook_runs_clean``: no cell shows an error or stderr output,
  and no widget failed to render ("Error displaying widget", model not found);
- ``test_matrix_explorer``, ``test_svd_geometry``, ``test_qr_stepper``,
  ``test_lora_calculator``: the views of notebooks 01, 03, 06 and 10, which
  compute in the browser, moved through ``widget_checks`` (the same checks run
  on the static site and in the decks) and compared with the Python models.

Each notebook runs once: a notebook with a test of its own (the widget tests,
and Presentation Mode on notebook 00) gets the same "runs clean" checks there,
before its widget is moved. The widgets are found through the DOM contract (CSS
classes and ``data-value`` attributes) documented in their modules. A widget
test is skipped only while its notebook does not exist yet. Screenshots of
failures go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import widget_checks
from browser_lab import (
    NOTEBOOK_DIR,
    check_fits_a_laptop_and_follows_dark_theme,
    notebook_or_skip,
    open_and_run,
    problems_on_page,
    slider_value,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# --------------------------------------------------------------------------- tests


#: Notebooks that a test of their own opens and runs (with the same checks).
OWN_TEST = {
    "00_start_here.ipynb": "test_presentation_mode_keeps_widgets_live",
    "01_eigendecomposition.ipynb": "test_matrix_explorer",
    "02_spectral_theorem.ipynb": "test_new_widgets.py::test_quadratic_form",
    "03_svd.ipynb": "test_svd_geometry",
    "05_low_rank_approximation.ipynb": "test_rank_slider_lab.py::test_rank_slider",
    "06_qr_gram_schmidt.ipynb": "test_qr_stepper",
    "07_lu_cholesky.ipynb": "test_elimination_widget.py::test_elimination_stepper",
    "08_randomized_svd.ipynb": "test_randomized_svd_widget.py::test_randomized_svd_widget",
    "09_pca.ipynb": "test_new_widgets.py::test_pca_direction",
    "10_lora.ipynb": "test_lora_calculator",
    "11_low_rank_beyond_svd.ipynb": "test_recommender.py::test_recommender",
}


def course_notebooks() -> list[str]:
    """The notebooks on disk that no test of their own runs."""
    on_disk = sorted(p.name for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    return [name for name in on_disk if name not in OWN_TEST]


@pytest.mark.parametrize("notebook", course_notebooks())
def test_every_notebook_runs_clean(lab, lab_page, notebook):
    open_and_run(lab, lab_page, notebook)


def widget_output(page, container: str):
    """The output element that holds the first widget with class ``container``."""
    widget = page.locator(container).first
    widget.wait_for(timeout=60_000)
    widget.scroll_into_view_if_needed()
    return page.locator(".jp-OutputArea-output", has=page.locator(container)).first


def test_matrix_explorer(lab, lab_page):
    """Notebook 01's explorer, drawn and computed in the browser: the same checks as the site."""
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("01_eigendecomposition.ipynb"))
    widget_checks.check_matrix_explorer(page, widget_output(page, ".course-matrix-explorer"))
    assert not problems_on_page(page)
    check_fits_a_laptop_and_follows_dark_theme(page, ".course-matrix-explorer")


def test_svd_geometry(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("03_svd.ipynb"))
    widget_checks.check_svd_geometry(page, widget_output(page, ".course-svd-geometry"))
    assert not problems_on_page(page)
    check_fits_a_laptop_and_follows_dark_theme(page, ".course-svd-geometry")


def test_qr_stepper(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("06_qr_gram_schmidt.ipynb"))
    root = widget_output(page, ".course-qr-stepper")
    widget_checks.check_qr_stepper(page, root, widget_checks.qr_matrix(root))
    assert not problems_on_page(page)
    check_fits_a_laptop_and_follows_dark_theme(page, ".course-qr-stepper")


def test_lora_calculator(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("10_lora.ipynb"))
    widget_checks.check_lora_calculator(page, widget_output(page, ".course-lora-calculator"))
    assert not problems_on_page(page)
    check_fits_a_laptop_and_follows_dark_theme(page, ".course-lora-calculator")


def test_presentation_mode_keeps_widgets_live(lab, lab_page):
    """The README's live-lecture route: View → Appearance → Presentation Mode.

    (RISE slides render widgets as "Error displaying widget" with JupyterLab 4
    here, so a lecture that moves widgets uses Presentation Mode instead.)
    """
    page = lab_page
    open_and_run(lab, page, "00_start_here.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text="View").first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Appearance", exact=True).first.hover()
    page.locator(".lm-Menu-itemLabel").get_by_text("Presentation Mode", exact=True).first.click()
    assert page.locator(".jp-mod-presentationMode").count() > 0
    output = page.locator(".jp-OutputArea-output", has=page.locator(".widget-slider")).first
    output.scroll_into_view_if_needed()
    k = int(slider_value(output.locator(".widget-slider").first))
    output.locator(".noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    # the label is computed in the kernel: it follows only if the widget is live
    output.get_by_text(f"k = {k + 1}, k² = {(k + 1) ** 2}").wait_for(timeout=30_000)


def test_notebooks_left_out_of_the_clean_run_have_their_own_test():
    """Each OWN_TEST entry names a test that exists: ``name`` here, or ``file.py::name``."""
    for notebook, test in OWN_TEST.items():
        assert (NOTEBOOK_DIR / notebook).exists(), f"OWN_TEST names {notebook}, not a notebook"
        if "::" in test:
            file, name = test.split("::")
            source = (Path(__file__).parent / file).read_text(encoding="utf-8")
            assert f"def {name}(" in source, f"{notebook}: no {name} in {file}"
        else:
            assert callable(globals().get(test)), f"{notebook}: no {test} in this module"
