"""Loading the course photo, and clear errors for everything else."""

import numpy as np
import pytest
from PIL import Image

from helpers.images import DATA_DIR, load_image


def test_course_photo_in_data_loads_by_name():
    gray = load_image("grace_hopper", mode="L")
    rgb = load_image("grace_hopper.jpg", mode="RGB")
    assert gray.shape == (600, 512)
    assert rgb.shape == (600, 512, 3)
    for img in (gray, rgb):
        assert img.dtype == np.float64
        assert 0.0 <= img.min() and img.max() <= 1.0
    assert img.std() > 0.1  # a real photo, not a blank


def test_load_by_path_and_rgba_drops_alpha(tmp_path):
    pixels = np.zeros((4, 5, 4), dtype=np.uint8)
    pixels[..., 0] = 255
    pixels[..., 3] = 10
    path = tmp_path / "red.png"
    Image.fromarray(pixels, "RGBA").save(path)
    rgb = load_image(path, mode="RGB")
    assert rgb.shape == (4, 5, 3)
    assert np.allclose(rgb[..., 0], 1.0) and np.allclose(rgb[..., 1:], 0.0)


def test_missing_file_names_it():
    with pytest.raises(ValueError, match="no_such_picture.*not found"):
        load_image("no_such_picture")


def test_non_image_file_names_it(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("this is not a JPEG")
    with pytest.raises(ValueError, match="cannot read .*notes.jpg"):
        load_image(path)


def test_truncated_image_is_unreadable(tmp_path):
    path = tmp_path / "cut.jpg"
    path.write_bytes((DATA_DIR / "grace_hopper.jpg").read_bytes()[:2000])
    with pytest.raises(ValueError, match="cut.jpg"):
        load_image(path)


def test_bad_mode_and_type():
    with pytest.raises(ValueError, match="mode must be 'L'"):
        load_image("grace_hopper", mode="CMYK")
    with pytest.raises(TypeError, match="path_or_name"):
        load_image(42)


def test_decompression_bomb_guard_stays_on():
    assert Image.MAX_IMAGE_PIXELS is not None
