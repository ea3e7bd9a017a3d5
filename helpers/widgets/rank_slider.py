"""The rank slider of notebook 05: a rank-k image beside the original, with live readouts.

The model is :class:`helpers.images.ImageSVD`: it decomposes the image once.
This module is the view, :class:`RankSlider`, an anywidget whose ES module
(``rank_slider.js``) computes every move in the browser:

- **Once, at creation**, the widget sends the factors ``U·diag(σ)`` and ``Vᵀ``
  of every rank (float32, as ``ImageSVD`` stores them), the original pixels and
  the cumulative energy, as binary traits (:attr:`RankSlider.payload_bytes`:
  6.8 MB of factors for the course's 600 × 512 RGB photo, 0.9 MB of pixels).
- **Each move** is then computed in the browser: the view keeps the rank-k sum
  in float64 and reaches a new rank by adding or removing rank-one terms
  ``σⱼ uⱼ vⱼᵀ`` by the cheapest route (from the rank on screen, up from 0, or
  down from full rank, whose sum is the original to rounding), rounds to
  8 bits as ``ImageSVD`` does, and paints a canvas. No message to the kernel
  is waited for; the kernel only learns the new ``k`` (a synced trait), so
  ``slider.k`` (and ``slider.slider.value``) is the rank on screen, and setting
  it in the kernel moves the view.

The static site and the decks run the same ``rank_slider.js`` from
:func:`static_page_state` (the first :data:`STATIC_RANKS` ranks, embedded as
base64 at build time). ``benchmarks/browser_latency.py`` measures a move in the
browser, ``benchmarks/rank_slider.py`` the one-time cost in the kernel.

*Pixels.* The browser sums float32 factors in float64; ``ImageSVD.reconstruct``
sums them in float32. The two agree except where a value lies within float32
rounding of a half: for the course photo, at most 2.2·10⁻⁵ of the pixel values
(20 of 921,600) differ, by one level (``tests/test_rank_slider.py`` measures it at
every rank; :data:`MISMATCH_BOUND` is the bound the tests hold the view to).
:class:`_BrowserSum` is the browser's arithmetic in numpy, operation for
operation, so a test can predict the view's pixels exactly.

The DOM contract (CSS classes and ``data-`` attributes) that the browser tests
rely on is in the docstring of :func:`rank_slider`.
"""

from __future__ import annotations

import base64
import html
import io
import math

import anywidget
import numpy as np
import traitlets

from ..images import ImageSVD
from ..validation import as_rank, as_real
from .common import StaticState, TraitTypeError, widget_esm

__all__ = [
    "DEFAULT_K",
    "MISMATCH_BOUND",
    "STATIC_RANKS",
    "RankSlider",
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

#: The largest fraction of pixel values the view may show one level away from
#: ``ImageSVD.reconstruct(k)`` (never more than one level): the browser sums the
#: float32 factors in float64, ``ImageSVD`` in float32. Measured on the course
#: photo at every rank: at most 2.2·10⁻⁵ (tests/test_rank_slider.py); this bound
#: leaves a factor 4 for other images and BLAS builds.
MISMATCH_BOUND = 1e-4

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


def _factors(model: ImageSVD, ranks: int) -> dict:
    """The arrays the view computes from: the first ``ranks`` ranks' factors and the pixels.

    ``us`` is ``U·diag(σ)``, shape ``(channels, H, ranks)``, and ``vt`` is ``Vᵀ``,
    shape ``(channels, ranks, W)``: little-endian float32, C order, the very
    numbers :class:`~helpers.images.ImageSVD` rebuilds from. ``original`` is
    the ``uint8`` image, ``(H, W)`` or ``(H, W, 3)``.
    """
    return {
        "us": np.ascontiguousarray(model._us[:, :, :ranks], dtype="<f4"),
        "vt": np.ascontiguousarray(model._vt[:, :ranks, :], dtype="<f4"),
        "original": np.ascontiguousarray(model.original),
    }


class _TraitValueError(traitlets.TraitError, ValueError):
    """A trait given a value out of range: a ``ValueError`` that traitlets also rolls back.

    Inside ``hold_trait_notifications`` (as ``set_state`` applies a front end's
    message) traitlets restores the old values only for a ``TraitError``: a bare
    ``ValueError`` from a validator would leave the bad value set.
    """


class _Rank(traitlets.Int):
    """The ``k`` trait: an integer from 1 to the widget's ``max_rank``, refused clearly.

    Every refusal is a ``ValueError`` or ``TypeError`` naming ``k`` and the range,
    and still a ``TraitError``, whether the value comes from code in the kernel or
    from a front end's message (``set_state``, where traitlets then rolls it back).
    """

    def validate(self, obj, value):
        try:
            return as_rank(value, self.name, low=1, high=obj.max_rank)
        except ValueError as exc:
            raise _TraitValueError(str(exc)) from None
        except TypeError as exc:
            raise TraitTypeError(str(exc)) from None


class _RankControl:
    """``slider.slider``: the rank control as code in the kernel sees it.

    ``value`` reads and sets :attr:`RankSlider.k` (so ``slider.slider.value = 30``
    moves the view, as it did when the control was an ``IntSlider``); ``min``,
    ``max`` and ``step`` are the range's.
    """

    min = 1
    step = 1

    def __init__(self, widget: RankSlider):
        self._widget = widget

    @property
    def value(self) -> int:
        return self._widget.k

    @value.setter
    def value(self, k) -> None:
        self._widget.k = k

    @property
    def max(self) -> int:
        return self._widget.ranks

    def __repr__(self) -> str:
        return f"<rank control of {self._widget!r}: value={self.value}, max={self.max}>"


class RankSlider(StaticState, anywidget.AnyWidget):
    """The rank slider's view: an anywidget drawn in the browser (``rank_slider.js``).

    Build it with :func:`rank_slider`. Every trait but ``k`` is set once, at
    creation, and is read-only; ``k`` is the rank on screen, synced both ways
    (a move in the browser sets it; setting it in the kernel moves the view).

    Parameters
    ----------
    image_svd : helpers.images.ImageSVD
        The model; its stored factors of every rank are sent to the browser once.
    k : int
        The rank to show first, ``1 ≤ k ≤ image_svd.max_rank``.
    note : str, optional
        A message for the status line (an alpha channel dropped, a small image).

    Attributes
    ----------
    image_svd : helpers.images.ImageSVD
        The model (the reference the browser's pixels and readouts are tested against).
    k : int
        The rank shown.
    height, width, channels, max_rank, ranks : int
        The image's size; ``ranks`` (the ranks sent) is ``max_rank``.
    us, vt, original : bytes
        ``U·diag(σ)`` ``(channels, H, ranks)`` and ``Vᵀ`` ``(channels, ranks, W)`` as
        little-endian float32, and the ``uint8`` pixels ``(H, W[, 3])``.
    cumulative_energy : list of float
        ``image_svd.cumulative_energy``.

    Raises
    ------
    TypeError
        If ``image_svd`` is not an ``ImageSVD``, ``note`` not a str, or ``k`` not an
        integer (also when ``k`` is set later).
    ValueError
        If ``k`` is outside ``1 … max_rank``.
    """

    static_kind = "rank_slider"
    _esm = widget_esm("rank_slider")
    height = traitlets.Int(1, read_only=True).tag(sync=True)
    width = traitlets.Int(1, read_only=True).tag(sync=True)
    channels = traitlets.Int(1, read_only=True).tag(sync=True)
    max_rank = traitlets.Int(1, read_only=True).tag(sync=True)
    ranks = traitlets.Int(1, read_only=True).tag(sync=True)
    us = traitlets.Bytes(b"", read_only=True).tag(sync=True)
    vt = traitlets.Bytes(b"", read_only=True).tag(sync=True)
    original = traitlets.Bytes(b"", read_only=True).tag(sync=True)
    cumulative_energy = traitlets.List(read_only=True).tag(sync=True)
    note = traitlets.Unicode("", read_only=True).tag(sync=True)
    k = _Rank(1).tag(sync=True)

    def __init__(self, image_svd: ImageSVD, k: int, note: str = "", **kwargs):
        if not isinstance(image_svd, ImageSVD):
            raise TypeError(
                f"image_svd must be a helpers.images.ImageSVD, got {type(image_svd).__name__}"
            )
        if not isinstance(note, str):
            raise TypeError(f"note must be a str, got {type(note).__name__}")
        k = as_rank(k, "k", low=1, high=image_svd.max_rank)
        parts = _factors(image_svd, image_svd.max_rank)
        # read-only traits are set before the comm opens, so they travel in its first message
        for name, value in (
            ("height", int(image_svd.shape[0])),
            ("width", int(image_svd.shape[1])),
            ("channels", int(image_svd.channels)),
            ("max_rank", int(image_svd.max_rank)),
            ("ranks", int(image_svd.max_rank)),
            ("us", parts["us"].tobytes()),
            ("vt", parts["vt"].tobytes()),
            ("original", parts["original"].tobytes()),
            ("cumulative_energy", [float(x) for x in image_svd.cumulative_energy]),
            ("note", note),
        ):
            self.set_trait(name, value)
        self.image_svd = image_svd
        super().__init__(k=k, **kwargs)

    def __repr__(self) -> str:
        return f"RankSlider({self.image_svd!r}, k={self.k})"

    @property
    def slider(self) -> _RankControl:
        """The rank control: ``.slider.value`` is :attr:`k` (read and set), as before."""
        return _RankControl(self)

    @property
    def readout(self) -> dict:
        """``image_svd.readout(k)`` for the rank shown: the figures the view prints."""
        return self.image_svd.readout(self.k)

    @property
    def payload_bytes(self) -> dict:
        """Bytes sent to the browser once, at creation: ``us``, ``vt``, ``original``."""
        return {name: len(getattr(self, name)) for name in ("us", "vt", "original")}

    def static_state(self) -> dict:
        """The original as a lossless PNG (base64) and the rank shown, for static pages.

        :func:`static_page_state` turns it into the first ranks' factors at build time.
        """
        from PIL import Image

        buffer = io.BytesIO()
        Image.fromarray(self.image_svd.original).save(buffer, format="PNG", compress_level=1)
        return {"png": base64.b64encode(buffer.getvalue()).decode("ascii"), "k": self.k}


class _BrowserSum:
    """``rank_slider.js``'s arithmetic in numpy, operation for operation (for the tests).

    The view keeps ``acc``, the rank-``have`` sum of every channel in float64,
    and reaches rank ``k`` by the cheapest route (:meth:`route`). Each entry gets
    its rank-one terms ``u·v`` (float32 numbers multiplied in float64) added in the
    order of the ranks, as here, so the pixels are bit for bit the browser's.
    """

    def __init__(self, model: ImageSVD, ranks: int | None = None):
        ranks = model.max_rank if ranks is None else ranks
        parts = _factors(model, ranks)
        self.us = parts["us"].astype(np.float64)
        self.vt = parts["vt"].astype(np.float64)
        self.original = model.original
        self.channels, self.height, self.ranks = self.us.shape
        self.max_rank = model.max_rank
        planes = model.original.reshape(self.height, self.vt.shape[2], self.channels)
        self._full = np.moveaxis(planes, 2, 0).astype(np.float64)
        self.acc = np.zeros_like(self._full)
        self.have = -1

    def route(self, k: int) -> tuple[str, int]:
        """The route to rank ``k`` and its rank-one terms, as the view chooses them."""
        options = [("current", abs(k - self.have))] if self.have >= 0 else []
        options.append(("zero", k))
        if self.ranks == self.max_rank:
            options.append(("full", self.max_rank - k))
        best = options[0]
        for option in options[1:]:
            if option[1] < best[1]:
                best = option
        return best

    def go(self, k: int) -> tuple[np.ndarray, str, int]:
        """Move to rank ``k``: the pixels the view paints, its route and term count."""
        way, cost = self.route(k)
        if way == "zero":
            self.acc[...] = 0.0
            self.have = 0
        elif way == "full":
            self.acc[...] = self._full
            self.have = self.max_rank
        for j in range(self.have, k):
            self.acc += self.us[:, :, j, None] * self.vt[:, None, j, :]
        for j in range(self.have - 1, k - 1, -1):
            self.acc -= self.us[:, :, j, None] * self.vt[:, None, j, :]
        self.have = k
        planes = np.floor(np.minimum(255.5, np.maximum(0.5, self.acc + 0.5))).astype(np.uint8)
        pixels = np.moveaxis(planes, 0, 2).reshape(self.original.shape)
        return pixels, way, cost


def static_page_state(static: dict, ranks: int = STATIC_RANKS) -> dict:
    """The state ``rank_slider.js`` starts from on a static page, from a stored output's.

    Parameters
    ----------
    static : dict
        :meth:`RankSlider.static_state`: ``png`` (base64) and ``k``.
    ranks : int, optional
        How many ranks to embed (at most the image's largest rank).

    Returns
    -------
    dict
        ``height``, ``width``, ``channels``, ``max_rank``, ``ranks``, ``k``,
        ``us`` and ``vt`` (base64 float32 ``U·diag(σ)`` of shape
        ``(channels, H, ranks)`` and ``Vᵀ`` of shape ``(channels, ranks, W)``,
        the very factors :class:`~helpers.images.ImageSVD` rebuilds from),
        ``original`` (base64 uint8 pixels) and ``cumulative_energy`` (a list):
        the traits of :class:`RankSlider`, with text for bytes.

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
    parts = _factors(model, K)

    def b64(array):
        return base64.b64encode(array.tobytes()).decode("ascii")

    return {
        "height": int(model.shape[0]),
        "width": int(model.shape[1]),
        "channels": int(model.channels),
        "max_rank": int(model.max_rank),
        "ranks": int(K),
        "k": int(min(k, K)),
        "us": b64(parts["us"]),
        "vt": b64(parts["vt"]),
        "original": b64(parts["original"]),
        "cumulative_energy": [float(x) for x in model.cumulative_energy],
    }


def rank_slider(image, k: int | None = None) -> RankSlider:
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
    RankSlider
        The widget (an anywidget). ``.k`` is the rank on screen (set it to move
        the view; ``.slider.value`` is the same number), ``.image_svd`` the model,
        ``.readout`` the model's figures for ``k``. Nothing is printed.

    Raises
    ------
    TypeError, ValueError
        If ``image`` or ``k`` is invalid (see ``ImageSVD`` and ``as_rank``).

    Notes
    -----
    The factors of every rank go to the browser once, here (see the module's
    docstring); a move is computed in the browser and never computes an SVD.

    DOM contract (the browser tests rely on it), inside the widget's element,
    the same in JupyterLab, on the static site and in the decks:

    - container ``.course-rank-slider``; its ``data-paints`` counts pictures drawn;
    - the rank: ``input[type=range].course-rank-k``, min 1, max the ranks
      available (``max_rank`` in JupyterLab, :data:`STATIC_RANKS` on a static
      page), step 1, accessible name "rank k" (its visible label). Keys: ←/→
      (and ↑/↓) one rank, PageUp/PageDown a tenth of the range (rounded),
      Home/End rank 1 and the top rank;
    - the rank-k image: ``canvas.course-rank-image``, with ``data-k`` (the rank
      drawn), ``data-frame`` (pictures drawn so far), ``data-route`` (how it was
      reached: ``current``, ``zero`` or ``full``) and ``data-updates`` (the
      rank-one terms added or removed); its pixels are ``ImageSVD.reconstruct(k)``
      but for the rare values off by one level the module docstring describes;
    - the original: ``canvas.course-rank-original``, exactly ``ImageSVD.original``;
    - readouts: ``.course-rank-readout`` (``aria-live=polite``), one span per
      field ``k``, ``storage``, ``ratio``, ``energy``, ``psnr`` with
      ``data-field`` and ``data-value`` (the full value), text as
      :func:`format_readout`;
    - status line: ``.course-rank-status`` (``role=status``), ``data-kind``
      info/error: the note, or what is wrong with a bad state (the picture
      keeps the last valid rank).
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
    return RankSlider(model, k, note="; ".join(notes))
