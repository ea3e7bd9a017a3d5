"""PixelView: the exact-pixel canvas widget behind the rank slider."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.widgets.pixel_view import PixelView, as_pixels


def synced_pixels(view: PixelView) -> np.ndarray:
    """What the browser receives: the synced size, channel count and bytes."""
    shape = (view.height, view.width) + ((3,) if view.channels == 3 else ())
    return np.frombuffer(view.value, dtype=np.uint8).reshape(shape)


@pytest.mark.parametrize("shape", [(7, 5), (7, 5, 3), (1, 1), (3, 6, 3), (64, 33)])
def test_sends_exactly_the_pixels(shape, rng):
    pixels = rng.integers(0, 256, size=shape, dtype=np.uint8)
    view = PixelView(pixels, description="noise")
    assert np.array_equal(synced_pixels(view), pixels)
    assert np.array_equal(view.pixels, pixels)
    assert view.channels == (3 if len(shape) == 3 else 1)
    assert view.description == "noise"
    # a non-contiguous view of the same pixels sends the same bytes
    assert PixelView(np.asfortranarray(pixels)).value == view.value


def test_every_show_is_one_new_frame_even_with_the_same_pixels(rng):
    first = rng.integers(0, 256, size=(4, 6, 3), dtype=np.uint8)
    view = PixelView(first, description="a")
    assert view.frame == 1
    view.show(first)
    assert view.frame == 2 and view.description == "a"
    # the same bytes in another shape: the frame number still tells the view to redraw
    view.show(first.reshape(6, 4, 3), description="b")
    assert (view.frame, view.height, view.width, view.description) == (3, 6, 4, "b")


def test_one_message_per_picture(rng):
    """Size, channels, bytes and frame reach the browser together (hold_sync)."""
    view = PixelView(np.zeros((2, 2), dtype=np.uint8))
    sent = []
    view._send = lambda msg, buffers=None: sent.append((msg, buffers))
    view.show(rng.integers(0, 256, size=(3, 5, 3), dtype=np.uint8), description="new")
    assert len(sent) == 1
    state = sent[0][0]["state"]
    assert {"height", "width", "channels", "frame", "description"} <= set(state)
    assert (state["height"], state["width"], state["channels"]) == (3, 5, 3)
    assert sum(len(b) for b in sent[0][1]) == 3 * 5 * 3  # the pixels travel as a binary buffer


def test_bad_pixels_are_rejected_with_the_argument_named():
    with pytest.raises(TypeError, match="must be a uint8 numpy array, got ndarray of dtype"):
        as_pixels(np.zeros((2, 2)))
    with pytest.raises(TypeError, match="pixels must be a uint8 numpy array, got list"):
        PixelView([[0, 1]])
    for shape in [(2, 2, 4), (2,), (0, 3), (2, 2, 1)]:
        with pytest.raises(ValueError, match=r"pixels must have shape \(H, W\) or \(H, W, 3\)"):
            as_pixels(np.zeros(shape, dtype=np.uint8))
    view = PixelView(np.zeros((2, 2), dtype=np.uint8))
    with pytest.raises(ValueError):
        view.show(np.zeros((2, 2, 4), dtype=np.uint8))
    assert view.frame == 1  # a rejected picture changes nothing
