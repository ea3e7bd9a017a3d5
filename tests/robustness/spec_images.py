"""Robustness spec of helpers.images."""

from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from helpers import images

from .harness import Spec, constant, ensure
from .inputs import args, bad_int_values, bad_real_values, refuse_each

MODULE = "helpers.images"

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
_bad_images = [
    None,
    "abc",
    np.zeros((0, 3)),
    np.zeros((2, 2, 2)),
    np.ones(4),
    np.array([[True, False]]),
    np.array([[0.0, np.nan]]),
    np.array([[0.0, 1.5]]),
    np.array([[-1, 300]]),
    np.array([[1 + 1j]]),
]


def _rebuilt(svd, call):
    original = images.to_uint8(call.args[0])
    if original.ndim == 3:
        original = original[:, :, :3]  # the alpha channel is dropped
    ensure(np.array_equal(svd.reconstruct(svd.max_rank), original), "full rank is the original")
    r = svd.readout(1)
    ensure(0.0 <= r["energy"] <= 1.0 and r["k"] == 1)


SPECS = {
    "DATA_DIR": constant(lambda p: ensure(isinstance(p, Path) and p.is_dir())),
    "load_image": Spec(
        func=images.load_image,
        bad=refuse_each("path_or_name", [None, 3, ["grace_hopper"]], lambda p: args(p))
        + refuse_each("no_such_picture", ["no_such_picture"], lambda p: args(p))
        + refuse_each("mode", ["CMYK", None, 3, "l"], lambda m: args("grace_hopper", m)),
        good=st.sampled_from(["L", "RGB"]).map(lambda m: args("grace_hopper", m)),
        check=lambda img, call: ensure(img.min() >= 0.0 and img.max() <= 1.0 and img.std() > 0.1),
        max_examples=2,
    ),
    "to_uint8": Spec(
        func=images.to_uint8,
        bad=refuse_each("image", _bad_images, lambda x: args(x)),
        good=_pixels.map(lambda p: args(p / 255.0 + np.where(p == 255, 3e-15, -1e-16 * (p == 0)))),
        check=lambda out, call: ensure(
            out.dtype == np.uint8 and np.array_equal(out, np.rint(call.args[0] * 255).clip(0, 255))
        ),
    ),
    "psnr": Spec(
        func=images.psnr,
        bad=refuse_each(
            "reference",
            [*_bad_images[:3], np.array([[np.inf]])],
            lambda x: args(x, np.zeros((1, 1))),
        )
        + refuse_each(
            "approximation", [None, np.array([[np.nan]])], lambda x: args(np.zeros((1, 1)), x)
        )
        + refuse_each("shape", [np.zeros((2, 2))], lambda x: args(np.zeros((1, 1)), x))
        + refuse_each(
            "peak",
            [*bad_real_values(), 0.0, -1.0],
            lambda p: args(np.zeros((1, 1)), np.ones((1, 1)), p),
        ),
        good=st.tuples(_pixels, st.sampled_from([1.0, 1e200, 1e-170])).map(
            lambda t: args(t[0] * t[1], (t[0] // 2) * t[1], 255.0 * t[1])
        ),
        finite=False,  # identical images: inf dB, as documented
        check=lambda db, call: ensure(
            db == np.inf
            if np.array_equal(call.args[0], call.args[1])
            else np.isclose(
                db,
                10
                * np.log10(
                    255.0**2 / np.mean(((call.args[0] - call.args[1]) / call.args[2] * 255.0) ** 2)
                ),
            )
        ),
    ),
    "ImageSVD": Spec(
        func=images.ImageSVD,
        bad=refuse_each("image", _bad_images, lambda x: args(x))
        + refuse_each(
            "dtype", ["float16", np.int64, 3], lambda d: args(np.zeros((2, 2), np.uint8), dtype=d)
        ),
        good=_pixels.map(lambda p: args(p)),
        check=_rebuilt,
    ),
}

_ = bad_int_values  # ImageSVD's k guard is tested in test_image_svd.py
