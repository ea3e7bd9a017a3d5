"""A widget that paints raw 8-bit pixels on a canvas: no image file, no decoding.

Each :meth:`PixelView.show` sends the ``uint8`` pixels themselves as one binary
buffer, and the view copies them into a ``<canvas>`` with ``putImageData``:
exact (no colour management, no compression) and a few milliseconds, where an
``ipywidgets.Image`` would carry a file (PNG, BMP, ...) that the browser must
load and decode (27–32 ms of a ~105 ms move in Chromium, ``benchmarks/README.md``).
The view is a small ES module run by anywidget, so there is no front-end
extension to build.

It is for pictures computed in the kernel. The rank slider of notebook 05 used
it until issue 17; it now computes its pictures in the browser
(``rank_slider.py``) and no course widget uses this one, which
``helpers.widgets`` still exports for notebooks and readers' own widgets.
"""

from __future__ import annotations

import anywidget
import numpy as np
import traitlets

from .common import _TypedTraitErrors

__all__ = ["PixelView", "as_pixels"]

_ESM = """
function pixelsOf(value) {
    if (value instanceof DataView) {
        return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    }
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function render({ model, el }) {
    const canvas = document.createElement("canvas");
    canvas.classList.add("course-pixels");
    canvas.style.maxWidth = "100%";
    canvas.style.height = "auto";
    canvas.setAttribute("role", "img");
    el.appendChild(canvas);

    function draw() {
        const height = model.get("height");
        const width = model.get("width");
        const channels = model.get("channels");
        const src = pixelsOf(model.get("value"));
        if (!height || !width || src.length !== height * width * channels) return;
        if (canvas.width !== width) canvas.width = width;
        if (canvas.height !== height) canvas.height = height;
        const ctx = canvas.getContext("2d");
        const image = ctx.createImageData(width, height);
        const dst = image.data;
        const g = channels === 3 ? 1 : 0;
        const b = channels === 3 ? 2 : 0;
        for (let i = 0, j = 0, o = 0; i < width * height; i++, j += channels, o += 4) {
            dst[o] = src[j];
            dst[o + 1] = src[j + g];
            dst[o + 2] = src[j + b];
            dst[o + 3] = 255;
        }
        ctx.putImageData(image, 0, 0);
        canvas.dataset.frame = String(model.get("frame"));  // which picture is on the canvas
    }

    function label() {
        canvas.setAttribute("aria-label", model.get("description"));
    }

    model.on("change:frame", draw);
    model.on("change:description", label);
    label();
    draw();
    return () => {
        model.off("change:frame", draw);
        model.off("change:description", label);
    };
}

export default { render };
"""


def as_pixels(pixels) -> np.ndarray:
    """Check that ``pixels`` is a picture :class:`PixelView` can show; return it C-ordered.

    Parameters
    ----------
    pixels : numpy.ndarray
        ``uint8``, shape ``(H, W)`` (grayscale) or ``(H, W, 3)`` (RGB), H, W ≥ 1.

    Returns
    -------
    numpy.ndarray
        The same pixels, C-contiguous.

    Raises
    ------
    TypeError
        If ``pixels`` is not a ``uint8`` numpy array.
    ValueError
        If its shape is not ``(H, W)`` or ``(H, W, 3)`` with ``H, W ≥ 1``.

    Examples
    --------
    >>> as_pixels(np.zeros((2, 3), dtype=np.uint8)).shape
    (2, 3)
    """
    if not isinstance(pixels, np.ndarray) or pixels.dtype != np.uint8:
        raise TypeError(
            f"pixels must be a uint8 numpy array, got {type(pixels).__name__}"
            + (f" of dtype {pixels.dtype}" if isinstance(pixels, np.ndarray) else "")
        )
    if not (pixels.ndim == 2 or (pixels.ndim == 3 and pixels.shape[2] == 3)) or 0 in pixels.shape:
        raise ValueError(f"pixels must have shape (H, W) or (H, W, 3), got {pixels.shape}")
    return np.ascontiguousarray(pixels)


class PixelView(_TypedTraitErrors, anywidget.AnyWidget):
    """Show an 8-bit grayscale or RGB picture exactly, pixel for pixel.

    Parameters
    ----------
    pixels : numpy.ndarray
        The first picture (see :func:`as_pixels`).
    description : str, optional
        What the picture shows, for screen readers.

    Examples
    --------
    >>> view = PixelView(np.zeros((2, 3, 3), dtype=np.uint8))
    >>> (view.height, view.width, view.channels, len(view.value), view.frame)
    (2, 3, 3, 18, 1)
    >>> view.show(np.full((4, 5), 255, dtype=np.uint8))
    >>> (view.height, view.width, view.channels, len(view.value), view.frame)
    (4, 5, 1, 20, 2)
    """

    _esm = _ESM
    value = traitlets.Bytes(b"").tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    channels = traitlets.Int(3).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    #: How many pictures :meth:`show` has sent; the view redraws when it changes
    #: and writes it to the canvas's ``data-frame`` attribute.
    frame = traitlets.Int(0).tag(sync=True)

    def __init__(self, pixels, description: str = "", **kwargs):
        super().__init__(**kwargs)
        self.show(pixels, description)

    def show(self, pixels, description: str | None = None) -> None:
        """Replace the picture; the browser gets the new size and pixels in one message.

        Parameters
        ----------
        pixels : numpy.ndarray
            The new picture (see :func:`as_pixels`).
        description : str, optional
            A new text for screen readers; by default the old one stays.

        Raises
        ------
        TypeError, ValueError
            As :func:`as_pixels`; a TypeError if ``description`` is not a str.
        """
        pixels = as_pixels(pixels)
        if description is not None and not isinstance(description, str):
            raise TypeError(f"description must be a str, got {type(description).__name__}")
        with self.hold_sync():
            self.height, self.width = pixels.shape[:2]
            self.channels = 1 if pixels.ndim == 2 else 3
            if description is not None:
                self.description = description
            self.value = pixels.tobytes()
            self.frame += 1

    @property
    def pixels(self) -> np.ndarray:
        """The picture being shown, as a ``uint8`` array."""
        flat = np.frombuffer(self.value, dtype=np.uint8)
        shape = (self.height, self.width) + ((3,) if self.channels == 3 else ())
        return flat.reshape(shape)
