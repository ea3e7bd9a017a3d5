"""Truncated SVD, its error formulas (Eckart–Young–Mirsky), energy and storage."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.low_rank import (
    break_even_rank,
    compression_ratio,
    cumulative_energy,
    energy_retained,
    low_rank_approximation,
    rank_for_energy,
    storage,
    truncated_svd,
    truncation_error,
)
from helpers.matrices import with_singular_values

shapes = st.tuples(st.integers(1, 9), st.integers(1, 9))


def test_truncated_svd_matches_numpy(rng):
    A = rng.standard_normal((7, 5))
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    U3, s3, Vt3 = truncated_svd(A, 3)
    assert U3.shape == (7, 3) and s3.shape == (3,) and Vt3.shape == (3, 5)
    assert np.allclose(s3, s[:3])
    assert np.allclose(U3.T @ U3, np.eye(3)) and np.allclose(Vt3 @ Vt3.T, np.eye(3))
    assert np.allclose((U3 * s3) @ Vt3, (U[:, :3] * s[:3]) @ Vt[:3])


def test_low_rank_approximation_has_rank_k_and_the_known_errors(rng):
    s = np.array([9.0, 5.0, 4.0, 2.0, 0.5])
    A = with_singular_values(s, 8, 6, seed=rng)
    for k in range(1, 6):
        A_k = low_rank_approximation(A, k)
        assert np.linalg.matrix_rank(A_k) == k
        assert np.isclose(np.linalg.norm(A - A_k, "fro"), np.sqrt(np.sum(s[k:] ** 2)))
        assert np.isclose(np.linalg.norm(A - A_k, 2), s[k] if k < 5 else 0.0, atol=1e-12)
        assert np.isclose(np.linalg.norm(A - A_k, "fro"), truncation_error(s, k))
        assert np.isclose(np.linalg.norm(A - A_k, 2), truncation_error(s, k, norm=2), atol=1e-12)


def test_full_rank_approximation_is_the_matrix(rng):
    A = rng.standard_normal((4, 6))
    assert np.allclose(low_rank_approximation(A, 4), A)


@settings(max_examples=50, deadline=None)
@given(shape=shapes, seed=st.integers(0, 2**32 - 1), data=st.data())
def test_no_random_rank_k_matrix_beats_the_truncated_svd(shape, seed, data):
    m, n = shape
    k = data.draw(st.integers(1, min(m, n)))
    gen = np.random.default_rng(seed)
    A = gen.standard_normal((m, n))
    A_k = low_rank_approximation(A, k)
    B = gen.standard_normal((m, k)) @ gen.standard_normal((k, n))
    for norm in ("fro", 2):
        assert np.linalg.norm(A - A_k, norm) <= np.linalg.norm(A - B, norm) + 1e-10


@settings(max_examples=50, deadline=None)
@given(s=st.lists(st.floats(0, 100), min_size=1, max_size=12), data=st.data())
def test_energy_properties(s, data):
    s = np.sort(np.array(s))[::-1]
    energy = cumulative_energy(s)
    assert energy.shape == s.shape
    assert energy[-1] == 1.0
    assert np.all(np.diff(energy) >= 0) and np.all((energy >= 0) & (energy <= 1))
    k = data.draw(st.integers(1, s.size))
    if np.sum(s**2) > 0:
        # energy kept + relative squared error = 1
        rel = truncation_error(s, k) ** 2 / np.sum(s**2)
        assert np.isclose(energy_retained(s, k) + rel, 1.0)
    fraction = data.draw(st.floats(1e-6, 1.0))
    r = rank_for_energy(s, fraction)
    assert energy[r - 1] >= fraction
    assert r == 1 or energy[r - 2] < fraction


def test_rank_for_energy_examples():
    s = [3.0, 2.0, 1.0]  # energies 9/14, 13/14, 1
    assert rank_for_energy(s, 0.5) == 1
    assert rank_for_energy(s, 9 / 14) == 1
    assert rank_for_energy(s, 0.9) == 2
    assert rank_for_energy(s, 0.95) == 3
    assert rank_for_energy(s, 1) == 3
    assert np.all(cumulative_energy([0.0, 0.0]) == 1.0)


def test_storage_ratio_and_break_even():
    assert storage(600, 512, 20) == 20 * 1113
    assert storage(600, 512, 20, channels=3) == 3 * 20 * 1113
    assert compression_ratio(1000, 1000, 50) == pytest.approx(1e6 / 100_050)
    for m, n in [(600, 512), (50, 50), (1, 1), (2, 3), (1080, 1920), (7, 7)]:
        k = break_even_rank(m, n)
        assert k == 0 or storage(m, n, k) < m * n
        assert storage(m, n, k + 1) >= m * n
    assert break_even_rank(600, 512) == 276
    assert break_even_rank(50, 50) == 24


def test_truncation_error_at_the_ends():
    s = [4.0, 3.0]
    assert truncation_error(s, 0) == 5.0
    assert truncation_error(s, 0, norm=2) == 4.0
    assert truncation_error(s, 2) == 0.0 and truncation_error(s, 2, norm=2) == 0.0


def test_bad_inputs_have_clear_messages():
    with pytest.raises(ValueError, match="k must be at least 1 and at most 2"):
        truncated_svd(np.ones((2, 3)), 3)
    with pytest.raises(TypeError, match="k must be an integer"):
        low_rank_approximation(np.ones((2, 3)), 1.5)
    with pytest.raises(ValueError, match="A contains NaN"):
        truncated_svd([[1.0, np.nan]], 1)
    with pytest.raises(ValueError, match="A must be a 2-D matrix"):
        low_rank_approximation([1.0, 2.0], 1)
    with pytest.raises(ValueError, match="decreasing order"):
        cumulative_energy([1.0, 2.0])
    with pytest.raises(ValueError, match="nonnegative"):
        energy_retained([1.0, -1.0], 1)
    with pytest.raises(ValueError, match="at least one singular value"):
        cumulative_energy([])
    with pytest.raises(ValueError, match="norm must be 'fro' or 2"):
        truncation_error([1.0], 0, norm="nuc")
    with pytest.raises(ValueError, match="k must be at least 0 and at most 1"):
        truncation_error([1.0], 2)
    with pytest.raises(ValueError, match=r"fraction must be in \(0, 1\]"):
        rank_for_energy([1.0], 90)
    with pytest.raises(ValueError, match=r"fraction must be in \(0, 1\]"):
        rank_for_energy([1.0], 0.0)
    with pytest.raises(TypeError, match="fraction must be a number"):
        rank_for_energy([1.0], "90%")
    with pytest.raises(ValueError, match="m must be at least 1"):
        storage(0, 5, 1)
    with pytest.raises(ValueError, match="channels must be at least 1"):
        storage(5, 5, 1, channels=0)
    with pytest.raises(TypeError, match="n must be an integer"):
        compression_ratio(5, 5.5, 1)
    with pytest.raises(TypeError, match="m must be an integer"):
        break_even_rank(True, 4)


# --------------------------------------------------------------------------- issue 20


@pytest.mark.parametrize("scale", [1e200, 1e-170, 1e300])
def test_energies_and_errors_at_any_scale(scale):
    # Unscaled, σ² overflowed (inf/inf = NaN) or underflowed (0/0).
    s = np.array([3.0, 2.0, 1.0])
    assert np.allclose(cumulative_energy(scale * s), cumulative_energy(s))
    assert energy_retained(scale * s, 1) == pytest.approx(9 / 14)
    assert rank_for_energy(scale * s, 0.9) == 2
    assert truncation_error(scale * s, 1) == pytest.approx(np.sqrt(5.0) * scale)


@pytest.mark.parametrize("bad", [np.array(["fro"]), "spectral", 2.0, True, None])
def test_truncation_error_norm_of_the_wrong_kind(bad):
    with pytest.raises(ValueError, match="norm must be 'fro' or 2"):
        truncation_error([3.0, 1.0], 1, norm=bad)


def test_rank_for_energy_accepts_any_real_fraction():
    assert rank_for_energy([3.0, 2.0, 1.0], np.float32(0.5)) == 1
    with pytest.raises(TypeError, match="fraction must be a number"):
        rank_for_energy([3.0, 2.0, 1.0], "0.9")


def test_matrices_name_a_bad_seed():
    from helpers.matrices import random_orthogonal, random_symmetric, with_singular_values

    for make in (lambda seed: random_orthogonal(3, seed), lambda seed: random_symmetric(3, seed)):
        with pytest.raises(TypeError, match="seed must be"):
            make(1.5)
        with pytest.raises(ValueError, match="seed must be a nonnegative integer"):
            make(-1)
    with pytest.raises(TypeError, match="seed must be"):
        with_singular_values([1.0], 2, 2, seed="0")
