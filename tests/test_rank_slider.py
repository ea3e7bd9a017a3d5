"""The rank slider: DOM contract, lossless pixels, no new SVD per move, no stale drawings."""

import re

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.images import ImageSVD, load_image
from helpers.widgets import rank_slider
from helpers.widgets.pixel_view import PixelView
from helpers.widgets.rank_slider import FIELDS, format_readout, readout_html

SPAN = re.compile(r'<span data-field="([a-z]+)" data-value="([^"]+)">')


@pytest.fixture(scope="module")
def small_rgb():
    return load_image("grace_hopper", mode="RGB")[150:270, 180:280]  # 120 × 100


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def by_class(box, css_class):
    found = [w for w in walk(box) if css_class in w._dom_classes]
    assert len(found) == 1, f"expected one widget with class {css_class}, found {len(found)}"
    return found[0]


def decode(view):
    """The pixels a PixelView sends to the browser (tests/test_pixel_view.py checks them)."""
    assert isinstance(view, PixelView)
    return view.pixels


def shown_values(box):
    text = by_class(box, "course-rank-readout").value
    pairs = SPAN.findall(text)
    assert [field for field, _ in pairs] == list(FIELDS)
    return {field: (int(v) if field in ("k", "storage") else float(v)) for field, v in pairs}


def assert_shows(box, k):
    model = box.image_svd
    assert box.slider.value == k
    assert np.array_equal(decode(by_class(box, "course-rank-image")), model.reconstruct(k))
    assert shown_values(box) == model.readout(k)


def test_dom_contract(small_rgb):
    box = rank_slider(small_rgb)
    assert isinstance(box, widgets.VBox) and "course-rank-slider" in box._dom_classes
    slider = by_class(box, "course-rank-k")
    assert isinstance(slider, widgets.IntSlider) and slider is box.slider
    assert (slider.min, slider.max, slider.step, slider.value) == (1, 100, 1, 20)
    assert isinstance(by_class(box, "course-rank-image"), PixelView)
    assert isinstance(by_class(box, "course-rank-original"), PixelView)
    assert isinstance(by_class(box, "course-rank-readout"), widgets.HTML)
    assert isinstance(by_class(box, "course-rank-status"), widgets.HTML)
    assert np.array_equal(decode(by_class(box, "course-rank-original")), box.image_svd.original)
    assert_shows(box, 20)


def test_moves_show_exactly_the_model(small_rgb):
    box = rank_slider(small_rgb, k=3)
    assert_shows(box, 3)
    for k in (1, 7, 33, 100, 64, 2):
        box.slider.value = k
        assert_shows(box, k)
    assert "rebuilt from the stored SVD" in by_class(box, "course-rank-status").value


def test_full_rank_shows_infinite_psnr(small_rgb):
    box = rank_slider(small_rgb, k=100)
    assert shown_values(box)["psnr"] == float("inf")
    assert 'data-value="inf"' in by_class(box, "course-rank-readout").value
    assert np.array_equal(decode(by_class(box, "course-rank-image")), box.image_svd.original)


def test_grayscale_and_a_precomputed_model(small_rgb, monkeypatch):
    gray = load_image("grace_hopper", mode="L")[:90, :70]
    model = ImageSVD(gray)

    def no_svd(*args, **kwargs):
        raise AssertionError("the slider must not decompose again")

    monkeypatch.setattr(np.linalg, "svd", no_svd)
    box = rank_slider(model, k=5)  # reuses the model: no SVD at creation either
    assert box.image_svd is model
    assert decode(by_class(box, "course-rank-image")).shape == (90, 70)
    for k in (6, 70, 1):
        box.slider.value = k
        assert_shows(box, k)


def test_creation_prints_nothing(small_rgb, capsys):
    rank_slider(small_rgb, k=4)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_superseded_values_are_not_drawn(small_rgb):
    box = rank_slider(small_rgb, k=10)
    model = box.image_svd
    real = model.reconstruct
    drawn = []

    def slow_reconstruct(k):
        drawn.append(k)
        if len(drawn) == 1:  # new values arrive while the first drawing is under way
            for newer in (60, 61, 62):
                box.slider.value = newer
        return real(k)

    model.reconstruct = slow_reconstruct
    try:
        box.slider.value = 50
    finally:
        del model.reconstruct
    assert drawn == [50, 62]  # 60 and 61 were superseded before they could be drawn
    assert box._state["draws"] == 2 and box._state["shown"] == 62
    assert_shows(box, 62)


def test_a_stale_notification_draws_the_current_value(small_rgb):
    box = rank_slider(small_rgb, k=10)
    box.slider.value = 30
    draws = box._state["draws"]
    stale = {"name": "value", "old": 10, "new": 7, "owner": box.slider, "type": "change"}
    box.slider.notify_change(stale)  # a late notification for a value no longer current
    assert box._state["draws"] == draws  # 30 is already on screen: nothing to do
    assert_shows(box, 30)


def test_an_error_in_a_move_shows_in_the_status_line(small_rgb):
    box = rank_slider(small_rgb, k=10)
    model = box.image_svd

    def broken(k):
        raise RuntimeError("disk on fire")

    model.reconstruct = broken
    box.slider.value = 11  # must not raise
    status = by_class(box, "course-rank-status").value
    assert "RuntimeError: disk on fire" in status and "course-status-error" in status
    del model.reconstruct
    box.slider.value = 12
    assert_shows(box, 12)
    assert "course-status-error" not in by_class(box, "course-rank-status").value


def test_rgba_note_is_shown(small_rgb):
    rgba = np.concatenate([small_rgb, np.ones((*small_rgb.shape[:2], 1))], axis=2)
    box = rank_slider(rgba, k=2)
    assert "alpha" in by_class(box, "course-rank-status").value
    box.slider.value = 3
    assert_shows(box, 3)


def test_bad_arguments(small_rgb):
    with pytest.raises(ValueError, match="k must be at least 1 and at most 100"):
        rank_slider(small_rgb, k=101)
    with pytest.raises(ValueError, match="k must be at least 1"):
        rank_slider(small_rgb, k=0)
    with pytest.raises(TypeError, match="k must be an integer"):
        rank_slider(small_rgb, k=2.5)
    with pytest.raises(ValueError, match="NaN or infinity"):
        rank_slider(np.full((4, 4), np.nan))


def test_readout_html_carries_full_precision_values():
    r = {"k": 7, "storage": 1234567, "ratio": 1 / 3, "energy": 0.123456789012, "psnr": 31.0}
    text = readout_html(r)
    assert dict(SPAN.findall(text)) == {
        "k": "7",
        "storage": "1234567",
        "ratio": repr(1 / 3),
        "energy": "0.123456789012",
        "psnr": "31.0",
    }
    assert "storage 1,234,567 numbers" in text and "ratio 0.33×" in text
    assert "energy kept 12.35 %" in text and "PSNR 31.00 dB" in text
    np_values = {**r, "k": np.int64(7), "ratio": np.float64(1 / 3)}
    assert readout_html(np_values) == text


def test_format_readout_and_bad_readouts():
    r = {"k": 1, "storage": 2, "ratio": 3.0, "energy": 1.0, "psnr": float("inf")}
    assert format_readout(r)["psnr"] == "PSNR ∞ dB (exact)"
    assert format_readout(r)["energy"] == "energy kept 100.00 %"
    with pytest.raises(ValueError, match="readout must be a dict with keys"):
        readout_html({"k": 1})
    with pytest.raises(TypeError, match="readout must be a dict with keys"):
        format_readout([1, 2, 3, 4, 5])
    with pytest.raises(TypeError, match=r"readout\['k'\] must be an integer"):
        readout_html({**r, "k": True})
    # issue 20: a value of the wrong kind was int()-ed or float()-ed with numpy's message
    for field, value, error in (
        ("k", "20", TypeError),
        ("k", 0, ValueError),
        ("storage", float("nan"), TypeError),
        ("ratio", -1.0, ValueError),
        ("energy", 1.5, ValueError),
        ("psnr", float("nan"), ValueError),
        ("psnr", -float("inf"), ValueError),
    ):
        with pytest.raises(error, match=rf"readout\['{field}'\]"):
            format_readout({**r, field: value})


def test_small_image_starts_at_its_largest_rank_and_says_so():
    box = rank_slider(np.arange(8 * 12, dtype=np.uint8).reshape(8, 12))
    assert box.slider.value == 8 and box.slider.max == 8
    assert "largest rank is 8" in box.children[3].value
    with pytest.raises(ValueError, match="k"):
        rank_slider(np.zeros((8, 12), dtype=np.uint8), k=20)  # an explicit k is not lowered


def test_static_page_state_embeds_the_models_own_factors():
    import base64

    from helpers.images import ImageSVD
    from helpers.widgets import STATIC_MIME
    from helpers.widgets.rank_slider import static_page_state

    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(30, 24, 3), dtype=np.uint8)
    box = rank_slider(pixels, k=5)
    static = box._repr_mimebundle_()[STATIC_MIME]
    assert static["kind"] == "rank_slider" and static["state"]["k"] == 5
    state = static_page_state(static["state"], ranks=10)
    model = ImageSVD(pixels)
    assert (state["height"], state["width"], state["channels"]) == (30, 24, 3)
    assert (state["ranks"], state["max_rank"], state["k"]) == (10, 24, 5)
    us = np.frombuffer(base64.b64decode(state["us"]), dtype="<f4").reshape(3, 30, 10)
    vt = np.frombuffer(base64.b64decode(state["vt"]), dtype="<f4").reshape(3, 10, 24)
    rebuilt = np.clip(np.moveaxis(us @ vt, 0, 2) + 0.5, 0.5, 255.5).astype(np.uint8)
    assert np.abs(rebuilt.astype(int) - model.reconstruct(10)).max() <= 1
    original = np.frombuffer(base64.b64decode(state["original"]), dtype=np.uint8)
    np.testing.assert_array_equal(original.reshape(pixels.shape), pixels)
    np.testing.assert_allclose(state["cumulative_energy"], model.cumulative_energy)
