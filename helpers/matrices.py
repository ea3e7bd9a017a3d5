"""Test matrices the notebooks share: Hilbert matrices, prescribed spectra.

Every random matrix here comes from a generator seeded by the caller, so a
notebook gives the same numbers on every run.
"""

from __future__ import annotations

import numpy as np

from .validation import as_generator, as_rank, as_vector

__all__ = [
    "hilbert",
    "random_orthogonal",
    "random_symmetric",
    "with_singular_values",
]


def hilbert(n: int) -> np.ndarray:
    """Return the ``n × n`` Hilbert matrix, ``H[i, j] = 1 / (i + j + 1)``.

    Parameters
    ----------
    n : int
        Size, at least 1.

    Returns
    -------
    numpy.ndarray
        The Hilbert matrix in float64 (entries rounded to the nearest double).

    Examples
    --------
    >>> hilbert(2)
    array([[1.        , 0.5       ],
           [0.5       , 0.33333333]])
    """
    n = as_rank(n, "n")
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


def random_orthogonal(n: int, seed: int | np.random.Generator = 0) -> np.ndarray:
    """Return an ``n × n`` orthogonal matrix drawn from the Haar distribution.

    Parameters
    ----------
    n : int
        Size, at least 1.
    seed : int or numpy.random.Generator, optional
        Seed or generator for reproducibility.

    Returns
    -------
    numpy.ndarray
        ``Q`` with ``QᵀQ = I``.

    Notes
    -----
    QR of a Gaussian matrix, with the signs of ``R``'s diagonal moved into
    ``Q`` so the result is Haar-distributed (Mezzadri 2007).
    """
    n = as_rank(n, "n")
    rng = as_generator(seed, "seed")
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    return Q * np.sign(np.diag(R))


def random_symmetric(n: int, seed: int | np.random.Generator = 0) -> np.ndarray:
    """Return a random symmetric ``n × n`` matrix ``(G + Gᵀ)/2`` with Gaussian ``G``.

    Parameters
    ----------
    n : int
        Size, at least 1.
    seed : int or numpy.random.Generator, optional
        Seed or generator for reproducibility.

    Returns
    -------
    numpy.ndarray
        An exactly symmetric matrix.
    """
    n = as_rank(n, "n")
    rng = as_generator(seed, "seed")
    G = rng.standard_normal((n, n))
    return (G + G.T) / 2.0


def with_singular_values(s, m: int, n: int, seed: int | np.random.Generator = 0) -> np.ndarray:
    """Return a random ``m × n`` matrix whose singular values are ``s``.

    Parameters
    ----------
    s : array_like
        The singular values, nonnegative, at most ``min(m, n)`` of them; any
        missing ones are zero.
    m, n : int
        Shape of the result.
    seed : int or numpy.random.Generator, optional
        Seed or generator for the random singular vectors.

    Returns
    -------
    numpy.ndarray
        ``U diag(s) Vᵀ`` with Haar-random ``U`` and ``V``.

    Raises
    ------
    ValueError
        If ``s`` is negative somewhere or longer than ``min(m, n)``.
    """
    m, n = as_rank(m, "m"), as_rank(n, "n")
    s = as_vector(s, "s")
    rng = as_generator(seed, "seed")
    if np.any(s < 0):
        raise ValueError("s must be nonnegative: singular values are never negative")
    r = s.shape[0]
    if r > min(m, n):
        raise ValueError(f"s has {r} values but an {m}×{n} matrix has at most {min(m, n)}")
    U = random_orthogonal(m, rng)[:, :r]
    V = random_orthogonal(n, rng)[:, :r]
    return (U * s) @ V.T
