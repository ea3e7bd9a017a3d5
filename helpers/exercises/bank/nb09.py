"""Exercises of notebook 09 · PCA."""

import numpy as np

from ..registry import Exercise


def _data():
    rng = np.random.default_rng(2024)
    latent = rng.standard_normal((100, 2)) * [3.0, 1.5]
    return latent @ rng.standard_normal((2, 5)) + 0.3 * rng.standard_normal((100, 5)) + 10.0


def _scores():
    from ...pca import pca_svd

    X = _data()
    return pca_svd(X, 2).project(X)


def _first_ratio():
    from ...pca import pca_svd

    return pca_svd(_data()).explained_variance_ratio[0]


def _components_for_95():
    from ...images import load_image
    from ...pca import pca_svd

    img = load_image("grace_hopper")
    b = 8
    H, W = img.shape
    patches = img.reshape(H // b, b, W // b, b).swapaxes(1, 2).reshape(-1, b * b)
    cum = np.cumsum(pca_svd(patches).explained_variance_ratio)
    return int(np.searchsorted(cum, 0.95) + 1)


EXERCISES = (
    Exercise(
        "09.1",
        expected=_scores,
        up_to="column_signs",
        hints=(
            "Centre the data first, then project onto the first two right singular vectors.",
            "Xc = X5 − X5.mean(axis=0); then Xc @ Vt[:2].T from np.linalg.svd(Xc).",
        ),
    ),
    Exercise(
        "09.2",
        expected=_first_ratio,
        hints=(
            "The explained-variance ratio of PC1 is λ₁/Σλᵢ.",
            "σ₁²/Σσᵢ² of the centred data.",
        ),
    ),
    Exercise(
        "09.3",
        expected=20.0,
        hints=(
            "The covariance's eigenvalues and the data's singular values are tied by n − 1.",
            "λ = σ²/(n − 1).",
        ),
    ),
    Exercise(
        "09.4",
        expected=_components_for_95,
        hints=(
            "Accumulate the explained-variance ratios and find where they reach 0.95.",
            "np.cumsum, then the first index ≥ 0.95, plus 1.",
        ),
    ),
)


def _score_covariance():
    from ...pca import pca_svd

    return np.diag(pca_svd(_data(), 2).explained_variance)


EXERCISES = (
    *EXERCISES,
    Exercise(
        "09.5",
        expected=_score_covariance,
        rtol=1e-8,
        atol=1e-10,
        hints=(
            "The scores are Z = X_c V_k; their sample covariance is ZᵀZ/(n − 1).",
            "With X_c = USVᵀ, Z = U_k S_k, so ZᵀZ/(n − 1) is diagonal: the λⱼ of the first two.",
        ),
        kind="proof",
    ),
    Exercise(
        "09.6",
        expected=5.0,
        hints=(
            "Σλᵢ is the trace of the matrix PCA diagonalizes: here, the correlation matrix.",
            "A correlation matrix has ones on its diagonal; X5 has five features.",
        ),
        kind="predict",
    ),
)
