"""Images as matrices: loading the course photo (and, later, compressing it).

:func:`load_image` reads a file from ``data/`` (by short name) or any path and
returns floats in [0, 1]. Pillow's decompression-bomb guard stays on.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

__all__ = ["DATA_DIR", "load_image"]

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


def load_image(path_or_name, mode: str = "L") -> np.ndarray:
    """Load an image as a float array with values in [0, 1].

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
        If ``path_or_name`` is not a string or path.
    ValueError
        If ``mode`` is not ``"L"`` or ``"RGB"``, or the file is missing,
        unreadable or not an image (the message names the file).

    Examples
    --------
    >>> img = load_image("grace_hopper", mode="L")
    >>> img.shape, img.dtype, float(img.min()) >= 0.0, float(img.max()) <= 1.0
    ((600, 512), dtype('float64'), True, True)
    """
    if mode not in ("L", "RGB"):
        raise ValueError(f"mode must be 'L' (grayscale) or 'RGB' (colour), got {mode!r}")
    path = _resolve(path_or_name)
    try:
        with Image.open(path) as im:
            im.load()
            converted = im.convert(mode)
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"cannot read {str(path)!r} as an image: {exc}") from None
    return np.asarray(converted, dtype=np.float64) / 255.0
