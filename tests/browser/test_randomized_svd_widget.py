"""Notebook 08's randomized SVD explorer in JupyterLab: moved, and its numbers are the model's."""

from __future__ import annotations

import pytest
from browser_lab import notebook_or_skip, open_and_run, problems_on_page
from widget_checks_rsvd import check_randomized_svd

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_randomized_svd_widget(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("08_randomized_svd.ipynb"))
    widget = page.locator(".course-rsvd").first
    widget.wait_for(timeout=60_000)
    widget.scroll_into_view_if_needed()
    root = page.locator(".jp-OutputArea-output", has=page.locator(".course-rsvd")).first
    check_randomized_svd(page, root)
    assert not problems_on_page(page)
