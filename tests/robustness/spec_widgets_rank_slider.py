"""Robustness spec of helpers.widgets.rank_slider (notebook 05's rank-k image widget)."""

import importlib

import numpy as np
from hypothesis import strategies as st

from helpers.images import ImageSVD

from .harness import Spec, constant, ensure
from .inputs import args, bad_int_values, refuse_each

MODULE = "helpers.widgets.rank_slider"
# the package's ``rank_slider`` is the function: the module comes by its path
rs = importlib.import_module(MODULE)

_pixels = st.builds(
    lambda h, w, ch, seed: (
        np.random.default_rng(seed)
        .integers(0, 256, (h, w) if ch == 1 else (h, w, ch))
        .astype(np.uint8)
    ),
    st.integers(1, 6),
    st.integers(1, 6),
    st.sampled_from([1, 3, 4]),
    st.integers(0, 1000),
)
_bad_images = [None, "abc", np.zeros((0, 3)), np.ones(4), np.array([[0.0, np.nan]])]
_readout = {"k": 1, "storage": 2, "ratio": 3.0, "energy": 0.5, "psnr": 20.0}
_bad_readouts = [
    (None, "readout"),
    ([1, 2], "readout"),
    ({"k": 1}, "readout"),
    ({**_readout, "k": "1"}, "readout['k']"),
    ({**_readout, "k": True}, "readout['k']"),
    ({**_readout, "k": 0}, "readout['k']"),
    ({**_readout, "storage": 2.5}, "readout['storage']"),
    ({**_readout, "ratio": float("nan")}, "readout['ratio']"),
    ({**_readout, "ratio": "3"}, "readout['ratio']"),
    ({**_readout, "energy": 1.5}, "readout['energy']"),
    ({**_readout, "psnr": float("nan")}, "readout['psnr']"),
    ({**_readout, "psnr": -float("inf")}, "readout['psnr']"),
    ({**_readout, "psnr": None}, "readout['psnr']"),
]
_readouts = st.tuples(_pixels, st.integers(1, 6)).map(
    lambda t: ImageSVD(t[0]).readout(min(t[1], min(t[0].shape[:2])))
)


def _refuse_readouts():
    from .harness import Bad

    return tuple(Bad(args(r), name) for r, name in _bad_readouts)


def _slider_ok(box, call):
    image, k = call.args[0], call.args[1] if len(call.args) > 1 else None
    model = box.image_svd
    expected = k if k is not None else min(rs.DEFAULT_K, model.max_rank)
    ensure(box.k == expected and box.slider.value == expected)
    ensure(box.slider.max == box.ranks == box.max_rank == model.max_rank)
    h, w, ch = box.height, box.width, box.channels
    us = np.frombuffer(box.us, dtype="<f4").reshape(ch, h, box.ranks)
    vt = np.frombuffer(box.vt, dtype="<f4").reshape(ch, box.ranks, w)
    ensure(np.array_equal(us, model._us) and np.array_equal(vt, model._vt), "the factors sent")
    original = np.frombuffer(box.original, dtype=np.uint8).reshape(model.shape)
    ensure(np.array_equal(original, model.original), "the original sent")
    if k is None and model.max_rank < rs.DEFAULT_K:  # issue 20, item 5: said, not refused
        ensure(f"not at {rs.DEFAULT_K}" in box.note)
    if isinstance(image, np.ndarray):
        ensure(model.original.base is not image and not np.shares_memory(model.original, image))


def _rank_slider_class(image, k, note="", raw=False):
    """RankSlider itself; ``raw``: ``image`` goes in as it is (to refuse a non-ImageSVD)."""
    return rs.RankSlider(image if raw else ImageSVD(image), k, note)


def _class_ok(box, call):
    ensure(box.k == call.args[1] and set(box.static_state()) == {"png", "k"})
    ensure(len(box.us) == 4 * box.channels * box.height * box.ranks)
    ensure(len(box.vt) == 4 * box.channels * box.ranks * box.width)


def _static(static, ranks=rs.STATIC_RANKS):
    return rs.static_page_state(static, ranks)


def _static_ok(state, call):
    ranks = call.args[1] if len(call.args) > 1 else rs.STATIC_RANKS
    ensure(state["ranks"] == min(ranks, state["max_rank"]) and 1 <= state["k"] <= state["ranks"])
    ensure(len(state["cumulative_energy"]) == state["max_rank"])


_statics = st.tuples(_pixels, st.integers(1, 6), st.integers(1, 8)).map(
    lambda t: args(rs.rank_slider(t[0], min(t[1], min(t[0].shape[:2]))).static_state(), t[2])
)
_good_static = rs.rank_slider(np.eye(4, dtype=np.uint8) * 200).static_state()

SPECS = {
    "DEFAULT_K": constant(lambda k: ensure(k == 20)),
    "STATIC_RANKS": constant(lambda r: ensure(type(r) is int and r >= 1)),
    "MISMATCH_BOUND": constant(lambda b: ensure(type(b) is float and 0 < b <= 1e-3)),
    "RankSlider": Spec(
        func=_rank_slider_class,
        bad=refuse_each(
            "image_svd", [None, np.zeros((2, 2), np.uint8)], lambda m: args(m, 1, raw=True)
        )
        + refuse_each("k", [*bad_int_values(), 4], lambda k: args(np.zeros((3, 3), np.uint8), k))
        + refuse_each("note", [None, 3, b"x"], lambda n: args(np.eye(3, dtype=np.uint8), 1, n)),
        good=st.tuples(_pixels, st.integers(1, 6)).map(
            lambda t: args(t[0], min(t[1], min(t[0].shape[:2])))
        ),
        check=_class_ok,
        max_examples=10,
    ),
    "format_readout": Spec(
        func=rs.format_readout,
        bad=_refuse_readouts(),
        good=_readouts.map(args),
        check=lambda texts, call: ensure(set(texts) == set(rs.FIELDS) and "nan" not in str(texts)),
    ),
    "readout_html": Spec(
        func=rs.readout_html,
        bad=_refuse_readouts(),
        good=_readouts.map(args),
        check=lambda text, call: ensure(
            all(f'data-field="{f}"' in text for f in rs.FIELDS) and "nan" not in text
        ),
    ),
    "rank_slider": Spec(
        func=rs.rank_slider,
        bad=refuse_each("image", _bad_images, args)
        + refuse_each(
            "k", [*bad_int_values()[1:], 7], lambda k: args(np.zeros((6, 6), np.uint8), k)
        ),
        good=_pixels.map(args) | _pixels.map(lambda p: args(p, 1)),
        check=_slider_ok,
        max_examples=15,
    ),
    "static_page_state": Spec(
        func=_static,
        bad=refuse_each("static", [None, {}, {"png": ""}, "png"], args)
        + refuse_each(
            "static['png']",
            [3, "not base64!", "aGVsbG8="],
            lambda p: args({**_good_static, "png": p}),
        )
        + refuse_each("static['k']", [*bad_int_values()], lambda k: args({**_good_static, "k": k}))
        + refuse_each("ranks", bad_int_values(), lambda r: args(_good_static, r)),
        good=_statics,
        check=_static_ok,
        max_examples=10,
    ),
}
