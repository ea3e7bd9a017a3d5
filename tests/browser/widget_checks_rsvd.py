"""Checks of notebook 08's randomized SVD explorer, in JupyterLab, on the site and in the decks.

Time is not measured here: the widget records its redraw time in ``data-update-ms``
and ``benchmarks/browser_latency.py`` measures key press to paint.
"""

from __future__ import annotations

import math
import time

from browser_lab import readouts

from helpers.widgets.randomized_svd import RandomizedSVDModel

FIELDS = ("spectrum", "k", "p", "q", "reorthonormalize", "ell", "sigma_k1", "mean_error",
          "min_error", "max_error", "ratio", "bound", "bound_ratio", "j_lost")  # fmt: skip


def shows(root, model, setting, timeout=20.0):
    """Wait until the widget shows ``setting``, then compare every number with the model's."""
    want = model.readout(*setting)
    deadline = time.monotonic() + timeout
    while True:
        got = readouts(root, FIELDS)
        if (got["spectrum"], int(got["k"]), int(got["p"]), int(got["q"]),
                got["reorthonormalize"] == "true") == tuple(setting):  # fmt: skip
            break
        assert time.monotonic() < deadline, (got, setting)
        time.sleep(0.05)
    noisy = want["j_lost"] is not None
    for key, value in want.items():
        text = got[key]
        if value is None:
            assert text == "null", (key, text)
        elif isinstance(value, bool):
            assert text == str(value).lower(), (key, text)
        elif isinstance(value, str):
            assert text == value, (key, text)
        elif noisy and key in ("mean_error", "min_error", "max_error", "ratio"):
            assert float(text) > 0.3 * value, (key, text, value)  # rounding noise
        else:
            assert math.isclose(float(text), value, rel_tol=1e-6, abs_tol=1e-14), (key, text)
    status = root.locator(".course-rsvd-status").first
    assert status.get_attribute("data-kind") == model.message(*setting)[1]


def check_randomized_svd(page, root) -> None:
    """Spectrum, k, p, q by keys, typed values and the menu; plain powers; bad input."""
    model = RandomizedSVDModel()
    shows(root, model, ("slow", 10, 5, 0, True))
    # q by the keyboard on its slider, p by a typed value, k by the slider
    q_slider = root.locator("input.course-rsvd-q").first
    q_slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    shows(root, model, ("slow", 10, 5, 2, True))
    root.locator("input.course-rsvd-p-text").first.fill("2")
    shows(root, model, ("slow", 10, 2, 2, True))
    root.locator("input.course-rsvd-k").first.evaluate(
        "e => { e.value = '6'; e.dispatchEvent(new Event('input')); }"
    )
    shows(root, model, ("slow", 6, 2, 2, True))
    # the fast spectrum, then plain powers past ε: a warning
    root.locator("select.course-rsvd-spectrum").first.evaluate(
        "e => { e.value = 'fast'; e.dispatchEvent(new Event('change')); }"
    )
    shows(root, model, ("fast", 6, 2, 2, True))
    root.locator("input.course-rsvd-k-text").first.fill("10")
    root.locator("input.course-rsvd-p-text").first.fill("5")
    root.locator("input.course-rsvd-q-text").first.fill("5")
    shows(root, model, ("fast", 10, 5, 5, True))
    root.locator("button.course-rsvd-mode").first.click()
    shows(root, model, ("fast", 10, 5, 5, False))
    # the bound needs p ≥ 2
    root.locator("button.course-rsvd-mode").first.click()
    root.locator("input.course-rsvd-p-text").first.fill("1")
    shows(root, model, ("fast", 10, 1, 5, True))
    assert root.locator("line.course-rsvd-bound").count() == 0
    # bad input: a message, the last valid setting kept
    box = root.locator("input.course-rsvd-k-text").first
    for typed, words in (("abc", "not a number"), ("21", "from 1 to 20"), ("2.5", "integer")):
        box.fill(typed)
        status = root.locator(".course-rsvd-status").first
        assert status.get_attribute("data-kind") == "error", typed
        assert words in status.text_content(), (typed, status.text_content())
        assert box.get_attribute("aria-invalid") == "true"
        assert readouts(root, ("k",))["k"] == "10"
    box.fill("8")
    shows(root, model, ("fast", 8, 1, 5, True))
