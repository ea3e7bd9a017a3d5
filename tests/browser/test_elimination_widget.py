"""Issue 18's elimination stepper of notebook 07, in JupyterLab.

The test runs notebook 07 in a private JupyterLab (with the "runs clean" checks
of ``open_and_run``), finds the widget through the DOM contract in
``helpers/widgets/elimination.py`` and moves it with ``widget_checks_elim``:
buttons and keys, pivoting on and off, every preset, typed entries and bad
input, each number shown compared with ``EliminationStepper``.
"""

from __future__ import annotations

import pytest
import widget_checks_elim
from browser_lab import notebook_or_skip, open_and_run, problems_on_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def widget_output(page, container: str):
    """The output element that holds the first widget with class ``container``."""
    widget = page.locator(container).first
    widget.wait_for(timeout=60_000)
    widget.scroll_into_view_if_needed()
    return page.locator(".jp-OutputArea-output", has=page.locator(container)).first


def test_elimination_stepper(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("07_lu_cholesky.ipynb"))
    root = widget_output(page, ".course-elim-stepper")
    # the notebook's starting setting: the ε-example without pivoting, step 0
    assert widget_checks_elim.elim_matrix(root) == [[1e-20, 1.0], [1.0, 1.0]]
    assert not widget_checks_elim.elim_pivoting(root)
    widget_checks_elim.check_elimination(page, root)
    assert not problems_on_page(page)
