"""Images as matrices: loading the course photo and compressing it by the SVD.

:func:`load_image` reads a file from ``data/`` (by short name) or any path and
returns floats in [0, 1]. Pillow's decompression-bomb guard stays on.

:class:`ImageSVD` decomposes an image once (each colour channel is a matrix)
and then rebuilds its rank-``k`` approximation for any ``k`` from the stored
factors, cheaply enough for a slider (notebook 05). :func:`psnr` measures how
close a reconstruction is to the original.
"""

from __future__ import annotations

import bisect
import contextlib
import os
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .low_rank import storage
from .validation import as_rank, as_real, scale_factor

try:  # pinned in requirements.txt and environment.yml; optional for the helpers package
    from threadpoolctl import ThreadpoolController
except ImportError:  # pragma: no cover - without it, rebuilds use BLAS's default threads
    ThreadpoolController = None

__all__ = ["DATA_DIR", "ImageSVD", "load_image", "psnr", "to_uint8"]

#: The repository's ``data/`` folder, found relative to this package.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp")


def _resolve(path_or_name) -> Path:
    """Turn a short name such as ``"grace_hopper"`` or a path into a file path."""
    if not isinstance(path_or_name, (str, os.PathLike)):
        raise TypeError(
            f"path_or_name must be a file path or a name in data/, "
            f"got {type(path_or_name).__name__}"
        )
    path = Path(path_or_name)
    if path.exists():
        return path
    if path.parent == Path(".") and not path.suffix:
        for suffix in _IMAGE_SUFFIXES:
            candidate = DATA_DIR / f"{path.name}{suffix}"
            if candidate.exists():
                return candidate
    candidate = DATA_DIR / path
    if not path.is_absolute() and candidate.exists():
        return candidate
    available = sorted(p.stem for p in DATA_DIR.glob("*") if p.suffix.lower() in _IMAGE_SUFFIXES)
    raise ValueError(
        f"image file {str(path_or_name)!r} not found (looked for it as a path and in "
        f"{DATA_DIR}); images in data/: {available}"
    )


#: Modes Pillow stores with 8 bits per channel; Pillow's own conversion is exact for them.
_EIGHT_BIT_MODES = ("1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK",
                    "YCbCr", "LAB", "HSV")  # fmt: skip


def _high_depth_to_unit(arr: np.ndarray, mode: str, path: Path) -> np.ndarray:
    """Map one channel of a 16-bit, 32-bit integer or float image onto [0, 1] without clipping."""
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"cannot read {str(path)!r} as an image: it has NaN or infinite pixels")
    if mode.startswith("I;16"):
        return arr / 65535.0
    low, high = float(arr.min()), float(arr.max())
    if mode == "F" and low >= 0.0 and high <= 1.0:
        return arr
    if mode == "I" and low >= 0.0 and high <= 65535.0:  # how Pillow holds 16-bit PNGs
        return arr / 65535.0
    if high == low:
        return np.zeros_like(arr)
    return (arr - low) / (high - low)


def load_image(path_or_name, mode: str = "L") -> np.ndarray:
    """Load an image as a float array with values in [0, 1], upright.

    Parameters
    ----------
    path_or_name : str or os.PathLike
        A path to an image file, or the name of an image in ``data/`` with or
        without its extension (``"grace_hopper"``).
    mode : {"L", "RGB"}, optional
        ``"L"`` for grayscale (ITU-R 601-2 luma, Pillow's conversion), giving
        shape ``(height, width)``; ``"RGB"`` for colour, giving
        ``(height, width, 3)``. An alpha channel is dropped.

    Returns
    -------
    numpy.ndarray
        float64 array with values in [0, 1].

    Raises
    ------
    TypeError
        If ``path_or_name`` is not a string or path, or ``mode`` is not a string.
    ValueError
        If ``mode`` is not ``"L"`` or ``"RGB"``, or the file is missing,
        unreadable, not an image or has non-finite pixels (the message names
        the file).

    Notes
    -----
    *Orientation.* A camera stores a photo as the sensor saw it and records
    how to turn it in the EXIF ``Orientation`` tag; the image is turned
    accordingly (:func:`PIL.ImageOps.exif_transpose`), so a phone photo is
    not sideways.

    *Bit depth.* 8-bit modes (``1, L, LA, P, RGB, RGBA, CMYK`` and the other
    8-bit ones) are converted by Pillow and divided by 255. Pillow's
    conversion would *clip* deeper modes to 8 bits (a 16-bit PNG would come
    out all white), so they are rescaled here instead: ``I;16`` is divided by
    65535; ``I`` (32-bit integers) by 65535 when its values lie in
    0 … 65535 (how Pillow holds 16-bit PNGs), and ``F`` (32-bit floats) is
    kept as it is when it lies in [0, 1]; otherwise ``I`` and ``F`` are
    rescaled linearly from ``[min, max]`` to ``[0, 1]`` (a constant image
    then becomes 0). A single-channel deep image asked for as ``"RGB"`` gets
    three equal channels.

    Examples
    --------
    >>> img = load_image("grace_hopper", mode="L")
    >>> img.shape, img.dtype, float(img.min()) >= 0.0, float(img.max()) <= 1.0
    ((600, 512), dtype('float64'), True, True)
    """
    if not isinstance(mode, str):
        raise TypeError(
            f"mode must be the string 'L' (grayscale) or 'RGB' (colour), got {type(mode).__name__}"
        )
    if mode not in ("L", "RGB"):
        raise ValueError(f"mode must be 'L' (grayscale) or 'RGB' (colour), got {mode!r}")
    path = _resolve(path_or_name)
    try:
        with Image.open(path) as im:
            im.load()
            upright = ImageOps.exif_transpose(im)
            source_mode = upright.mode
            if source_mode in _EIGHT_BIT_MODES:
                return np.asarray(upright.convert(mode), dtype=np.float64) / 255.0
            if source_mode.startswith("I;16") or source_mode in ("I", "F"):
                raw = np.asarray(upright)
            else:
                raise ValueError(
                    f"cannot read {str(path)!r} as an image: Pillow mode {source_mode!r} is not "
                    f"supported (supported: {', '.join(_EIGHT_BIT_MODES)}, I;16, I, F)"
                )
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"cannot read {str(path)!r} as an image: {exc}") from None
    gray = _high_depth_to_unit(raw, source_mode, path)
    return gray if mode == "L" else np.repeat(gray[:, :, None], 3, axis=2)


#: Float pixels are accepted in [_FLOAT_LOW, _FLOAT_HIGH): exactly the values whose
#: 255·x rounds to a pixel 0 … 255, so round-off just outside [0, 1] (a full-rank
#: reconstruction gives −1e-15 or 1 + 4e-15) is accepted and nothing is clipped.
_FLOAT_LOW = -0.5 / 255.0
_FLOAT_HIGH = 255.5 / 255.0


def to_uint8(image, name: str = "image") -> np.ndarray:
    """Return an image as 8-bit pixels, validating it on the way.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W)`` (grayscale), ``(H, W, 3)`` (RGB) or ``(H, W, 4)``
        (RGBA). Either ``uint8`` (or another integer type with values in
        0 … 255), or floats in ``[0, 1]`` as :func:`load_image` returns them;
        floats are scaled by 255 and rounded to the nearest integer. Round-off
        just outside ``[0, 1]`` is accepted when ``255·x`` still rounds to a
        pixel (``−0.5/255 ≤ x < 255.5/255``); nothing is clipped.
    name : str, optional
        The argument's name, used in error messages.

    Returns
    -------
    numpy.ndarray
        ``uint8`` array of the same shape, always a new array.

    Raises
    ------
    TypeError
        If ``image`` is not an array of real numbers (or is boolean).
    ValueError
        If the shape is not one of the three above, the image is empty,
        a pixel is NaN or infinite, or a value is outside the range of its type.

    Examples
    --------
    >>> to_uint8([[0.0, 0.5], [1.0, 0.2]])
    array([[  0, 128],
           [255,  51]], dtype=uint8)
    """
    if isinstance(image, (str, bytes)) or image is None:
        raise TypeError(f"{name} must be an array of pixels, got {type(image).__name__}")
    try:
        arr = np.asarray(image)
    except Exception as exc:  # ragged nested lists
        raise TypeError(f"{name} must be an array of pixels: {exc}") from None
    if arr.dtype == np.bool_ or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise TypeError(
            f"{name} must hold uint8 values or floats in [0, 1], got dtype {arr.dtype}"
        )
    if not (arr.ndim == 2 or (arr.ndim == 3 and arr.shape[2] in (3, 4))):
        raise ValueError(
            f"{name} must have shape (H, W) for grayscale, (H, W, 3) for RGB or (H, W, 4) "
            f"for RGBA, got shape {arr.shape}"
        )
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if arr.dtype == np.uint8:
        return arr.copy()  # never hand back (or let a caller keep) the caller's own array
    if np.issubdtype(arr.dtype, np.integer):
        low, high = int(arr.min()), int(arr.max())
        if low < 0 or high > 255:
            raise ValueError(
                f"{name} has integer values from {low} to {high}; 8-bit pixels must lie in 0 … 255"
            )
        return arr.astype(np.uint8)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity; every pixel must be finite")
    low, high = float(arr.min()), float(arr.max())
    if low < _FLOAT_LOW or high >= _FLOAT_HIGH:
        raise ValueError(
            f"{name} has float values from {low!r} to {high!r}; float pixels must lie in "
            f"[0, 1] (round-off that still rounds to a pixel, {_FLOAT_LOW:.6f} ≤ x < "
            f"{_FLOAT_HIGH:.6f}, is accepted; divide 0 … 255 data by 255, or pass it as uint8)"
        )
    # rint(255·x) is in 0 … 255 for every accepted x; −0.0 becomes 0.
    return (np.rint(arr.astype(np.float64) * 255.0) + 0.0).astype(np.uint8)


def psnr(reference, approximation, peak: float = 255.0) -> float:
    """Return the peak signal-to-noise ratio of ``approximation`` against ``reference``, in dB.

    ``PSNR = 10 log₁₀(peak² / MSE)``, where ``MSE`` is the mean of the squared
    differences over every pixel and channel. Identical images give ``inf``.

    Parameters
    ----------
    reference, approximation : array_like
        Two images (or any arrays) of the same shape, on the same scale:
        ``uint8`` pixels with ``peak=255`` (the default), or floats in
        ``[0, 1]`` with ``peak=1``.
    peak : float, optional
        The largest possible pixel value.

    Returns
    -------
    float
        The PSNR in decibels (``inf`` when the arrays are equal).

    Raises
    ------
    TypeError
        If an array is not numeric (or boolean), or ``peak`` is not a real number.
    ValueError
        If the shapes differ, an array is empty or not finite, or ``peak`` is
        not positive and finite.

    Examples
    --------
    >>> a = np.array([[10, 20], [30, 40]], dtype=np.uint8)
    >>> b = np.array([[11, 20], [30, 38]], dtype=np.uint8)  # MSE = (1 + 4) / 4
    >>> round(psnr(a, b), 4)
    47.1617
    >>> psnr(a, a)
    inf
    """
    arrays = []
    for arg_name, value in (("reference", reference), ("approximation", approximation)):
        if isinstance(value, (str, bytes)) or value is None:
            raise TypeError(f"{arg_name} must be an array, got {type(value).__name__}")
        try:
            arr = np.asarray(value)
        except Exception as exc:  # ragged nested lists
            raise TypeError(f"{arg_name} must be an array of numbers: {exc}") from None
        if arr.dtype == np.bool_ or not (
            np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
        ):
            raise TypeError(f"{arg_name} must hold real numbers, got dtype {arr.dtype}")
        if arr.size == 0:
            raise ValueError(f"{arg_name} must not be empty")
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{arg_name} contains NaN or infinity")
        arrays.append(arr)
    ref, approx = arrays
    if ref.shape != approx.shape:
        raise ValueError(
            f"reference and approximation must have the same shape, got {ref.shape} "
            f"and {approx.shape}"
        )
    peak = as_real(peak, "peak", low=0.0, low_inclusive=False)
    # Scale first: squares of entries beyond about 1e154 overflow. PSNR depends on
    # peak / scale and the scaled errors only.
    scale = max(scale_factor(ref.astype(np.float64)), scale_factor(approx.astype(np.float64)))
    sse = _sum_squared_error(ref.astype(np.float64) / scale, approx.astype(np.float64) / scale)
    return _psnr_from_sse(sse, ref.size, peak / scale)


def _sum_squared_error(a: np.ndarray, b: np.ndarray) -> float:
    """Σ (a − b)², in float64. Exact for 8-bit images: every partial sum is an integer < 2⁵³."""
    d = np.subtract(a, b, dtype=np.float64).ravel()
    return float(np.dot(d, d))


def _sum_squared_error_uint8(a: np.ndarray, b: np.ndarray) -> float:
    """Σ (a − b)² for two uint8 arrays, exactly, about twice as fast as in float64.

    Differences lie in −255 … 255, so a row of 256 squares sums to at most
    256 · 255² < 2²⁴: in float32 every partial sum of a row is an exact integer,
    whatever the order of summation. The row sums are then added in float64.
    """
    d = np.subtract(a, b, dtype=np.float32).ravel()
    n = d.size - d.size % 256
    rows = d[:n].reshape(-1, 256)
    tail = d[n:].astype(np.float64)
    return float(np.einsum("ij,ij->i", rows, rows).sum(dtype=np.float64)) + float(tail @ tail)


def _psnr_from_sse(sse: float, count: int, peak: float) -> float:
    if sse == 0.0:
        return float("inf")
    ratio = peak * peak * count / sse
    if np.isfinite(ratio) and ratio > 0.0:
        return float(10.0 * np.log10(ratio))
    return float(20.0 * np.log10(peak) + 10.0 * np.log10(count) - 10.0 * np.log10(sse))


#: Above this many pixels per channel, ImageSVD computes the SVD in float32 by default.
FLOAT64_PIXEL_LIMIT = 2**22
#: Memory ImageSVD may spend on stored partial sums (see ImageSVD, Notes).
CHECKPOINT_BYTES = 64 * 2**20
#: Preferred distance, in ranks, between two stored partial sums.
CHECKPOINT_STEP = 32


_BLAS_CONTROLLER = None


def _one_blas_thread():
    """A context in which numpy's BLAS runs on one thread (when threadpoolctl is installed)."""
    global _BLAS_CONTROLLER
    if ThreadpoolController is None:  # pragma: no cover
        return contextlib.nullcontext()
    if _BLAS_CONTROLLER is None:
        _BLAS_CONTROLLER = ThreadpoolController()
    return _BLAS_CONTROLLER.limit(limits=1, user_api="blas")


class ImageSVD:
    """An image decomposed once by the SVD, rebuilt at any rank ``k`` on demand.

    Each colour channel is an ``H × W`` matrix of 8-bit values (0 … 255). The
    SVDs of all channels are computed once, in one batched call, in
    ``__init__``; :meth:`reconstruct` and :meth:`readout` only multiply stored
    factors and never decompose again, so a rank slider can call them on
    every move.

    Parameters
    ----------
    image : array_like
        Grayscale ``(H, W)``, RGB ``(H, W, 3)`` or RGBA ``(H, W, 4)``;
        ``uint8`` or floats in ``[0, 1]`` (see :func:`to_uint8`). An alpha
        channel is dropped: :attr:`note` says so and :attr:`alpha_dropped`
        is True (no warning is issued).
    dtype : {None, numpy.float64, numpy.float32}, optional
        Precision of the SVD. ``None`` (default) means float64 up to
        :data:`FLOAT64_PIXEL_LIMIT` pixels per channel and float32 beyond, which
        halves the memory of the decomposition of a large photo. The stored
        factors are float32 in both cases (a float32 rebuild is off by far
        less than the 0.5 that rounding to 8 bits forgives).

    Attributes
    ----------
    original : numpy.ndarray
        The image as ``uint8``, ``(H, W)`` or ``(H, W, 3)`` (read-only).
    shape : tuple of int
        ``original.shape``.
    channels : int
        1 (grayscale) or 3 (colour).
    max_rank : int
        ``min(H, W)``: the largest ``k`` accepted.
    singular_values : numpy.ndarray, shape (channels, max_rank)
        The singular values of each channel (of its 0 … 255 values), in
        decreasing order (read-only, float64).
    cumulative_energy : numpy.ndarray, shape (max_rank,)
        Entry ``k − 1`` is the energy kept at rank ``k`` over all channels:
        ``Σ_c Σ_{i ≤ k} σ_{c,i}² / Σ_c Σ_i σ_{c,i}²`` (read-only).
    alpha_dropped : bool
        Whether an alpha channel was dropped.
    note : str or None
        A message for the reader when something was changed (the alpha channel).

    Raises
    ------
    TypeError
        If ``image`` is not an array of numbers, or ``dtype`` is not accepted.
    ValueError
        If ``image`` has a bad shape, is empty, has non-finite pixels, or has
        values outside 0 … 255 (integers) or ``[0, 1]`` (floats).

    Notes
    -----
    *What is decomposed.* The 8-bit image: float input is first rounded to
    8 bits, so the original that the PSNR compares with is exactly
    :attr:`original`, and at full rank the reconstruction equals it.

    *Invalid ranks are rejected, not clamped*: ``k`` outside
    ``1 … max_rank`` raises a ``ValueError`` naming the allowed range. (The
    slider of :func:`helpers.widgets.rank_slider` cannot send such a ``k``.)

    *Speed.* ``U diag(σ)`` is stored, so ``A_k = (U diag(σ))[:, :k] Vᵀ[:k]``
    is one batched matrix product over the channels. To keep a move cheap at
    every rank, partial sums ``A_j`` are stored every
    :data:`CHECKPOINT_STEP` ranks (within :data:`CHECKPOINT_BYTES` of memory;
    about 55 MB for a 600 × 512 RGB photo) and ``A_k`` is the nearest stored
    ``A_j`` (``j ≤ k``) plus a product of rank ``k − j`` only.

    *Threads.* The SVD and every rebuild run numpy's BLAS on one thread (when
    threadpoolctl is installed, as the course's pinned environments do). On a
    machine with more runnable threads than cores (two notebooks tested in
    parallel on two cores, or a shared server), multi-threaded OpenBLAS waits
    for all its threads to get a core at once: on the course's 2-core machine
    under load, that made a slider move and the SVD of the course photo each
    more than ten times slower than on one thread. The rebuild products are
    small (rank below 32), so there is little for a second thread to do.

    *Rounding.* Pixels are rounded to the nearest integer (halves up) after
    clipping to ``[0, 255]``: a low-rank approximation can leave that range,
    and casting a negative float straight to ``uint8`` is undefined in C.

    Examples
    --------
    >>> img = np.array([[0, 255, 0], [255, 0, 255]], dtype=np.uint8)
    >>> svd = ImageSVD(img)
    >>> svd.max_rank, svd.channels
    (2, 1)
    >>> svd.reconstruct(2)  # full rank: the original, exactly
    array([[  0, 255,   0],
           [255,   0, 255]], dtype=uint8)
    >>> sorted(svd.readout(1))
    ['energy', 'k', 'psnr', 'ratio', 'storage']
    """

    def __init__(self, image, *, dtype=None):
        if dtype is not None and not (
            isinstance(dtype, (type, np.dtype, str))
            and dtype in (np.float64, np.float32, "float64", "float32")
        ):
            raise TypeError(f"dtype must be None, numpy.float64 or numpy.float32, got {dtype!r}")
        pixels = to_uint8(image)
        self.alpha_dropped = pixels.ndim == 3 and pixels.shape[2] == 4
        self.note = None
        if self.alpha_dropped:
            pixels = pixels[:, :, :3]
            self.note = (
                "The alpha (transparency) channel was dropped: the SVD uses the R, G, B "
                "channels only."
            )
        self.original = np.array(pixels, dtype=np.uint8, order="C")
        self.original.setflags(write=False)
        self.shape = self.original.shape
        height, width = self.shape[:2]
        self.channels = 1 if self.original.ndim == 2 else 3
        self.max_rank = min(height, width)

        if dtype is None:
            dtype = np.float64 if height * width <= FLOAT64_PIXEL_LIMIT else np.float32

        # One (channels, H, W) stack, one batched SVD: numpy loops over the channels in C.
        stack = self.original.reshape(height, width, self.channels).transpose(2, 0, 1)
        with _one_blas_thread():  # see Notes, *Threads*
            U, s, Vt = np.linalg.svd(stack.astype(dtype), full_matrices=False)
        U *= s[:, None, :]  # U diag(σ), per channel, in place
        self._us = U.astype(np.float32, copy=False)
        del U
        self._vt = Vt.astype(np.float32, copy=False)
        del Vt
        self.singular_values = s.astype(np.float64)
        self.singular_values.setflags(write=False)

        squares = np.cumsum(np.sum(self.singular_values**2, axis=0))
        if squares[-1] == 0.0:  # an all-black image: nothing to lose at any rank
            self.cumulative_energy = np.ones_like(squares)
        else:
            self.cumulative_energy = squares / squares[-1]
        self.cumulative_energy.setflags(write=False)

        self._build_checkpoints()
        self._last = None  # (k, pixels): reconstruct and readout of one move share a rebuild

    def _build_checkpoints(self) -> None:
        """Store A_j for j = step, 2·step, … (< max_rank), within CHECKPOINT_BYTES."""
        frame_bytes = 4 * self.channels * self.shape[0] * self.shape[1]
        budget = CHECKPOINT_BYTES // frame_bytes
        step = CHECKPOINT_STEP
        if budget and (self.max_rank - 1) // step > budget:
            step = -(-self.max_rank // (budget + 1))  # spread the few we can afford evenly
        self._checkpoint_ranks = list(range(step, self.max_rank, step))[:budget]
        self._checkpoints = []
        total, previous = None, 0
        for j in self._checkpoint_ranks:
            with _one_blas_thread():  # the same arithmetic as a rebuild, whatever the threads
                part = np.matmul(self._us[:, :, previous:j], self._vt[:, previous:j, :])
            total = part if total is None else total + part
            self._checkpoints.append(total)
            previous = j

    def _check_k(self, k) -> int:
        return as_rank(k, "k", low=1, high=self.max_rank)

    def _rebuild(self, k: int) -> np.ndarray:
        """The float32 rank-k approximation, shape (channels, H, W)."""
        i = bisect.bisect_right(self._checkpoint_ranks, k) - 1
        j = self._checkpoint_ranks[i] if i >= 0 else 0
        if k == j:
            return self._checkpoints[i].copy()
        with _one_blas_thread():
            approx = np.matmul(self._us[:, :, j:k], self._vt[:, j:k, :])
        if i >= 0:
            approx += self._checkpoints[i]
        return approx

    def _pixels(self, k: int) -> np.ndarray:
        """The uint8 rank-k image (read-only; the last one is kept for readout)."""
        if self._last is not None and self._last[0] == k:
            return self._last[1]
        approx = self._rebuild(k)
        approx += 0.5  # round half up: floor(x + 0.5) after clipping x to [0, 255]
        np.clip(approx, 0.5, 255.5, out=approx)
        planes = approx.astype(np.uint8)  # truncates; contiguous, so fast
        if self.channels == 1:
            pixels = planes.reshape(self.shape)
        else:
            # Interleave plane by plane: a transposed copy of the whole stack is
            # about ten times slower than three strided copies of uint8 planes.
            pixels = np.empty(self.shape, dtype=np.uint8)
            for c in range(self.channels):
                pixels[:, :, c] = planes[c]
        pixels.setflags(write=False)
        self._last = (k, pixels)
        return pixels

    def approximation(self, k: int) -> np.ndarray:
        """Return the rank-``k`` approximation before clipping and rounding.

        Parameters
        ----------
        k : int
            The rank kept in every channel, ``1 ≤ k ≤ max_rank``.

        Returns
        -------
        numpy.ndarray
            ``float32``, shape ``(H, W)`` or ``(H, W, 3)``, on the 0 … 255 scale:
            each channel's ``A_k``, which may leave ``[0, 255]``.

        Raises
        ------
        TypeError
            If ``k`` is not an integer.
        ValueError
            If ``k`` is outside ``1 … max_rank``.
        """
        approx = self._rebuild(self._check_k(k))
        return np.ascontiguousarray(np.moveaxis(approx, 0, 2)).reshape(self.shape)

    def reconstruct(self, k: int) -> np.ndarray:
        """Return the rank-``k`` approximation as 8-bit pixels.

        Parameters
        ----------
        k : int
            The rank kept in every channel, ``1 ≤ k ≤ max_rank``.

        Returns
        -------
        numpy.ndarray
            ``uint8``, shape ``(H, W)`` or ``(H, W, 3)``: each channel's
            ``A_k``, clipped to ``[0, 255]`` and rounded. A new array.

        Raises
        ------
        TypeError
            If ``k`` is not an integer.
        ValueError
            If ``k`` is outside ``1 … max_rank`` (the message gives the range).
        """
        return self._pixels(self._check_k(k)).copy()

    def readout(self, k: int) -> dict:
        """Return the figures the rank slider shows for rank ``k``.

        Parameters
        ----------
        k : int
            The rank, ``1 ≤ k ≤ max_rank``.

        Returns
        -------
        dict
            Exactly these keys:

            - ``"k"`` (int): the rank;
            - ``"storage"`` (int): numbers stored for rank ``k`` over all
              channels, ``channels · k · (H + W + 1)``;
            - ``"ratio"`` (float): numbers in the original image
              (``channels · H · W``) divided by ``storage``;
            - ``"energy"`` (float in [0, 1]): the fraction of ``Σσ²`` kept, over
              all channels;
            - ``"psnr"`` (float, dB): of :meth:`reconstruct` against
              :attr:`original`, peak 255 (``inf`` when they are equal).

        Raises
        ------
        TypeError
            If ``k`` is not an integer.
        ValueError
            If ``k`` is outside ``1 … max_rank``.
        """
        k = self._check_k(k)
        height, width = self.shape[:2]
        stored = storage(height, width, k, self.channels)
        pixels = self._pixels(k)
        sse = _sum_squared_error_uint8(self.original, pixels)
        return {
            "k": k,
            "storage": stored,
            "ratio": (self.channels * height * width) / stored,
            "energy": float(self.cumulative_energy[k - 1]),
            "psnr": _psnr_from_sse(sse, pixels.size, 255.0),
        }

    def __repr__(self) -> str:
        kind = "grayscale" if self.channels == 1 else "RGB"
        return f"ImageSVD({kind} {self.shape[0]}×{self.shape[1]}, max_rank={self.max_rank})"
