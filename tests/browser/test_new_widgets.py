"""Issue 18's widgets in JupyterLab: 02's quadratic form and 09's PCA direction.

Each test runs its notebook in a private JupyterLab (with the "runs clean"
checks of ``open_and_run``), finds its widget through the DOM contract in the
widget's module and moves it with ``widget_checks_new``, which compares every
number shown with the Python model.
"""

from __future__ import annotations

import pytest
import widget_checks_new
from browser_lab import notebook_or_skip, open_and_run, problems_on_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def widget_output(page, container: str):
    """The output element that holds the first widget with class ``container``."""
    widget = page.locator(container).first
    widget.wait_for(timeout=60_000)
    widget.scroll_into_view_if_needed()
    return page.locator(".jp-OutputArea-output", has=page.locator(container)).first


def test_quadratic_form(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("02_spectral_theorem.ipynb"))
    widget_checks_new.check_quadratic_form(page, widget_output(page, ".course-quadratic-form"))
    assert not problems_on_page(page)


def test_pca_direction(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("09_pca.ipynb"))
    widget_checks_new.check_pca_direction(page, widget_output(page, ".course-pca-direction"))
    assert not problems_on_page(page)
