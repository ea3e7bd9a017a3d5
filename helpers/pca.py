"""Principal component analysis two ways: SVD of the centred data, eigh of the covariance.

Notebook 09. Rows of ``X`` are samples, columns are features. With the centred
data ``X_c = X − x̄`` (``n`` rows) and the sample covariance
``C = X_cᵀX_c / (n − 1)``:

- :func:`pca_svd` computes the thin SVD ``X_c = U Σ Vᵀ``; the principal
  directions are the columns of ``V`` and the variances are ``σᵢ² / (n − 1)``.
  This is the numerically preferred route: it never forms ``C``.
- :func:`pca_eig` computes ``C`` and its eigendecomposition with
  ``numpy.linalg.eigh`` (sorted into decreasing order). Forming ``C`` squares
  the singular values, so variances below about ``ε·λ₁`` are lost.

Both return a :class:`PCAResult` with the same sign convention (the
largest-magnitude entry of each principal direction is positive), so their
results can be compared entry by entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .validation import as_matrix, as_rank, scale_factor

__all__ = ["PCAResult", "pca_svd", "pca_eig"]


@dataclass(frozen=True)
class PCAResult:
    """The principal components of a data set, and how to use them.

    Attributes
    ----------
    mean : numpy.ndarray, shape (d,)
        The mean of the samples, subtracted before projecting.
    components : numpy.ndarray, shape (k, d)
        The principal directions as orthonormal rows, by decreasing variance.
    explained_variance : numpy.ndarray, shape (k,)
        The variance of the data along each direction: the eigenvalues
        ``λᵢ`` of the sample covariance ``C = X_cᵀX_c / (n − 1)``.
    total_variance : float
        ``trace(C)``, the sum of the variances of all ``d`` features.
    n_samples : int
        The number of samples ``n``.
    method : str
        ``"svd"`` or ``"eig"``: which route computed the result.
    """

    mean: np.ndarray
    components: np.ndarray
    explained_variance: np.ndarray
    total_variance: float
    n_samples: int
    method: str
    #: The ratios computed from the scaled data (None: from the two fields above).
    _ratio: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def n_components(self) -> int:
        """The number ``k`` of components kept."""
        return self.components.shape[0]

    @property
    def explained_variance_ratio(self) -> np.ndarray:
        """``λᵢ / trace(C)``: the fraction of the total variance along each direction.

        Computed from the data divided by its largest entry, so it is right
        even when ``λᵢ`` underflows (data near ``1e-170``).
        """
        if self._ratio is not None:
            return self._ratio.copy()
        if self.total_variance == 0.0:
            return np.zeros_like(self.explained_variance)
        return self.explained_variance / self.total_variance

    @property
    def singular_values(self) -> np.ndarray:
        """``σᵢ = sqrt((n − 1) λᵢ)``, the singular values of the centred data."""
        return np.sqrt((self.n_samples - 1) * np.clip(self.explained_variance, 0.0, None))

    def _check_features(self, X, name: str) -> np.ndarray:
        X = as_matrix(X, name)
        d = self.components.shape[1]
        if X.shape[1] != d:
            raise ValueError(f"{name} must have {d} columns (features), got {X.shape[1]}")
        return X

    def project(self, X) -> np.ndarray:
        """Return the scores ``Z = (X − x̄) Vₖ``, shape (n, k).

        Parameters
        ----------
        X : array_like, shape (n, d)
            Samples with the same features as the fitted data.

        Returns
        -------
        numpy.ndarray, shape (n, k)
            Coordinates of each sample along the principal directions.
        """
        X = self._check_features(X, "X")
        return (X - self.mean) @ self.components.T

    def back_project(self, Z) -> np.ndarray:
        """Map scores back to feature space: ``x̄ + Z Vₖᵀ``, shape (n, d).

        Parameters
        ----------
        Z : array_like, shape (n, k)
            Scores, as returned by :meth:`project`.

        Returns
        -------
        numpy.ndarray, shape (n, d)
        """
        Z = as_matrix(Z, "Z")
        if Z.shape[1] != self.n_components:
            raise ValueError(
                f"Z must have {self.n_components} columns (components), got {Z.shape[1]}"
            )
        return Z @ self.components + self.mean

    def reconstruct(self, X) -> np.ndarray:
        """Project ``X`` onto the ``k`` components and map it back: the rank-k reconstruction.

        Parameters
        ----------
        X : array_like, shape (n, d)

        Returns
        -------
        numpy.ndarray, shape (n, d)
            ``x̄ + (X − x̄) Vₖ Vₖᵀ``.
        """
        return self.back_project(self.project(X))


def _validate(X, n_components):
    """Return ``(X_c / c, mean, k, c)``: the centred data divided by ``c``, an exact power of two.

    Working with ``X/c`` keeps sums and squares in range: the mean of entries
    near ``1e308`` overflows, and variances of entries beyond ``1e154`` do.
    """
    X = as_matrix(X, "X")
    n, d = X.shape
    if n < 2:
        raise ValueError(f"X must have at least 2 rows (samples) to estimate a variance, got {n}")
    k = (
        min(n, d)
        if n_components is None
        else as_rank(n_components, "n_components", high=min(n, d))
    )
    c = scale_factor(X)
    Xs = np.asarray(X, dtype=np.float64) / c
    mean_s = Xs.mean(axis=0)
    Xcs = Xs - mean_s
    c2 = scale_factor(Xcs)  # centring can cancel most digits: rescale what is left
    return Xcs / c2, mean_s * c, k, c * c2


def _variances(scaled_variances: np.ndarray, scaled_total: float, c: float):
    """Scale variances of ``X_c/c`` back by ``c²``, refusing results beyond float64."""
    with np.errstate(over="ignore"):
        variances = scaled_variances * c * c
        total = float(scaled_total * c * c)
    if not (np.all(np.isfinite(variances)) and np.isfinite(total)):
        raise ValueError(
            f"X has variances beyond the float64 range (about 1.8e308; its largest centred "
            f"entry is about {c:.3g}): divide X by a constant first, which scales every "
            f"variance by the square of that constant and leaves the components unchanged"
        )
    ratio = scaled_variances / scaled_total if scaled_total > 0 else np.zeros_like(variances)
    return variances, total, ratio


def _fix_signs(components: np.ndarray) -> np.ndarray:
    """Flip each row so that its largest-magnitude entry is positive."""
    idx = np.argmax(np.abs(components), axis=1)
    signs = np.sign(components[np.arange(components.shape[0]), idx])
    signs[signs == 0] = 1.0
    return components * signs[:, None]


def pca_svd(X, n_components: int | None = None) -> PCAResult:
    """PCA from the thin SVD of the centred data (the numerically preferred route).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Data: one sample per row, at least two rows.
    n_components : int, optional
        How many components to keep, ``1 ≤ k ≤ min(n, d)``; all by default.

    Returns
    -------
    PCAResult
        ``components`` are the first ``k`` right singular vectors of
        ``X_c = X − x̄``; ``explained_variance`` is ``σᵢ² / (n − 1)``.

    Raises
    ------
    TypeError
        If ``X`` is not a real matrix or ``n_components`` is not an integer.
    ValueError
        If ``X`` is not 2-D, has fewer than 2 rows or non-finite entries, or
        ``n_components`` is out of range.

    Examples
    --------
    >>> X = [[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]]
    >>> res = pca_svd(X)
    >>> res.components
    array([[1., 0.],
           [0., 1.]])
    >>> res.explained_variance  # σ² / (n − 1) = 8/3 and 2/3
    array([2.66666667, 0.66666667])
    >>> res.explained_variance_ratio
    array([0.8, 0.2])
    """
    Xc, mean, k, c = _validate(X, n_components)
    n = Xc.shape[0]
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    variances, total, ratio = _variances(s[:k] ** 2 / (n - 1), float(np.sum(Xc**2) / (n - 1)), c)
    return PCAResult(
        mean=mean,
        components=_fix_signs(Vt[:k]),
        explained_variance=variances,
        total_variance=total,
        n_samples=n,
        method="svd",
        _ratio=ratio,
    )


def pca_eig(X, n_components: int | None = None) -> PCAResult:
    """PCA from the eigendecomposition of the sample covariance ``C = X_cᵀX_c / (n − 1)``.

    ``numpy.linalg.eigh`` returns eigenvalues in *increasing* order; they are
    reversed here so that the first component has the largest variance.

    Parameters
    ----------
    X : array_like, shape (n, d)
        Data: one sample per row, at least two rows.
    n_components : int, optional
        How many components to keep, ``1 ≤ k ≤ min(n, d)``; all by default.

    Returns
    -------
    PCAResult
        ``components`` are the eigenvectors of ``C`` for its ``k`` largest
        eigenvalues; ``explained_variance`` are those eigenvalues (computed
        ones may be slightly negative or inaccurate when they are tiny).

    Raises
    ------
    TypeError
        If ``X`` is not a real matrix or ``n_components`` is not an integer.
    ValueError
        If ``X`` is not 2-D, has fewer than 2 rows or non-finite entries, or
        ``n_components`` is out of range.

    Examples
    --------
    >>> X = [[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]]
    >>> pca_eig(X).explained_variance
    array([2.66666667, 0.66666667])
    """
    Xc, mean, k, c = _validate(X, n_components)
    n = Xc.shape[0]
    C = Xc.T @ Xc / (n - 1)  # the covariance of X/c: C of X is c² times this
    lam, Q = np.linalg.eigh(C)
    order = np.argsort(lam)[::-1][:k]
    variances, total, ratio = _variances(lam[order], float(np.trace(C)), c)
    return PCAResult(
        mean=mean,
        components=_fix_signs(Q[:, order].T),
        explained_variance=variances,
        total_variance=total,
        n_samples=n,
        method="eig",
        _ratio=ratio,
    )
