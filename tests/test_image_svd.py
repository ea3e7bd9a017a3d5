"""ImageSVD: one SVD per image, then rank-k rebuilds and the slider's readouts."""

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import helpers.images as images
from helpers.images import ImageSVD, load_image, psnr, to_uint8

READOUT_KEYS = {"k", "storage", "ratio", "energy", "psnr"}


@pytest.fixture(scope="module")
def photo_rgb():
    return load_image("grace_hopper", mode="RGB")


@pytest.fixture(scope="module")
def photo_gray():
    return load_image("grace_hopper", mode="L")


@pytest.fixture(scope="module")
def svd_rgb(photo_rgb):
    return ImageSVD(photo_rgb)


@pytest.fixture(scope="module")
def photo_factors(photo_rgb):
    return numpy_factors(to_uint8(photo_rgb))


def numpy_rank_k(pixels: np.ndarray, k: int, factors=None) -> np.ndarray:
    """The reference: float64 truncated SVD per channel, clipped and rounded."""
    if factors is None:
        factors = numpy_factors(pixels)
    U, s, Vt = factors
    out = np.moveaxis((U[:, :, :k] * s[:, None, :k]) @ Vt[:, :k], 0, 2)
    return np.floor(np.clip(out, 0, 255) + 0.5).astype(np.uint8).reshape(pixels.shape)


def numpy_factors(pixels: np.ndarray):
    stack = np.moveaxis(pixels.reshape(*pixels.shape[:2], -1), 2, 0).astype(np.float64)
    return np.linalg.svd(stack, full_matrices=False)


def test_photo_rgb_matches_a_float64_reference(svd_rgb, photo_rgb, photo_factors):
    original = to_uint8(photo_rgb)
    factors = photo_factors
    assert svd_rgb.shape == (600, 512, 3) and svd_rgb.channels == 3 and svd_rgb.max_rank == 512
    assert np.array_equal(svd_rgb.original, original)
    for k in (1, 5, 20, 33, 64, 200):
        got = svd_rgb.reconstruct(k)
        want = numpy_rank_k(original, k, factors)
        assert got.dtype == np.uint8 and got.shape == (600, 512, 3)
        diff = np.abs(got.astype(int) - want)
        # float32 factors: a pixel may round the other way when it sits at a half
        assert diff.max() <= 1
        assert np.mean(diff) < 1e-3


def test_full_rank_gives_back_the_original(svd_rgb):
    assert np.array_equal(svd_rgb.reconstruct(svd_rgb.max_rank), svd_rgb.original)
    assert svd_rgb.readout(svd_rgb.max_rank)["psnr"] == float("inf")
    assert svd_rgb.readout(svd_rgb.max_rank)["energy"] == 1.0


def test_singular_values_and_energy_match_numpy(svd_rgb, photo_factors):
    s = photo_factors[1]
    assert svd_rgb.singular_values.shape == (3, 512)
    assert np.allclose(svd_rgb.singular_values, s, rtol=1e-10, atol=1e-8)
    kept = np.cumsum((s**2).sum(axis=0)) / (s**2).sum()
    assert np.allclose(svd_rgb.cumulative_energy, kept, rtol=1e-12)


def test_readout_is_the_contract(svd_rgb):
    m, n = 600, 512
    previous_energy = 0.0
    for k in (1, 5, 20, 50, 200, 511):
        r = svd_rgb.readout(k)
        assert set(r) == READOUT_KEYS
        assert type(r["k"]) is int and r["k"] == k
        assert type(r["storage"]) is int and r["storage"] == 3 * k * (m + n + 1)
        assert type(r["ratio"]) is float and r["ratio"] == 3 * m * n / r["storage"]
        assert type(r["energy"]) is float and 0.0 <= r["energy"] <= 1.0
        assert r["energy"] == svd_rgb.cumulative_energy[k - 1] >= previous_energy
        previous_energy = r["energy"]
        assert type(r["psnr"]) is float
        assert r["psnr"] == psnr(svd_rgb.original, svd_rgb.reconstruct(k))


def test_readout_is_the_same_whatever_was_computed_before(svd_rgb):
    first = svd_rgb.readout(37)
    svd_rgb.reconstruct(3)
    svd_rgb.readout(400)
    assert svd_rgb.readout(37) == first


def test_psnr_grows_with_rank_on_the_photo(svd_rgb):
    values = [svd_rgb.readout(k)["psnr"] for k in (1, 5, 20, 50, 100, 200)]
    assert values == sorted(values)
    assert 10 < values[0] < values[-1] < 60


def test_grayscale_float_and_uint8_input_agree(photo_gray):
    crop = photo_gray[100:300, 150:330]
    from_float = ImageSVD(crop)
    from_uint8 = ImageSVD(to_uint8(crop))
    assert from_float.shape == (200, 180) and from_float.channels == 1
    assert np.array_equal(from_float.original, from_uint8.original)
    for k in (3, 40):
        a, b = from_float.reconstruct(k), from_uint8.reconstruct(k)
        assert a.shape == (200, 180) and np.array_equal(a, b)
        assert from_float.readout(k) == from_uint8.readout(k)


def test_rgba_drops_alpha_with_a_note_and_no_warning(rng):
    rgb = rng.integers(0, 256, size=(20, 30, 3), dtype=np.uint8)
    alpha = rng.integers(0, 256, size=(20, 30, 1), dtype=np.uint8)
    rgba = np.concatenate([rgb, alpha], axis=2)
    with_alpha, plain = ImageSVD(rgba), ImageSVD(rgb)  # filterwarnings=error: no warning
    assert with_alpha.alpha_dropped and not plain.alpha_dropped
    assert "alpha" in with_alpha.note and plain.note is None
    assert with_alpha.shape == (20, 30, 3)
    assert np.array_equal(with_alpha.reconstruct(7), plain.reconstruct(7))
    assert with_alpha.readout(7) == plain.readout(7)


def test_integer_lists_are_accepted():
    svd = ImageSVD([[0, 128, 255], [255, 128, 0]])
    assert svd.original.dtype == np.uint8
    assert np.array_equal(svd.reconstruct(2), svd.original)


def test_reconstruct_returns_a_fresh_array(svd_rgb):
    a = svd_rgb.reconstruct(10)
    a[:] = 0
    assert svd_rgb.reconstruct(10).max() > 0
    assert svd_rgb.readout(10)["psnr"] < 40
    with pytest.raises(ValueError, match="read-only"):
        svd_rgb.original[0, 0, 0] = 1


def test_moves_never_decompose_again(photo_gray, monkeypatch):
    svd = ImageSVD(photo_gray[:64, :48])

    def no_svd(*args, **kwargs):
        raise AssertionError("a rebuild must not compute an SVD")

    monkeypatch.setattr(np.linalg, "svd", no_svd)
    for k in (1, 2, 31, 32, 33, 47, 48):
        assert svd.reconstruct(k).shape == (64, 48)
        assert set(svd.readout(k)) == READOUT_KEYS


@pytest.mark.parametrize("budget", [0, 1, 3 * 64 * 48 * 4 * 2, images.CHECKPOINT_BYTES])
def test_stored_partial_sums_do_not_change_the_pixels(photo_rgb, monkeypatch, budget):
    img = to_uint8(photo_rgb)[100:230, 200:300]  # 130 × 100, max rank 100
    monkeypatch.setattr(images, "CHECKPOINT_BYTES", budget)
    svd = ImageSVD(img)
    frame = 4 * img.size
    assert len(svd._checkpoint_ranks) <= budget // frame
    assert all(0 < j < 100 for j in svd._checkpoint_ranks)
    factors = numpy_factors(img)
    for k in (1, 2, 31, 32, 33, 50, 64, 65, 99, 100):
        diff = np.abs(svd.reconstruct(k).astype(int) - numpy_rank_k(img, k, factors))
        assert diff.max() <= 1 and np.mean(diff) < 1e-3


def test_checkpoints_are_spread_when_memory_is_short(photo_gray, monkeypatch):
    img = to_uint8(photo_gray)[:200, :160]  # max rank 160; one frame is 128 kB
    monkeypatch.setattr(images, "CHECKPOINT_BYTES", 2 * 4 * 200 * 160)
    assert ImageSVD(img)._checkpoint_ranks == [54, 108]
    monkeypatch.setattr(images, "CHECKPOINT_BYTES", 64 * 2**20)
    assert ImageSVD(img)._checkpoint_ranks == [32, 64, 96, 128]


def test_large_images_use_float32_and_stay_within_memory(monkeypatch, rng):
    seen = []
    real_svd = np.linalg.svd

    def spy(a, *args, **kwargs):
        seen.append(a.dtype)
        return real_svd(a, *args, **kwargs)

    monkeypatch.setattr(np.linalg, "svd", spy)
    monkeypatch.setattr(images, "FLOAT64_PIXEL_LIMIT", 1000)
    img = rng.integers(0, 256, size=(300, 200, 3), dtype=np.uint8)
    tracemalloc.start()
    try:
        svd = ImageSVD(img)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seen == [np.float32]
    # float32 input stack, U, Vᵀ and the stored factors: a small multiple of the
    # image, plus the stored partial sums (bounded separately).
    checkpoint_bytes = sum(c.nbytes for c in svd._checkpoints)
    assert checkpoint_bytes <= images.CHECKPOINT_BYTES
    assert peak - checkpoint_bytes < 16 * img.size
    small = ImageSVD(img[:20, :30])  # 600 pixels per channel: under the limit
    assert seen[-1] == np.float64 and small.max_rank == 20
    ImageSVD(img[:20, :30], dtype=np.float32)
    assert seen[-1] == np.float32


def test_black_and_tiny_images():
    black = ImageSVD(np.zeros((4, 5), dtype=np.uint8))
    assert black.readout(1) == {"k": 1, "storage": 10, "ratio": 2.0, "energy": 1.0, "psnr": np.inf}
    one = ImageSVD(np.array([[0.2]]))
    assert one.max_rank == 1 and one.reconstruct(1).tolist() == [[51]]
    row = ImageSVD(np.linspace(0, 1, 7)[None, :])
    assert row.max_rank == 1 and np.array_equal(row.reconstruct(1), row.original)


@settings(max_examples=50, deadline=None)
@given(
    img=arrays(
        np.uint8,
        st.tuples(st.integers(1, 12), st.integers(1, 12), st.sampled_from([0, 3])).map(
            lambda t: t[:2] if t[2] == 0 else t
        ),
    ),
    data=st.data(),
)
def test_properties_on_random_small_images(img, data):
    svd = ImageSVD(img)
    assert np.array_equal(svd.reconstruct(svd.max_rank), img)
    k = data.draw(st.integers(1, svd.max_rank))
    r = svd.readout(k)
    pixels = svd.reconstruct(k)
    assert pixels.shape == img.shape and pixels.dtype == np.uint8
    assert r["psnr"] == psnr(img, pixels)
    assert 0.0 <= r["energy"] <= 1.0
    assert np.abs(pixels.astype(int) - numpy_rank_k(img, k)).max() <= 1


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (np.array([[0.1, np.nan]]), ValueError, "NaN or infinity"),
        (np.array([[0.1, np.inf]]), ValueError, "NaN or infinity"),
        (np.zeros((4, 4, 2)), ValueError, r"shape \(H, W\).*got shape \(4, 4, 2\)"),
        (np.zeros(5), ValueError, r"got shape \(5,\)"),
        (np.zeros((2, 2, 3, 1)), ValueError, "got shape"),
        (np.zeros((0, 3)), ValueError, "must not be empty"),
        (np.array([[0.5, 1.5]]), ValueError, r"float pixels must lie in \[0, 1\]"),
        (np.array([[-1, 3]]), ValueError, "must lie in 0 … 255"),
        (np.array([[0, 256]]), ValueError, "must lie in 0 … 255"),
        (np.ones((2, 2), dtype=bool), TypeError, "uint8 values or floats"),
        (np.ones((2, 2), dtype=complex), TypeError, "uint8 values or floats"),
        ("grace_hopper", TypeError, "array of pixels"),
        (None, TypeError, "array of pixels"),
        ([[1, 2], [3]], TypeError, "array of pixels"),
    ],
)
def test_bad_images_are_rejected_with_a_clear_message(bad, error, message):
    with pytest.raises(error, match=message):
        ImageSVD(bad)


def test_bad_ranks_are_rejected_not_clamped(svd_rgb):
    for bad in (0, -3, 513):
        with pytest.raises(ValueError, match="k must be at least 1 and at most 512"):
            svd_rgb.reconstruct(bad)
        with pytest.raises(ValueError, match="k must be at least 1 and at most 512"):
            svd_rgb.readout(bad)
    for bad in (2.5, "20", True, None):
        with pytest.raises(TypeError, match="k must be an integer"):
            svd_rgb.reconstruct(bad)
    assert svd_rgb.readout(np.int64(20)) == svd_rgb.readout(20)


def test_bad_dtype():
    with pytest.raises(TypeError, match="dtype must be None, numpy.float64 or numpy.float32"):
        ImageSVD(np.zeros((2, 2)), dtype=np.int32)


def test_psnr_helper():
    a = np.array([[10, 20], [30, 40]], dtype=np.uint8)
    b = np.array([[11, 20], [30, 38]], dtype=np.uint8)
    assert psnr(a, b) == pytest.approx(10 * np.log10(255**2 / 1.25))
    # uint8 arithmetic would wrap around; psnr must not
    assert psnr(np.array([0], np.uint8), np.array([255], np.uint8)) == 0.0
    assert psnr(a / 255, b / 255, peak=1.0) == pytest.approx(psnr(a, b))
    assert psnr(a, a) == np.inf
    with pytest.raises(ValueError, match="same shape"):
        psnr(a, a[:1])
    with pytest.raises(ValueError, match="peak must be > 0"):
        psnr(a, b, peak=0)
    with pytest.raises(ValueError, match="approximation contains NaN"):
        psnr([1.0], [np.nan])
    with pytest.raises(TypeError, match="reference must be an array"):
        psnr("x", a)
    with pytest.raises(ValueError, match="reference must not be empty"):
        psnr([], [])


def test_repr(svd_rgb):
    assert repr(svd_rgb) == "ImageSVD(RGB 600×512, max_rank=512)"


@settings(max_examples=50, deadline=None)
@given(
    a=arrays(np.uint8, st.integers(1, 2000)),
    seed=st.integers(0, 2**32 - 1),
)
def test_fast_uint8_squared_error_is_exact(a, seed):
    b = np.random.default_rng(seed).integers(0, 256, size=a.shape, dtype=np.uint8)
    exact = int(np.sum((a.astype(np.int64) - b) ** 2))
    assert images._sum_squared_error_uint8(a, b) == exact
    worst = np.zeros(4096, np.uint8), np.full(4096, 255, np.uint8)
    assert images._sum_squared_error_uint8(*worst) == 4096 * 255**2


def test_approximation_is_the_unrounded_rank_k_matrix(photo_gray):
    svd = ImageSVD(photo_gray[:80, :70])
    U, s, Vt = np.linalg.svd(svd.original.astype(float), full_matrices=False)
    for k in (1, 20, 33, 70):
        approx = svd.approximation(k)
        assert approx.dtype == np.float32 and approx.shape == (80, 70)
        assert np.allclose(approx, (U[:, :k] * s[:k]) @ Vt[:k], atol=1e-2)
        rounded = np.floor(np.clip(approx, 0, 255) + 0.5).astype(np.uint8)
        assert np.abs(rounded.astype(int) - svd.reconstruct(k)).max() <= 1
    rgb = ImageSVD(np.random.default_rng(3).integers(0, 256, (9, 8, 3), dtype=np.uint8))
    assert rgb.approximation(8).shape == (9, 8, 3)
    assert np.allclose(rgb.approximation(8), rgb.original, atol=1e-3)
    with pytest.raises(ValueError, match="k must be at least 1 and at most 8"):
        rgb.approximation(9)
