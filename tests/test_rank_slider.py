"""The rank slider's model side: the factors it sends once, k in sync, the browser's arithmetic.

The view (``rank_slider.js``) computes every move in the browser; the browser
tests (``tests/browser/test_rank_slider_lab.py``) drive it. Here: the traits
carry exactly ``ImageSVD``'s factors and pixels, ``k`` is validated and moves
both ways, and the browser's float64 arithmetic (``_BrowserSum``, its numpy
twin) agrees with ``ImageSVD.reconstruct`` within the stated bound at every rank.
"""

import re

import numpy as np
import pytest

from helpers.images import ImageSVD, load_image
from helpers.widgets import STATIC_MIME, rank_slider
from helpers.widgets.rank_slider import (
    FIELDS,
    MISMATCH_BOUND,
    RankSlider,
    _BrowserSum,
    format_readout,
    readout_html,
    static_page_state,
)

SPAN = re.compile(r'<span data-field="([a-z]+)" data-value="([^"]+)">')


@pytest.fixture(scope="module")
def small_rgb():
    return load_image("grace_hopper", mode="RGB")[150:270, 180:280]  # 120 × 100


@pytest.fixture(scope="module")
def photo():
    return ImageSVD(load_image("grace_hopper", mode="RGB"))  # 600 × 512, the course's


def factors(box):
    """The factors and pixels the widget sends, decoded as the view decodes them."""
    ch, h, w, r = box.channels, box.height, box.width, box.ranks
    us = np.frombuffer(box.us, dtype="<f4").reshape(ch, h, r)
    vt = np.frombuffer(box.vt, dtype="<f4").reshape(ch, r, w)
    original = np.frombuffer(box.original, dtype=np.uint8).reshape(box.image_svd.shape)
    return us, vt, original


def test_traits_carry_the_models_own_factors(small_rgb):
    box = rank_slider(small_rgb)
    model = box.image_svd
    assert isinstance(box, RankSlider) and box.k == 20
    assert repr(box) == "RankSlider(ImageSVD(RGB 120×100, max_rank=100), k=20)"  # no 7 MB repr
    assert (box.height, box.width, box.channels) == (120, 100, 3)
    assert box.max_rank == box.ranks == 100
    us, vt, original = factors(box)
    np.testing.assert_array_equal(us, model._us)  # the very float32 numbers ImageSVD sums
    np.testing.assert_array_equal(vt, model._vt)
    np.testing.assert_array_equal(original, model.original)
    assert box.cumulative_energy == [float(x) for x in model.cumulative_energy]
    rebuilt = np.clip(np.moveaxis(us @ vt, 0, 2) + 0.5, 0.5, 255.5).astype(np.uint8)
    np.testing.assert_array_equal(rebuilt, model.original)  # every rank is there


def test_the_course_photo_sends_6_8_mb_of_factors_once(photo):
    box = rank_slider(photo, k=20)
    h, w, ch, r = 600, 512, 3, 512
    sizes = {"us": ch * h * r * 4, "vt": ch * r * w * 4, "original": h * w * ch}
    assert box.payload_bytes == sizes
    factor_mb = (box.payload_bytes["us"] + box.payload_bytes["vt"]) / 1e6
    assert round(factor_mb, 1) == 6.8  # the figure the module docstring states
    from ipywidgets.widgets.widget import _remove_buffers

    _, paths, buffers = _remove_buffers(box.get_state())  # what the comm message carries
    sent = {path[0]: len(buffer) for path, buffer in zip(paths, buffers, strict=True)}
    assert sent == box.payload_bytes  # binary buffers, not base64 in the JSON


def test_k_syncs_both_ways_and_the_old_slider_access_still_works(small_rgb):
    box = rank_slider(small_rgb, k=3)
    assert box.slider.value == 3 and (box.slider.min, box.slider.max, box.slider.step) == (
        1,
        100,
        1,
    )
    box.slider.value = 64  # notebook 05 moves the slider this way
    assert box.k == 64
    box.k = 7
    assert box.slider.value == 7 and box.readout == box.image_svd.readout(7)
    box.set_state({"k": 33})  # what a move in the browser sends
    assert box.k == 33 and box.readout["k"] == 33


def test_bad_k_is_refused_in_the_kernel(small_rgb):
    box = rank_slider(small_rgb, k=10)
    for bad, error in ((0, ValueError), (101, ValueError), (2.5, TypeError), (True, TypeError)):
        with pytest.raises(error, match="k must"):
            box.k = bad
        with pytest.raises(error, match="k must"):
            box.slider.value = bad
    assert box.k == 10
    with pytest.raises(ValueError, match="k must be at least 1 and at most 100"):
        box.set_state({"k": 500})  # a front end cannot send it either
    with pytest.raises(TypeError, match="k must be an integer"):
        box.set_state({"k": 2.5})
    assert box.k == 10  # rolled back: the refused value does not stay set
    with pytest.raises(TypeError, match="read-only"):
        box.us = b""  # the factors are sent once, never replaced


def test_bad_arguments(small_rgb):
    with pytest.raises(ValueError, match="k must be at least 1 and at most 100"):
        rank_slider(small_rgb, k=101)
    with pytest.raises(ValueError, match="k must be at least 1"):
        rank_slider(small_rgb, k=0)
    with pytest.raises(TypeError, match="k must be an integer"):
        rank_slider(small_rgb, k=2.5)
    with pytest.raises(ValueError, match="NaN or infinity"):
        rank_slider(np.full((4, 4), np.nan))
    with pytest.raises(TypeError, match="image_svd must be a helpers.images.ImageSVD"):
        RankSlider(small_rgb, 3)
    with pytest.raises(TypeError, match="note must be a str"):
        RankSlider(ImageSVD(small_rgb), 3, note=None)


def test_grayscale_and_a_precomputed_model(monkeypatch):
    gray = load_image("grace_hopper", mode="L")[:90, :70]
    model = ImageSVD(gray)

    def no_svd(*args, **kwargs):
        raise AssertionError("the slider must not decompose again")

    monkeypatch.setattr(np.linalg, "svd", no_svd)
    box = rank_slider(model, k=5)  # reuses the model: no SVD at creation, nor on moves
    assert box.image_svd is model and box.channels == 1
    us, vt, original = factors(box)
    assert us.shape == (1, 90, 70) and vt.shape == (1, 70, 70) and original.shape == (90, 70)
    for k in (6, 70, 1):
        box.slider.value = k
        assert box.readout == model.readout(k)


def test_creation_prints_nothing(small_rgb, capsys):
    rank_slider(small_rgb, k=4)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_notes_for_rgba_and_small_images(small_rgb):
    rgba = np.concatenate([small_rgb, np.ones((*small_rgb.shape[:2], 1))], axis=2)
    box = rank_slider(rgba, k=2)
    assert "alpha" in box.note and box.channels == 3
    box = rank_slider(np.arange(8 * 12, dtype=np.uint8).reshape(8, 12))
    assert box.k == 8 and box.slider.max == 8 and "largest rank is 8" in box.note
    with pytest.raises(ValueError, match="k"):
        rank_slider(np.zeros((8, 12), dtype=np.uint8), k=20)  # an explicit k is not lowered
    assert rank_slider(small_rgb, k=5).note == ""


# --------------------------------------------------------------------------- the browser's sums


def mismatch(shown, expected):
    d = np.abs(shown.astype(np.int16) - expected.astype(np.int16))
    return int(d.max()), np.count_nonzero(d) / d.size


@pytest.mark.slow
def test_browser_arithmetic_is_within_the_bound_at_every_rank(photo):
    """Up from 0 and down from full rank, every rank of the course photo (about 8 s)."""
    up, worst_up = _BrowserSum(photo), 0.0
    for k in range(1, photo.max_rank):
        pixels, way, cost = up.go(k)
        assert (way, cost) == (("zero", 1) if k == 1 else ("current", 1))
        top, fraction = mismatch(pixels, photo.reconstruct(k))
        assert top <= 1 and fraction <= MISMATCH_BOUND, (k, top, fraction)
        worst_up = max(worst_up, fraction)
    # End goes down from full rank: the sum of every float32 rank-one term is the
    # original to rounding (checked here, term by term as the view would add it)
    j = photo.max_rank - 1
    full = up.acc + up.us[:, :, j, None] * up.vt[:, None, j, :]
    assert np.abs(full - up._full).max() < 1e-4
    assert np.array_equal(np.floor(np.clip(full + 0.5, 0.5, 255.5)), up._full)
    pixels, way, cost = up.go(photo.max_rank)
    assert (way, cost) == ("full", 0) and np.array_equal(pixels, photo.reconstruct(j + 1))
    down, worst_down = _BrowserSum(photo), 0.0
    assert down.go(photo.max_rank)[1:] == ("full", 0)  # starts from the original itself
    for k in range(photo.max_rank, 0, -1):
        pixels, _, _ = down.go(k)
        top, fraction = mismatch(pixels, photo.reconstruct(k))
        assert top <= 1 and fraction <= MISMATCH_BOUND, (k, top, fraction)
        worst_down = max(worst_down, fraction)
    # float32 rounding in ImageSVD does move a few values: the bound is not vacuous
    assert 0 < max(worst_up, worst_down) <= MISMATCH_BOUND / 4


def test_far_jumps_take_the_cheapest_route(small_rgb):
    model = ImageSVD(small_rgb)  # max_rank 100
    view = _BrowserSum(model)
    assert view.go(20)[1:] == ("zero", 20)  # nothing on screen yet
    assert view.go(22)[1:] == ("current", 2)
    assert view.go(61)[1:] == ("current", 39)  # a tie with 39 from full: keep the sum
    assert view.go(95)[1:] == ("full", 5)  # down from the original
    assert view.go(97)[1:] == ("current", 2)
    assert view.go(100)[1:] == ("full", 0)  # End: the original itself
    assert view.go(3)[1:] == ("zero", 3)  # Home side: up from 0
    assert view.go(60)[1:] == ("full", 40)  # 40 from full < 57 from here < 60 from 0
    pixels, _, _ = view.go(60)
    top, fraction = mismatch(pixels, model.reconstruct(60))
    assert top <= 1 and fraction <= MISMATCH_BOUND
    static = _BrowserSum(model, ranks=30)  # a static page: no full rank to come down from
    static.go(5)
    assert static.route(29) == ("current", 24)


# --------------------------------------------------------------------------- static pages


def test_static_page_state_embeds_the_models_own_factors():
    import base64

    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(30, 24, 3), dtype=np.uint8)
    box = rank_slider(pixels, k=5)
    static = box._repr_mimebundle_()[0][STATIC_MIME]
    assert static["kind"] == "rank_slider" and static["state"]["k"] == 5
    box.k = 7  # the state carries the rank shown when the output was made
    assert box._repr_mimebundle_()[0][STATIC_MIME]["state"]["k"] == 7
    state = static_page_state(static["state"], ranks=10)
    model = ImageSVD(pixels)
    assert (state["height"], state["width"], state["channels"]) == (30, 24, 3)
    assert (state["ranks"], state["max_rank"], state["k"]) == (10, 24, 5)
    us = np.frombuffer(base64.b64decode(state["us"]), dtype="<f4").reshape(3, 30, 10)
    vt = np.frombuffer(base64.b64decode(state["vt"]), dtype="<f4").reshape(3, 10, 24)
    np.testing.assert_array_equal(us, model._us[:, :, :10])  # what the widget sends, cut
    np.testing.assert_array_equal(vt, model._vt[:, :10, :])
    original = np.frombuffer(base64.b64decode(state["original"]), dtype=np.uint8)
    np.testing.assert_array_equal(original.reshape(pixels.shape), pixels)
    np.testing.assert_allclose(state["cumulative_energy"], model.cumulative_energy)
    # the same keys as the widget's traits: one view reads both
    assert set(state) <= set(box.trait_names())


# --------------------------------------------------------------------------- readout text


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
    assert [f for f, _ in SPAN.findall(text)] == list(FIELDS)


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
