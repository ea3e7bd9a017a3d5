"""Notebook 05's rank slider in JupyterLab, moved by keyboard and by dragging.

The displayed image's pixels and the readouts must be what
``helpers.images.ImageSVD`` computes for the new rank.
"""

from __future__ import annotations

import math
import time

import pytest
from browser_lab import (
    as_number,
    as_rgb,
    displayed_pixels,
    drag,
    notebook_or_skip,
    open_and_run,
    readout,
    readouts,
    same_image,
    slider_value,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_rank_slider(lab, lab_page):
    from helpers.images import ImageSVD, load_image

    page = lab_page
    open_and_run(lab, page, notebook_or_skip("05_low_rank_approximation.ipynb"))
    widget = page.locator(".course-rank-slider").first
    widget.scroll_into_view_if_needed()
    slider = widget.locator(".course-rank-k").first
    image = widget.locator(".course-rank-image canvas").first
    model = ImageSVD(load_image("grace_hopper", mode="RGB"))
    fields = ("k", "storage", "ratio", "energy", "psnr")

    def shows_rank(k: int, neighbour_differs: bool = True, timeout: float = 30.0) -> None:
        """Wait until the widget shows rank k, then check every number and pixel."""
        expected = model.readout(k)
        pixels = as_rgb(model.reconstruct(k))
        deadline = time.monotonic() + timeout
        while True:
            values = readouts(widget, fields)
            shown, _ = displayed_pixels(image)
            if values["k"] == str(k) and same_image(shown, pixels):
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"rank slider did not show k = {k}: readouts {values}, "
                    f"image {'matches' if same_image(shown, pixels) else 'differs'}"
                )
            page.wait_for_timeout(100)
        assert slider_value(slider) == str(k)
        assert int(values["storage"]) == expected["storage"]
        for field in ("ratio", "energy", "psnr"):
            assert math.isclose(as_number(values[field]), expected[field], rel_tol=1e-9), field
        if neighbour_differs:  # the pixel check can fail: rank k + 1 is another picture
            assert not same_image(shown, as_rgb(model.reconstruct(k + 1)))

    k0 = int(readout(widget, "k"))
    assert k0 == 20, "notebook 05 starts the slider at k = 20 (widget contract)"
    shows_rank(k0)
    original, _ = displayed_pixels(widget.locator(".course-rank-original canvas").first)
    assert same_image(original, as_rgb(model.original))

    # keyboard: focus the handle, two steps right, one step left
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    shows_rank(k0 + 1)
    page.keyboard.press("ArrowRight")
    shows_rank(k0 + 2)
    page.keyboard.press("ArrowLeft")
    shows_rank(k0 + 1)

    # mouse: drag the handle to about a third of the track
    drag(page, handle, slider.locator(".noUi-target, .noUi-base").first, 0.33)
    deadline = time.monotonic() + 30
    while slider_value(slider) in ("", str(k0 + 1)) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    k_drag = int(slider_value(slider))
    expected_k = 1 + 0.33 * (model.max_rank - 1)
    assert abs(k_drag - expected_k) <= 0.05 * model.max_rank, (k_drag, expected_k)
    shows_rank(k_drag, neighbour_differs=False)  # high ranks differ by little
