"""Browser checks of the widgets added for issue 18 (notebooks 02 and 09).

The same pattern as ``widget_checks.py``: each function takes the Playwright
locator of the element holding one widget, drives it through the DOM contract
in its module's docstring (typed entries, presets, the keyboard, the mouse, bad
input) and compares what it shows with the Python model. The checks use the
DOM only, so they run in JupyterLab, on the static site and in the decks.
"""

from __future__ import annotations

import json
import math
import re

from widget_checks import ICONS, close, fields, status_of

from helpers.widgets.quadratic_form import PRESETS as QF_PRESETS
from helpers.widgets.quadratic_form import QuadraticForm

# --------------------------------------------------------------------------- quadratic form


def qf_matrix(root) -> list[float]:
    """``[a, b, c]`` of the matrix the quadratic-form widget draws."""
    return json.loads(root.locator(".course-qf-plane").first.get_attribute("data-matrix"))


def qf_theta(root) -> float:
    return float(fields(root, ".course-qf-readout")["theta"])


def check_qf_shows(root, abc, theta: float | None = None, *, status: bool = True) -> None:
    """The readout, status and pictures show ``abc`` (and ``theta``), as the model says."""
    abc = [float(x) for x in abc]
    assert qf_matrix(root) == abc, (qf_matrix(root), abc)
    shown = fields(root, ".course-qf-readout")
    if theta is not None:
        assert float(shown["theta"]) == theta, (shown["theta"], theta)
    form = QuadraticForm(*abc)
    expected = form.readout(float(shown["theta"]))
    scale = max(map(abs, abc)) or 1.0
    assert shown["class"] == expected["class"], (abc, shown["class"], expected["class"])
    for key in ("x1", "x2"):
        assert close(shown[key], expected[key], rtol=1e-12, atol=1e-15), (abc, key)
    for key in ("q", "lambda1", "lambda2"):
        assert close(shown[key], expected[key], rtol=1e-12, atol=1e-14 * scale), (abc, key)
        if expected[key] == 0 and key != "q":
            assert shown[key] == "0", (abc, key, shown[key])  # a zero eigenvalue is 0
    assert abs(float(shown["phi1"]) - expected["phi1"]) < 1e-9, (abc, shown["phi1"])
    text = root.locator(".course-qf-readout").first.inner_text()
    assert not re.search(r"−0(?![.\d])|−0\.0+(?!\d)", text), text  # never "−0" or "−0.000"
    if status:
        text, level = form.message()
        assert status_of(root, ".course-qf-status") == (level, f"{ICONS[level]} {text}")
    dot = root.locator("circle.course-qf-current").first
    assert float(dot.get_attribute("data-theta")) == float(shown["theta"])
    lam1, lam2 = form.eigenvalues
    # xᵀAx = +1 is drawn only when λ₁ > 0, xᵀAx = −1 only when λ₂ < 0, and each is
    # drawn when its nearest point (1/√|λ| along its eigen-direction) is in view (±3.3)
    for sel, lam in (("pos", lam1), ("neg", -lam2)):
        drawn = root.locator(f"polyline.course-qf-level-{sel}").count() > 0
        assert not drawn or lam > 0, (abc, sel)
        assert drawn or not (lam > 0 and 1 / math.sqrt(lam) <= 3.3), (abc, sel)
    assert root.locator(".course-qf-eig1").count() == 2 and root.locator(".course-qf-eig2").count()


def set_qf(root, abc) -> None:
    for key, value in zip("abc", abc, strict=True):
        root.locator(f"input.course-qf-{key}").first.fill(repr(float(value)))


def drag_qf_to(page, root, degrees: float) -> None:
    """Drag x with the mouse to the point of the unit circle at ``degrees``."""
    handle = root.locator("circle.course-qf-handle").first
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    plane = root.locator("svg.course-qf-plane-svg").first.bounding_box()
    cx, cy = plane["x"] + plane["width"] / 2, plane["y"] + plane["height"] / 2
    radius = plane["width"] / 2 / 2.2  # the view shows ±2.2
    t = math.radians(degrees)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(cx + radius * math.cos(t), cy - radius * math.sin(t), steps=8)
    page.mouse.up()


def check_quadratic_form(page, root) -> None:
    """Presets, typed matrices (a singular one), x moved by keys and mouse, and bad input."""
    root.locator(".course-quadratic-form").first.wait_for()
    check_qf_shows(root, qf_matrix(root))
    menu = root.locator("select.course-qf-preset").first
    for name, abc in QF_PRESETS.items():
        menu.select_option(name)
        check_qf_shows(root, abc)
    for abc in ([3, 1, 3], [4, 2, 1], [-1, 1, -1], [1, 2, 1], [2, 0, 2], [0, 0, 0],
                [-0.7, 2.3, 1.9], [1e-200, 0, 5e-201], [3e150, 1e150, 3e150]):  # fmt: skip
        set_qf(root, abc)
        check_qf_shows(root, abc)
    assert menu.input_value() == "custom"
    set_qf(root, [3, 1, 3])
    # the keyboard: the slider, then the handle in the picture (Shift: 10°)
    slider = root.locator("input.course-qf-theta").first
    slider.evaluate("e => { e.value = '0'; e.dispatchEvent(new Event('input')); }")
    check_qf_shows(root, [3, 1, 3], 0.0)
    slider.focus()
    page.keyboard.press("ArrowRight")
    check_qf_shows(root, [3, 1, 3], 1.0)
    root.locator("circle.course-qf-handle").first.focus()
    for _ in range(4):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("ArrowLeft")
    check_qf_shows(root, [3, 1, 3], 40.0)
    page.keyboard.press("ArrowLeft")
    for _ in range(5):
        page.keyboard.press("ArrowRight")  # the handle keeps the focus across redraws
    check_qf_shows(root, [3, 1, 3], 44.0)
    page.keyboard.press("ArrowRight")  # x = v₁: xᵀAx = λ₁ = 4
    check_qf_shows(root, [3, 1, 3], 45.0)
    assert close(fields(root, ".course-qf-readout")["q"], 4.0, rtol=1e-12)
    # the mouse: drag x to 135°, the direction of v₂ (xᵀAx = λ₂ = 2)
    drag_qf_to(page, root, 135.0)
    theta = qf_theta(root)
    assert abs(theta - 135.0) <= 2.0, theta
    check_qf_shows(root, [3, 1, 3], theta)
    # bad input: a message; the picture and numbers keep the last valid matrix
    before = qf_matrix(root)
    box = root.locator("input.course-qf-b").first
    for typed, words in (("abc", "not a number"), ("", "empty"), ("1e999", "beyond"),
                         ("nan", "not a number")):  # fmt: skip
        box.fill(typed)
        kind, text = status_of(root, ".course-qf-status")
        assert kind == "error" and words in text, (typed, text)
        assert box.get_attribute("aria-invalid") == "true"
        check_qf_shows(root, before, theta, status=False)
    box.fill("1")
    set_qf(root, [1.5e308, 1e308, 1.5e308])  # finite entries, but λ₁ overflows
    kind, text = status_of(root, ".course-qf-status")
    assert kind == "error" and "overflows" in text, text
    assert qf_matrix(root) != [1.5e308, 1e308, 1.5e308]
    set_qf(root, [3, 1, 3])
    check_qf_shows(root, [3, 1, 3], theta)
    assert box.get_attribute("aria-invalid") == "false"
