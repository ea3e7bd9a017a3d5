"""Robustness spec of helpers.widgets.pixel_view (raw 8-bit pixels on a canvas)."""

import numpy as np
from hypothesis import strategies as st

from helpers.widgets import pixel_view as pv

from .harness import Spec, ensure
from .inputs import args, refuse_each

MODULE = "helpers.widgets.pixel_view"

_pixels = st.builds(
    lambda h, w, rgb, seed: (
        np.random.default_rng(seed).integers(0, 256, (h, w, 3) if rgb else (h, w)).astype(np.uint8)
    ),
    st.integers(1, 6),
    st.integers(1, 6),
    st.booleans(),
    st.integers(0, 1000),
)
_bad_pixels = [
    None,
    [[1, 2]],
    np.zeros((2, 2)),  # float
    np.zeros((2, 2), dtype=np.int64),
    np.zeros((2, 2), dtype=bool),
    np.zeros((0, 3), dtype=np.uint8),
    np.zeros(4, dtype=np.uint8),
    np.zeros((2, 2, 4), dtype=np.uint8),
    np.zeros((2, 2, 1), dtype=np.uint8),
]


def _shown(view, call):
    pixels = call.args[0]
    ensure(np.array_equal(view.pixels, pixels) and view.frame == 1)
    ensure(
        view.pixels.base is not pixels and view.description == call.kwargs.get("description", "")
    )


SPECS = {
    "as_pixels": Spec(
        func=pv.as_pixels,
        bad=refuse_each("pixels", _bad_pixels, args),
        good=_pixels.map(args) | _pixels.map(lambda p: args(np.asfortranarray(p))),
        check=lambda out, call: ensure(
            np.array_equal(out, call.args[0]) and out.flags.c_contiguous and out.dtype == np.uint8
        ),
    ),
    "PixelView": Spec(
        func=pv.PixelView,
        bad=refuse_each("pixels", _bad_pixels, args)
        + refuse_each(
            "description",
            [3, b"x", ["a"]],
            lambda d: args(np.zeros((1, 1), np.uint8), description=d),
        ),
        good=st.tuples(_pixels, st.text(max_size=10)).map(lambda t: args(t[0], description=t[1])),
        check=_shown,
    ),
}
