"""SRFT sampling, Nyström for PSD matrices and the single-pass SVD (notebook 08, §5c)."""

import numpy as np
import pytest
import scipy.fft

from helpers.decompositions.randomized import (
    _range_finder,
    nystrom_eigh,
    randomized_svd,
    single_pass_svd,
    srft_sample,
)
from helpers.matrices import random_orthogonal, with_singular_values


def _fast(m=120, n=90):
    return with_singular_values(0.7 ** np.arange(n), m, n, seed=3)


def test_srft_equals_the_explicit_matrix():
    A = np.random.default_rng(0).standard_normal((7, 16))
    Y = srft_sample(A, 5, seed=4)
    rng = np.random.default_rng(4)  # the same draws, in the same order
    signs, cols = rng.choice([-1.0, 1.0], size=16), rng.choice(16, size=5, replace=False)
    F = scipy.fft.dct(np.eye(16), type=2, norm="ortho", axis=0)  # F x = dct(x)
    Omega = np.sqrt(16 / 5) * (signs[:, None] * F.T)[:, cols]
    assert np.allclose(Y, A @ Omega)


def test_srft_range_finder_is_as_good_as_gaussian_on_average():
    A, k = _fast(), 8
    s = np.linalg.svd(A, compute_uv=False)
    errs = []
    for t in range(10):
        Q = np.linalg.qr(srft_sample(A, k + 10, seed=t))[0]
        errs.append(np.linalg.norm(A - Q @ (Q.T @ A), 2))
    assert np.mean(errs) < 3 * s[k]


def test_srft_guards():
    with pytest.raises(ValueError, match="size"):
        srft_sample(np.ones((3, 4)), 5)
    with pytest.raises(TypeError, match="size"):
        srft_sample(np.ones((3, 4)), 2.5)


def test_nystrom_recovers_eigenpairs_and_beats_the_direct_projection():
    n = 150
    lam = 0.8 ** np.arange(n)
    V = random_orthogonal(n, seed=5)
    P = (V * lam) @ V.T
    vals, vecs = nystrom_eigh(P, 8, oversample=10, seed=0)
    assert np.allclose(vals, lam[:8], rtol=1e-2)
    assert np.allclose(vecs.T @ vecs, np.eye(8), atol=1e-10)
    assert np.allclose(np.abs(np.sum(vecs * V[:, :8], axis=0)), 1, atol=1e-3)
    Q = _range_finder(P, 18, 0, np.random.default_rng(0))
    nys = np.linalg.norm(P - (P @ Q) @ np.linalg.pinv(Q.T @ P @ Q) @ (P @ Q).T, 2)
    direct = np.linalg.norm(P - Q @ (Q.T @ P @ Q) @ Q.T, 2)
    assert nys < direct


def test_nystrom_on_a_singular_psd_matrix():
    G = np.random.default_rng(1).standard_normal((40, 3))
    vals, _ = nystrom_eigh(G @ G.T, 5, oversample=5)  # rank 3: at most 3 pairs come back
    assert vals.size == 3
    assert np.allclose(vals, np.linalg.eigvalsh(G @ G.T)[::-1][:3])


def test_nystrom_guards():
    with pytest.raises(ValueError, match="square"):
        nystrom_eigh(np.ones((3, 4)), 1)
    with pytest.raises(ValueError, match="symmetric"):
        nystrom_eigh(np.triu(np.ones((4, 4))), 1)


def test_single_pass_does_not_depend_on_the_block_size_and_is_exact_at_low_rank():
    A = with_singular_values([5.0, 2.0, 1.0], 60, 40, seed=6)
    U, s, Vt = single_pass_svd(A, 3, block_rows=16)
    U1, s1, Vt1 = single_pass_svd(A, 3, block_rows=60)  # the whole matrix in one block
    assert np.allclose(s, s1) and np.allclose((U * s) @ Vt, (U1 * s1) @ Vt1)
    assert np.allclose(s, [5.0, 2.0, 1.0]) and np.allclose((U * s) @ Vt, A)


def test_single_pass_is_close_to_two_pass_on_a_fast_spectrum():
    A, k = _fast(), 8
    s = np.linalg.svd(A, compute_uv=False)
    U, sv, Vt = single_pass_svd(A, k, seed=0)
    assert np.linalg.norm(A - (U * sv) @ Vt, 2) < 1.1 * s[k]
    s2 = randomized_svd(A, k, n_iter=0, seed=0)[1]
    assert np.allclose(sv[:4], s2[:4], rtol=1e-2)


def test_single_pass_guards():
    with pytest.raises(ValueError, match="k"):
        single_pass_svd(np.ones((3, 4)), 4)
    with pytest.raises(ValueError, match="block_rows"):
        single_pass_svd(np.ones((3, 4)), 1, block_rows=0)
