"""Notebook 05's rank slider in a browser: in JupyterLab, alone, and as a static page.

The view (``helpers/widgets/rank_slider.js``) computes every move in the
browser from factors sent once. Three tests drive it:

- ``test_rank_slider``: notebook 05 in JupyterLab; the keyboard (arrows, PageUp,
  End, Home), a drag, and the kernel's side of ``k`` (a move reaches the kernel,
  a value set in the kernel moves the view); pixels against
  ``ImageSVD.reconstruct`` within ``MISMATCH_BOUND``, readouts against
  ``ImageSVD.readout``; then, in JupyterLab light and Dark, axe-core's WCAG 2
  A/AA rules and a 3:1 focus ring on each control (``axe.assert_accessible``).
- ``test_view_alone_matches_its_numpy_twin``: the same module with a model
  shim that hands it DataViews, as anywidget does; after each key the pixels
  equal ``_BrowserSum`` (the browser's arithmetic in numpy) exactly, and the
  route taken is the cheapest; bad states show a message and keep the picture.
- ``test_static_page_view``: the HTML ``tools/build_slides.py`` writes for a
  site page or a deck, checked by ``widget_checks.check_rank_slider_static``.
"""

from __future__ import annotations

import importlib.util
import json
import math
import time
from pathlib import Path

import axe
import numpy as np
import pytest
from browser_lab import (
    check_fits_a_laptop_and_follows_dark_theme,
    displayed_pixels,
    notebook_or_skip,
    open_and_run,
    readouts,
)

from helpers.images import ImageSVD, load_image
from helpers.widgets import rank_slider
from helpers.widgets.common import widget_esm
from helpers.widgets.rank_slider import FIELDS, MISMATCH_BOUND, _BrowserSum, format_readout

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def within_bound(shown: np.ndarray, expected: np.ndarray) -> tuple[bool, float]:
    """At most MISMATCH_BOUND of the values one level off, none more (and the same shape)."""
    if shown.shape != expected.shape:
        return False, 1.0
    d = np.abs(shown.astype(np.int16) - expected.astype(np.int16))
    fraction = np.count_nonzero(d) / d.size
    return bool(d.max() <= 1 and fraction <= MISMATCH_BOUND), fraction


def rgb(pixels: np.ndarray) -> np.ndarray:
    return np.repeat(pixels[:, :, None], 3, axis=2) if pixels.ndim == 2 else pixels


def psnr_of(pixels: np.ndarray, original: np.ndarray) -> float:
    sse = float(np.sum((pixels.astype(np.float64) - original) ** 2))
    return math.inf if sse == 0 else 10 * math.log10(255.0**2 * original.size / sse)


def check_readouts(widget, model: ImageSVD, k: int, pixels: np.ndarray) -> None:
    """Every readout's value and text, against ImageSVD.readout and the pixels shown."""
    shown = readouts(widget, FIELDS)
    expected = model.readout(k)
    assert int(shown["k"]) == k and int(shown["storage"]) == expected["storage"], shown
    assert float(shown["ratio"]) == expected["ratio"]
    assert float(shown["energy"]) == expected["energy"]
    own = psnr_of(pixels, model.original)  # the view's PSNR is of the pixels it shows
    assert math.isclose(float(shown["psnr"]), own, rel_tol=1e-12), (shown["psnr"], own)
    assert math.isclose(own, expected["psnr"], rel_tol=1e-4), (own, expected["psnr"])
    texts = widget.locator(".course-rank-readout [data-field]").all_inner_texts()
    assert texts == list(format_readout({**expected, "psnr": own}).values())


def route_of(image) -> tuple[str, str]:
    """How the canvas's picture was reached: data-route and data-updates."""
    return image.get_attribute("data-route"), image.get_attribute("data-updates")


# --------------------------------------------------------------------------- JupyterLab


KERNEL_JS = """async (code) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const future = kernel.requestExecute({code, silent: false, store_history: false});
    let out = '';
    future.onIOPub = (msg) => {
        if (msg.header.msg_type === 'stream') out += msg.content.text;
        if (msg.header.msg_type === 'error') out += 'ERROR ' + msg.content.evalue;
    };
    await future.done;
    return out.trim();
}"""


def test_rank_slider(lab, lab_page):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip("05_low_rank_approximation.ipynb"))
    widget = page.locator(".course-rank-slider").first
    widget.scroll_into_view_if_needed()
    slider = widget.locator("input[type=range].course-rank-k").first
    image = widget.locator("canvas.course-rank-image").first
    model = ImageSVD(load_image("grace_hopper", mode="RGB"))

    def shows_rank(k: int, timeout: float = 30.0) -> np.ndarray:
        """Wait until the canvas shows rank k, then check its pixels and readouts."""
        deadline = time.monotonic() + timeout
        while image.get_attribute("data-k") != str(k):
            if time.monotonic() > deadline:
                drawn = image.get_attribute("data-k")
                pytest.fail(f"the rank slider did not show k = {k} (data-k {drawn})")
            page.wait_for_timeout(50)
        assert slider.input_value() == str(k)
        shown, _ = displayed_pixels(image)
        ok, fraction = within_bound(shown, model.reconstruct(k))
        assert ok, (
            f"k = {k}: {fraction:.2e} of the values differ from ImageSVD (bound {MISMATCH_BOUND})"
        )
        check_readouts(widget, model, k, shown)
        return shown

    def kernel(code: str) -> str:
        return page.evaluate(KERNEL_JS, code)

    def kernel_has(k: int, timeout: float = 10.0) -> bool:
        """Whether the kernel's slider.k (and .slider.value) reaches k: ipywidgets holds a
        move's message back while an earlier one is in flight, so it may come late."""
        deadline = time.monotonic() + timeout
        while True:
            if kernel("print(slider.k, slider.slider.value)").split() == [str(k)] * 2:
                return True
            if time.monotonic() > deadline:
                return False
            page.wait_for_timeout(100)

    assert slider.get_attribute("max") == str(model.max_rank)  # every rank is in the browser
    assert page.get_by_role("slider", name="rank k").count() == 1  # its name is its label
    assert widget.locator(".course-rank-readout").get_attribute("aria-live") == "polite"
    k0 = int(image.get_attribute("data-k"))
    assert k0 == 20, "notebook 05 starts the slider at k = 20 (widget contract)"
    shows_rank(k0)
    original, _ = displayed_pixels(widget.locator("canvas.course-rank-original").first)
    assert np.array_equal(original, model.original)

    slider.focus()
    for key, k in (("ArrowRight", 21), ("ArrowRight", 22), ("ArrowLeft", 21), ("PageUp", 72)):
        page.keyboard.press(key)
        shows_rank(k)
        assert image.get_attribute("data-route") == "current"
    assert kernel_has(72)  # the kernel learns each move (save in common.js)

    page.keyboard.press("End")  # far jump: down from full rank is free, the original itself
    pixels = shows_rank(model.max_rank)
    assert route_of(image) == ("full", "0")
    assert np.array_equal(pixels, model.original)
    page.keyboard.press("Home")  # far jump the other way: up from 0, one term
    shows_rank(1)
    assert route_of(image) == ("zero", "1")
    assert kernel_has(1)

    # mouse: drag the thumb to about a third of the track
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 4, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.33 * box["width"], y, steps=12)
    page.mouse.up()
    k_drag = int(slider.input_value())
    assert abs(k_drag - (1 + 0.33 * (model.max_rank - 1))) <= 0.05 * model.max_rank, k_drag
    shows_rank(k_drag)
    assert kernel_has(k_drag)

    # the kernel moves the view (notebook 05 does, with slider.slider.value = ...)
    assert kernel("slider.k = 300") == ""
    shows_rank(300)
    assert kernel("slider.slider.value = 299") == ""
    shows_rank(299)
    assert "k must be at least 1" in kernel("slider.k = 0")  # refused there; the view stays
    shows_rank(299)
    status = widget.locator(".course-rank-status").first
    assert status.get_attribute("data-kind") != "error"
    output = ".jp-OutputArea-output:has(.course-rank-slider)"
    axe.assert_accessible(page, output, theme="light")
    check_fits_a_laptop_and_follows_dark_theme(page, ".course-rank-slider")
    axe.assert_accessible(page, output, theme="dark")  # the check above left JupyterLab Dark


# --------------------------------------------------------------------------- the view alone

#: A page that runs rank_slider.js with a model shim: binary traits arrive as DataViews
#: (as anywidget gives them), set() fires change:<key> at once (as Backbone does),
#: save_changes() records what the kernel would receive, window.kernelSets(k) plays
#: the kernel setting k.
ALONE = """<!DOCTYPE html><html lang="en">
<head><meta charset="utf-8"><title>rank slider</title></head>
<body><main><div id="host"></div></main><script>
(function () {
  const state = STATE;
  for (const name of ["us", "vt", "original"]) {
    if (typeof state[name] !== "string") continue;
    const bin = atob(state[name]);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    state[name] = new DataView(bytes.buffer);
  }
  const listeners = {};
  const fire = (key) => (listeners["change:" + key] || []).forEach((f) => f());
  window.saved = [];
  const model = {
    get: (k) => state[k],
    set: (k, v) => { const changed = state[k] !== v; state[k] = v; if (changed) fire(k); },
    on: (name, cb) => { (listeners[name] = listeners[name] || []).push(cb); },
    off: () => {},
    save_changes: () => { window.saved.push(state.k); },
    send: () => {},
  };
  window.kernelSets = (k) => { state.k = k; fire("k"); };
  const W = (function () { MODULE })();
  W.render({ model, el: document.getElementById("host") });
})();
</script></body></html>"""


def alone_page(page, state: dict) -> None:
    module = widget_esm("rank_slider").replace("export default", "return")
    html = ALONE.replace("STATE", json.dumps(state)).replace("MODULE", module)
    page.set_content(html)
    page.locator(".course-rank-slider").first.wait_for()


def widget_state(box) -> dict:
    import base64

    names = ("height", "width", "channels", "max_rank", "ranks", "k", "cumulative_energy", "note")
    state = {name: getattr(box, name) for name in names}
    for name in ("us", "vt", "original"):
        state[name] = base64.b64encode(getattr(box, name)).decode("ascii")
    return state


def test_view_alone_matches_its_numpy_twin(page):
    model = ImageSVD(load_image("grace_hopper", mode="RGB")[150:270, 180:280])  # max rank 100
    box = rank_slider(model, k=20)
    alone_page(page, widget_state(box))
    twin = _BrowserSum(model)
    widget = page.locator(".course-rank-slider").first
    image = page.locator("canvas.course-rank-image").first
    slider = page.get_by_role("slider", name="rank k")
    status = page.locator(".course-rank-status").first

    def shows(k: int, route: tuple[str, int]) -> None:
        expected, way, cost = twin.go(k)
        assert (way, cost) == route, (k, way, cost)
        assert image.get_attribute("data-k") == str(k) and slider.input_value() == str(k)
        assert route_of(image) == (way, str(cost))
        shown, _ = displayed_pixels(image)
        assert np.array_equal(shown, rgb(expected)), f"k = {k}: not the twin's pixels"
        assert within_bound(shown, rgb(model.reconstruct(k)))[0]
        check_readouts(widget, model, k, shown)

    shows(20, ("zero", 20))
    original, _ = displayed_pixels(page.locator("canvas.course-rank-original").first)
    assert np.array_equal(original, model.original)
    slider.focus()
    steps = [
        ("ArrowRight", 21, ("current", 1)),
        ("ArrowUp", 22, ("current", 1)),
        ("ArrowLeft", 21, ("current", 1)),
        ("PageUp", 31, ("current", 10)),  # a tenth of 100 ranks
        ("End", 100, ("full", 0)),
        ("ArrowLeft", 99, ("current", 1)),
        ("PageDown", 89, ("current", 10)),  # 10 from here < 11 from full
        ("Home", 1, ("zero", 1)),
        ("ArrowDown", 1, ("zero", 1)),  # at the bottom: nothing moves, nothing redrawn
        ("PageDown", 1, ("zero", 1)),
        ("ArrowRight", 2, ("current", 1)),
    ]
    for key, k, route in steps:
        frame = image.get_attribute("data-frame")
        page.keyboard.press(key)
        if k == 1 and key != "Home":
            assert image.get_attribute("data-frame") == frame  # no move, no new picture
            continue
        shows(k, route)
        assert page.evaluate("window.saved.at(-1)") == k  # what the kernel is sent

    # the kernel sets k: drawn, and not sent back
    sent = page.evaluate("window.saved.length")
    page.evaluate("window.kernelSets(60)")
    shows(60, ("full", 40))
    assert page.evaluate("window.saved.length") == sent
    # a bad k from the kernel: a message, and the last valid picture stays
    frame = image.get_attribute("data-frame")
    for bad in (0, 101, 2.5, "7", None):
        page.evaluate("(k) => window.kernelSets(k)", bad)
        assert status.get_attribute("data-kind") == "error"
        assert "still shows rank 60" in status.inner_text()
        assert image.get_attribute("data-frame") == frame and slider.input_value() == "60"
    page.evaluate("window.kernelSets(61)")  # a good one clears the message
    shows(61, ("current", 1))
    assert status.get_attribute("data-kind") == "info" and status.inner_text() == ""
    assert not [line for line in page.console if line.startswith(("pageerror", "error"))]


def test_view_alone_refuses_a_bad_state(page):
    box = rank_slider(np.arange(12 * 10, dtype=np.uint8).reshape(12, 10), k=3)
    good = widget_state(box)
    for change, words in (
        ({"us": good["us"][: len(good["us"]) // 2]}, "us holds"),
        ({"original": None}, "original is missing"),
        ({"channels": 2}, "channels = 2"),
        ({"ranks": 11}, "ranks = 11"),
        ({"cumulative_energy": [0.5]}, "cumulative_energy"),
    ):
        alone_page(page, {**good, **change})
        status = page.locator(".course-rank-status").first
        assert status.get_attribute("data-kind") == "error", change
        assert words in status.inner_text(), (words, status.inner_text())
        assert page.locator("input.course-rank-k").first.is_disabled()
        assert page.locator("canvas.course-rank-image").first.get_attribute("data-frame") is None
    alone_page(page, good)  # and the good state draws
    assert page.locator("canvas.course-rank-image").first.get_attribute("data-k") == "3"


# --------------------------------------------------------------------------- static pages


def test_static_page_view(page):
    """The widget as tools/build_slides.py writes it into a site page or a deck."""
    import widget_checks

    from helpers.widgets.rank_slider import STATIC_RANKS, static_page_state

    spec = importlib.util.spec_from_file_location(
        "build_slides", ROOT / "tools" / "build_slides.py"
    )
    build_slides = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_slides)
    model = ImageSVD(load_image("grace_hopper", mode="RGB")[100:300, 100:300])  # max rank 200
    state = static_page_state(rank_slider(model, k=20).static_state())
    html = build_slides.static_widget_html("rank_slider", state)
    page.set_content(f'<!DOCTYPE html><html lang="en"><body><main>{html}</main></body></html>')
    root = page.locator("main")
    slider = root.locator("input.course-rank-k").first
    assert slider.get_attribute("max") == str(STATIC_RANKS)
    assert f"up to rank {STATIC_RANKS}" in root.locator(".course-rank-status").inner_text()
    widget_checks.check_rank_slider_static(page, root, model)
    image = root.locator("canvas.course-rank-image").first
    slider.focus()
    page.keyboard.press("End")  # no full rank on a static page: from here or from 0
    assert image.get_attribute("data-k") == str(STATIC_RANKS)
    assert image.get_attribute("data-route") != "full"
    shown, _ = displayed_pixels(image)
    assert within_bound(shown, model.reconstruct(STATIC_RANKS))[0]
