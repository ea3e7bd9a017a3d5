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

from helpers.widgets.pca_direction import PCADirection
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
    # the mouse: drag x to 135°, the direction of v₂ (xᵀAx = λ₂ = 2); in a deck too,
    # where the slides are scaled by a CSS transform
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


# --------------------------------------------------------------------------- PCA direction


def pca_model(root) -> PCADirection:
    """The model of the points the PCA widget received (its ``data-points``)."""
    points = json.loads(root.locator(".course-pca-direction").first.get_attribute("data-points"))
    return PCADirection(points)


def pca_state(root) -> tuple[float, bool]:
    plot = root.locator("svg.course-pca-plot").first
    return float(plot.get_attribute("data-theta")), plot.get_attribute("data-centred") == "true"


def check_pca_shows(root, model: PCADirection, theta: float, centred: bool, *, status=True):
    """The readout, status and pictures show the line at ``theta`` as the model says."""
    shown_theta, shown_centred = pca_state(root)
    # an angle the view computed (PC1) may differ from Python's in the last bit
    assert abs(shown_theta - theta) < 1e-9 and shown_centred == centred, (shown_theta, theta)
    theta = shown_theta
    shown = fields(root, ".course-pca-readout")
    expected = model.readout(theta, centred)
    assert float(shown["theta"]) == expected["theta"] and shown["centred"] == str(centred).lower()
    scale = expected["total"]
    numbers = ("variance", "residual", "total", "fraction", "best_variance", "lambda1", "lambda2")
    for key in numbers:
        assert close(shown[key], expected[key], rtol=1e-12, atol=1e-13 * scale), (key, theta)
    for key in ("best_theta", "pc1_theta"):
        assert abs(float(shown[key]) - expected[key]) < 1e-9, (key, shown[key], expected[key])
    if status:
        text, level = model.message(theta, centred)
        assert status_of(root, ".course-pca-status") == (level, f"{ICONS[level]} {text}")
    assert root.locator("circle.course-pca-point").count() == model.n
    assert root.locator("line.course-pca-residual").count() == model.n
    dot = root.locator("circle.course-pca-current").first
    assert float(dot.get_attribute("data-theta")) == theta
    button = root.locator("button.course-pca-centre").first
    assert button.get_attribute("aria-pressed") == str(centred).lower()


def drag_pca_to(page, root, degrees: float) -> None:
    """Drag the end of the line with the mouse to ``degrees`` about its reference point."""
    handle = root.locator("circle.course-pca-handle").first
    handle.scroll_into_view_if_needed()
    plot = root.locator("svg.course-pca-plot").first
    cx, cy, L = json.loads(plot.get_attribute("data-view"))
    box = plot.bounding_box()
    model = pca_model(root)
    _, centred = pca_state(root)
    p = model.mean if centred else (0.0, 0.0)
    t = math.radians(degrees)
    q = (p[0] + 0.3 * L * math.cos(t), p[1] + 0.3 * L * math.sin(t))
    x = box["x"] + (1 + (q[0] - cx) / L) * box["width"] / 2
    y = box["y"] + (1 - (q[1] - cy) / L) * box["height"] / 2
    hb = handle.bounding_box()
    page.mouse.move(hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2)
    page.mouse.down()
    page.mouse.move(x, y, steps=8)
    page.mouse.up()


def check_pca_direction(page, root) -> None:
    """The slider, the keys on the line, typed angles, the mouse, PC1, the centring, bad input."""
    root.locator(".course-pca-direction").first.wait_for()
    model = pca_model(root)
    theta, centred = pca_state(root)
    check_pca_shows(root, model, theta, centred)
    if not centred:
        root.locator("button.course-pca-centre").first.click()
    slider = root.locator("input.course-pca-theta").first
    slider.evaluate("e => { e.value = '0'; e.dispatchEvent(new Event('input')); }")
    check_pca_shows(root, model, 0.0, True)
    slider.focus()
    page.keyboard.press("ArrowRight")
    check_pca_shows(root, model, 1.0, True)
    root.locator("circle.course-pca-handle").first.focus()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("ArrowLeft")
    check_pca_shows(root, model, 20.0, True)
    page.keyboard.press("ArrowLeft")  # 0° and 180° are the same line
    for _ in range(3):
        page.keyboard.press("Shift+ArrowLeft")
    check_pca_shows(root, model, 169.0, True)
    # typed angles, taken modulo 180
    box = root.locator("input.course-pca-theta-text").first
    for typed, theta in (("200", 20.0), ("-30.5", 149.5), ("1e2", 100.0)):
        box.fill(typed)
        check_pca_shows(root, model, theta, True)
    # the best line is PC1, with the largest variance λ₁ and the smallest residual λ₂
    root.locator("button.course-pca-to-pc1").first.click()
    pc1 = model.readout(0.0)["pc1_theta"]
    check_pca_shows(root, model, pc1, True)
    shown = fields(root, ".course-pca-readout")
    assert close(shown["variance"], float(shown["lambda1"]), rtol=1e-12)
    assert close(shown["residual"], float(shown["lambda2"]), rtol=1e-9)
    # the mouse (in a deck too, where the slides are scaled by a CSS transform)
    drag_pca_to(page, root, 60.0)
    theta, _ = pca_state(root)
    assert abs(theta - 60.0) <= 2.0, theta
    check_pca_shows(root, model, theta, True)
    # forgetting the mean: the line goes through the origin, the best one leans to the mean
    root.locator("button.course-pca-centre").first.click()
    check_pca_shows(root, model, theta, False)
    root.locator("button.course-pca-to-pc1").first.click()
    best = model.readout(0.0, centred=False)["best_theta"]
    check_pca_shows(root, model, best, False)
    assert abs(best - pc1) > 1.0, (best, pc1)
    root.locator("button.course-pca-centre").first.click()
    check_pca_shows(root, model, best, True)
    # bad input: a message, and the picture keeps the last valid angle
    for typed, words in (("abc", "not a number"), ("", "empty"), ("1e999", "beyond")):
        box.fill(typed)
        kind, text = status_of(root, ".course-pca-status")
        assert kind == "error" and words in text, (typed, text)
        assert box.get_attribute("aria-invalid") == "true"
        check_pca_shows(root, model, best, True, status=False)
    box.fill("45")
    check_pca_shows(root, model, 45.0, True)
    assert box.get_attribute("aria-invalid") == "false"
