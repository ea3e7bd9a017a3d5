"""The rank slider of notebook 05: a rank-k image beside the original, with live readouts.

The model is :class:`helpers.images.ImageSVD`: it decomposes the image once.
This module is the thin view. A move of the slider only rebuilds the rank-k
image from the stored factors, sends its ``uint8`` pixels to a
:class:`~helpers.widgets.pixel_view.PixelView` (no image file to encode or
decode: lossless, and no PNG that takes 120–180 ms to compress) and rewrites
the readout line. ``benchmarks/rank_slider.py`` measures a move in the kernel,
``benchmarks/browser_latency.py`` in the browser.

**No queue of stale moves.** Two mechanisms keep the slider responsive while a
move is drawn:

1. The browser side of ipywidgets keeps at most one state update per widget in
   flight: while the kernel is busy with one, further slider values are merged
   into a single pending update (the latest value wins) and sent when the
   kernel reports idle (``WidgetModel.sync`` and ``_handle_status`` in
   ``@jupyter-widgets/base``). So the kernel never receives a backlog.
2. In the kernel, the callback always draws the slider's *current* value, not
   the value of the notification that woke it, and does nothing if that value
   is already on screen. A notification that arrives while a drawing is under
   way (re-entrantly) only marks the newer value; the running drawing then
   draws that latest value once, so superseded values are never drawn.

The DOM contract (CSS classes and ``data-`` attributes) that the browser test
relies on is in the docstring of :func:`rank_slider`.
"""

from __future__ import annotations

import base64
import html
import io
import math
import time

import ipywidgets as widgets
import numpy as np

from ..images import ImageSVD
from ..validation import as_rank, as_real
from .common import StaticState, guarded, new_status, status_html
from .pixel_view import PixelView

__all__ = [
    "DEFAULT_K",
    "STATIC_RANKS",
    "RankSliderBox",
    "format_readout",
    "rank_slider",
    "readout_html",
    "static_page_state",
]

#: The rank the slider starts at when none is given (lowered to the image's
#: largest rank for a smaller image, with a note).
DEFAULT_K = 20

#: How many ranks a static page (site, deck) embeds: U·diag(σ) and Vᵀ of the
#: first 64 ranks as float32 plus the original pixels come to about 2.4 MB
#: (base64) for the course's 600 × 512 photo, within the 3 MB budget per page.
STATIC_RANKS = 64

#: The readout fields, in display order (the keys of ``ImageSVD.readout``).
FIELDS = ("k", "storage", "ratio", "energy", "psnr")


def _data_value(value) -> str:
    """The machine-readable form of a readout value: ``repr(float)`` or an int."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"a readout value must be a number, got {value!r}")
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return repr(float(value))


def _check_readout(readout) -> None:
    """Refuse anything but ``ImageSVD.readout``'s five fields with numbers in range."""
    if not isinstance(readout, dict):
        raise TypeError(
            f"readout must be a dict with keys {list(FIELDS)}, got {type(readout).__name__}"
        )
    if set(readout) != set(FIELDS):
        got = sorted(map(str, readout))
        raise ValueError(f"readout must be a dict with keys {list(FIELDS)}, got {got}")
    for field in ("k", "storage"):
        as_rank(readout[field], f"readout[{field!r}]", low=1)
    as_real(readout["ratio"], "readout['ratio']", low=0.0, low_inclusive=False)
    as_real(readout["energy"], "readout['energy']", low=0.0, high=1.0)
    psnr = readout["psnr"]
    if not (isinstance(psnr, (float, np.floating)) and psnr == math.inf):
        as_real(psnr, "readout['psnr']")  # finite, or +inf (an exact reconstruction)


def format_readout(readout: dict) -> dict:
    """Return the text the slider shows for each readout field.

    Parameters
    ----------
    readout : dict
        ``ImageSVD.readout(k)``: exactly the keys ``k``, ``storage``,
        ``ratio``, ``energy``, ``psnr``.

    Returns
    -------
    dict
        Field name → human-readable text.

    Raises
    ------
    TypeError
        If ``readout`` is not a dict or a value is not a number.
    ValueError
        If the keys are not exactly those five, or a value is out of range
        (``k``, ``storage`` ≥ 1; ``ratio`` > 0; ``energy`` in [0, 1]; ``psnr``
        finite or +∞).

    Examples
    --------
    >>> r = {"k": 20, "storage": 66780, "ratio": 13.8, "energy": 0.9677, "psnr": 22.07}
    >>> format_readout(r)["ratio"]
    'ratio 13.80×'
    """
    _check_readout(readout)
    psnr = float(readout["psnr"])
    return {
        "k": f"rank k = {int(readout['k'])}",
        "storage": f"storage {int(readout['storage']):,} numbers",
        "ratio": f"ratio {float(readout['ratio']):.2f}×",
        "energy": f"energy kept {100 * float(readout['energy']):.2f} %",
        "psnr": "PSNR ∞ dB (exact)" if math.isinf(psnr) else f"PSNR {psnr:.2f} dB",
    }


def readout_html(readout: dict) -> str:
    """Return the readout line as HTML, one ``<span>`` per field.

    Each span carries ``data-field`` (the key) and ``data-value`` (the full
    value: ``repr(float)`` or an int), as the widget DOM contract requires.

    Parameters
    ----------
    readout : dict
        ``ImageSVD.readout(k)``.

    Returns
    -------
    str

    Raises
    ------
    TypeError, ValueError
        As :func:`format_readout`.

    Examples
    --------
    >>> r = {"k": 5, "storage": 16695, "ratio": 55.2, "energy": 0.87, "psnr": 16.2}
    >>> '<span data-field="k" data-value="5">rank k = 5</span>' in readout_html(r)
    True
    """
    texts = format_readout(readout)
    spans = [
        f'<span data-field="{field}" data-value="{html.escape(_data_value(readout[field]))}">'
        f"{html.escape(texts[field])}</span>"
        for field in FIELDS
    ]
    return '<div class="course-rank-readout-line">' + " · ".join(spans) + "</div>"


class RankSliderBox(StaticState, widgets.VBox):
    """The rank slider's box; its output also carries the original image for static pages.

    The state is the original as a PNG (lossless, base64) and the rank shown;
    :func:`static_page_state` turns it into the factors a static page embeds.
    """

    static_kind = "rank_slider"

    def static_state(self) -> dict:
        from PIL import Image

        buffer = io.BytesIO()
        Image.fromarray(self.image_svd.original).save(buffer, format="PNG", compress_level=1)
        return {"png": base64.b64encode(buffer.getvalue()).decode("ascii"), "k": self.slider.value}


def static_page_state(static: dict, ranks: int = STATIC_RANKS) -> dict:
    """The state ``rank_slider.js`` starts from on a static page, from a stored output's.

    Parameters
    ----------
    static : dict
        :meth:`RankSliderBox.static_state`: ``png`` (base64) and ``k``.
    ranks : int, optional
        How many ranks to embed (at most the image's largest rank).

    Returns
    -------
    dict
        ``height``, ``width``, ``channels``, ``max_rank``, ``ranks``, ``k``,
        ``us`` and ``vt`` (base64 float32 ``U·diag(σ)`` of shape
        ``(channels, H, ranks)`` and ``Vᵀ`` of shape ``(channels, ranks, W)``,
        the very factors :class:`~helpers.images.ImageSVD` rebuilds from),
        ``original`` (base64 uint8 pixels) and ``cumulative_energy`` (a list).

    Raises
    ------
    TypeError, ValueError
        If ``static`` lacks ``png`` or ``k``, ``png`` is not a base64 image,
        ``k`` or ``ranks`` is not an integer ≥ 1.
    """
    from PIL import Image

    if not isinstance(static, dict) or not {"png", "k"} <= set(static):
        raise ValueError(f"static must be a dict with keys 'png' and 'k', got {static!r:.80}")
    ranks = as_rank(ranks, "ranks", low=1)
    k = as_rank(static["k"], "static['k']", low=1)
    if not isinstance(static["png"], str):
        raise TypeError(f"static['png'] must be base64 text, got {type(static['png']).__name__}")
    try:
        with Image.open(io.BytesIO(base64.b64decode(static["png"], validate=True))) as image:
            pixels = np.asarray(image)
    except Exception as exc:  # binascii.Error, PIL.UnidentifiedImageError, ...
        raise ValueError(f"static['png'] must be a base64 PNG: {exc}") from None
    model = ImageSVD(pixels)
    K = min(ranks, model.max_rank)
    us = np.ascontiguousarray(model._us[:, :, :K], dtype="<f4")
    vt = np.ascontiguousarray(model._vt[:, :K, :], dtype="<f4")

    def b64(array):
        return base64.b64encode(array.tobytes()).decode("ascii")

    return {
        "height": int(model.shape[0]),
        "width": int(model.shape[1]),
        "channels": int(model.channels),
        "max_rank": int(model.max_rank),
        "ranks": int(K),
        "k": int(min(k, K)),
        "us": b64(us),
        "vt": b64(vt),
        "original": b64(np.ascontiguousarray(model.original)),
        "cumulative_energy": [float(x) for x in model.cumulative_energy],
    }


def rank_slider(image, k: int | None = None) -> RankSliderBox:
    """Show the rank-``k`` approximation of an image next to the original, with a slider.

    Parameters
    ----------
    image : array_like or helpers.images.ImageSVD
        The image (anything :class:`~helpers.images.ImageSVD` accepts), or an
        ``ImageSVD`` already computed, so that a notebook decomposes its
        image only once.
    k : int, optional
        The initial rank, ``1 ≤ k ≤ min(H, W)``. By default :data:`DEFAULT_K`
        (20), or the image's largest rank if that is smaller (the status line
        says so).

    Returns
    -------
    RankSliderBox
        The widget (an ``ipywidgets.VBox``). ``.image_svd`` is the model and ``.slider`` the rank
        control, for code that wants to drive it.

    Raises
    ------
    TypeError, ValueError
        If ``image`` or ``k`` is invalid (see ``ImageSVD`` and ``as_rank``).

    Notes
    -----
    DOM contract (the browser test relies on it):

    - outer container: class ``course-rank-slider``;
    - the rank: ``IntSlider`` with class ``course-rank-k``, min 1, max
      ``min(H, W)``, step 1;
    - the rank-k image: a :class:`PixelView` with class ``course-rank-image``
      (a ``<canvas>`` inside), whose pixels are exactly
      ``ImageSVD.reconstruct(k)``; its ``data-frame`` attribute counts the
      pictures drawn;
    - the original: a :class:`PixelView` with class ``course-rank-original``;
    - readouts: ``HTML`` with class ``course-rank-readout``, one span per
      field ``k``, ``storage``, ``ratio``, ``energy``, ``psnr`` with
      ``data-value`` equal to ``ImageSVD.readout(k)[field]``;
    - status line: ``HTML`` with class ``course-rank-status``.

    Creating the widget prints nothing. A move never computes an SVD.

    On the static site and in the decks the same contract holds, drawn by
    ``rank_slider.js`` from :func:`static_page_state` (the first
    :data:`STATIC_RANKS` ranks; the slider's max is that), with
    ``canvas.course-rank-image`` (``data-k`` the rank drawn) and
    ``input[type=range].course-rank-k``.
    """
    model = image if isinstance(image, ImageSVD) else ImageSVD(image)
    notes = [model.note] if model.note else []
    if k is None:
        k = min(DEFAULT_K, model.max_rank)
        if k < DEFAULT_K:
            notes.append(
                f"the image is only {model.shape[0]}×{model.shape[1]}: its largest rank is "
                f"{model.max_rank}, so the slider starts there (not at {DEFAULT_K})"
            )
    k = as_rank(k, "k", low=1, high=model.max_rank)

    slider = widgets.IntSlider(
        value=k,
        min=1,
        max=model.max_rank,
        step=1,
        description="rank k",
        continuous_update=True,
        layout=widgets.Layout(width="95%", max_width="640px"),
    )
    slider.add_class("course-rank-k")
    rank_image = PixelView(model.reconstruct(k), description=f"rank-{k} approximation")
    rank_image.add_class("course-rank-image")
    original = PixelView(model.original, description="original image")
    original.add_class("course-rank-original")
    readout = widgets.HTML(value=readout_html(model.readout(k)))
    readout.add_class("course-rank-readout")
    status = new_status()
    status.add_class("course-rank-status")
    if notes:
        status.value = status_html("; ".join(notes), "info")

    state = {"shown": k, "busy": False, "draws": 0}

    def draw(rank: int) -> None:
        start = time.perf_counter()
        rank_image.show(model.reconstruct(rank), f"rank-{rank} approximation")
        readout.value = readout_html(model.readout(rank))
        state["shown"] = rank
        state["draws"] += 1
        elapsed = 1000 * (time.perf_counter() - start)
        status.value = status_html(
            f"rank {rank} of {model.max_rank}: rebuilt from the stored SVD in "
            f"{elapsed:.1f} ms (no new SVD)",
            "ok",
        )

    @guarded(status)
    def on_change(change=None) -> None:
        if state["busy"]:  # a drawing is under way: it will draw the latest value
            return
        state["busy"] = True
        try:
            while slider.value != state["shown"]:
                draw(slider.value)  # the current value: superseded ones are skipped
        finally:
            state["busy"] = False

    slider.observe(on_change, names="value")

    def column(title: str, picture: widgets.Image) -> widgets.VBox:
        return widgets.VBox(
            [widgets.HTML(f"<b>{html.escape(title)}</b>"), picture],
            layout=widgets.Layout(width="50%", align_items="center"),
        )

    pictures = widgets.HBox(
        [column("rank-k approximation", rank_image), column("original", original)],
        layout=widgets.Layout(width="100%"),
    )
    box = RankSliderBox([pictures, slider, readout, status])
    box.add_class("course-rank-slider")
    box.image_svd = model
    box.slider = slider
    box._state = state  # read by the tests: what is on screen, how many drawings
    return box
