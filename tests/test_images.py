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


# --------------------------------------------------------------------------- issue 20: every mode

GRADIENT = np.linspace(0.0, 1.0, 12).reshape(3, 4)  # a known picture, values in [0, 1]


def _mode_on_disk(path):
    with Image.open(path) as im:
        return im.mode


def _save(tmp_path, image, name):
    path = tmp_path / name
    image.save(path)
    return path


@pytest.mark.parametrize("mode", ["L", "LA", "P", "RGB", "RGBA"])
def test_eight_bit_modes_load_faithfully(tmp_path, mode):
    image = Image.fromarray(np.rint(GRADIENT * 255).astype(np.uint8), "L").convert(mode)
    assert image.mode == mode
    path = _save(tmp_path, image, f"g_{mode}.png")
    gray = load_image(path)
    assert np.allclose(gray, GRADIENT, atol=0.5 / 255 + 1e-12)
    rgb = load_image(path, mode="RGB")
    assert rgb.shape == (3, 4, 3) and np.allclose(rgb[..., 1], GRADIENT, atol=0.5 / 255 + 1e-12)


def test_bilevel_and_cmyk_modes(tmp_path):
    bits = np.array([[0, 255, 0], [255, 255, 0]], dtype=np.uint8)
    path = _save(tmp_path, Image.fromarray(bits, "L").convert("1"), "b.png")
    assert np.array_equal(load_image(path), bits / 255.0)
    cmyk = Image.new("CMYK", (2, 1), (0, 0, 0, 0))  # no ink: white
    cmyk.putpixel((1, 0), (0, 0, 0, 255))  # full black ink
    path = _save(tmp_path, cmyk, "c.tif")
    assert np.allclose(load_image(path, mode="RGB"), [[[1, 1, 1], [0, 0, 0]]])


def test_sixteen_bit_png_is_rescaled_not_clipped(tmp_path):
    # Pillow's convert("L") clips I;16 to 255: this image loaded as all white.
    values = np.rint(GRADIENT * 65535).astype(np.uint16)
    path = _save(tmp_path, Image.fromarray(values), "g16.png")
    assert _mode_on_disk(path) in ("I;16", "I")
    gray = load_image(path)
    assert np.allclose(gray, GRADIENT, atol=1e-5)
    assert np.allclose(load_image(path, mode="RGB")[..., 2], gray)


def test_thirty_two_bit_integer_tiff_is_rescaled(tmp_path):
    values = (GRADIENT * 1e6).astype(np.int32)  # beyond 16 bits: rescaled from [min, max]
    path = _save(tmp_path, Image.fromarray(values), "g32.tif")
    assert _mode_on_disk(path) == "I"
    gray = load_image(path)
    assert gray.min() == 0.0 and gray.max() == 1.0
    assert np.allclose(gray, GRADIENT, atol=1e-6)


def test_float_tiff_in_unit_range_is_kept(tmp_path):
    # Pillow's convert("L") of mode F in [0, 1] gives all zeros.
    path = _save(tmp_path, Image.fromarray(GRADIENT.astype(np.float32)), "gf.tif")
    assert _mode_on_disk(path) == "F"
    assert np.allclose(load_image(path), GRADIENT, atol=1e-7)
    wide = _save(tmp_path, Image.fromarray((GRADIENT * 300 - 7).astype(np.float32)), "w.tif")
    assert np.allclose(load_image(wide), GRADIENT, atol=1e-6)


def test_float_tiff_with_nan_names_the_file(tmp_path):
    values = GRADIENT.astype(np.float32)
    values[0, 0] = np.nan
    path = _save(tmp_path, Image.fromarray(values), "nan.tif")
    with pytest.raises(ValueError, match="nan.tif.*NaN"):
        load_image(path)


def test_exif_orientation_is_applied(tmp_path):
    wide = np.zeros((2, 3), dtype=np.uint8)
    wide[0, 0] = 255  # top-left marker
    image = Image.fromarray(wide, "L")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = tmp_path / "phone.jpg"
    image.save(path, exif=exif, quality=100, subsampling=0)
    loaded = load_image(path)
    assert loaded.shape == (3, 2)  # upright: turned, not sideways
    assert loaded[0, 1] > 0.5 and loaded[0, 0] < 0.5  # the marker moved to the top right


def test_mode_must_be_a_string():
    with pytest.raises(TypeError, match="mode must be"):
        load_image("grace_hopper", mode=None)


def test_to_uint8_accepts_round_off_of_a_full_rank_reconstruction():
    from helpers.images import to_uint8

    pixels = to_uint8(np.array([[-1.1e-15, 0.5], [1.0000000000000036, 1.0]]))
    assert pixels.tolist() == [[0, 128], [255, 255]]
    with pytest.raises(ValueError, match=r"from -0\.01 to 0\.5"):
        to_uint8(np.array([[-0.01, 0.5]]))
    with pytest.raises(ValueError, match=r"float pixels must lie in \[0, 1\]"):
        to_uint8(np.array([[0.0, 1.003]]))


def test_to_uint8_returns_a_new_array_for_uint8_input():
    from helpers.images import to_uint8

    image = np.zeros((2, 2), dtype=np.uint8)
    out = to_uint8(image)
    out[0, 0] = 7
    assert image[0, 0] == 0


def test_psnr_of_huge_and_tiny_values():
    from helpers.images import psnr

    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    b = a + np.array([[0.0, 0.1], [0.0, 0.0]])
    expected = psnr(a, b, peak=4.0)
    for scale in (1e200, 1e-170):
        assert psnr(a * scale, b * scale, peak=4.0 * scale) == pytest.approx(expected, rel=1e-12)
    with pytest.raises(TypeError, match="peak"):
        psnr(a, b, peak="255")
