"""helpers: the small, tested package every notebook of the course imports.

One module per idea:

- :mod:`helpers.validation`: the guard every public function calls first
- :mod:`helpers.exercises`: self-checking exercises (:func:`helpers.exercises.check`)
- :mod:`helpers.plotting`: the course's colour-blind-safe matplotlib style
- :mod:`helpers.matrices`: test matrices (Hilbert, prescribed spectra)
- :mod:`helpers.images`: loading the course photo; image compression by SVD
- :mod:`helpers.low_rank`: truncated SVD, Eckart–Young errors, energy, storage
- :mod:`helpers.pca`: principal component analysis two ways
- :mod:`helpers.lora`: LoRA parameter accounting and a LoRA layer in numpy
- :mod:`helpers.decompositions`: the decompositions as the notebooks teach them
- :mod:`helpers.widgets`: interactive widgets, each backed by a testable model
- :mod:`helpers.course`: the map of notebooks
- :mod:`helpers.environment`: the environment check of notebook 00
"""

from . import (
    course,
    decompositions,
    environment,
    exercises,
    images,
    lora,
    low_rank,
    matrices,
    pca,
    plotting,
    validation,
)
from .exercises import check
from .plotting import use_course_style

__version__ = "0.1.0"

__all__ = [
    "check",
    "course",
    "decompositions",
    "environment",
    "exercises",
    "images",
    "lora",
    "low_rank",
    "matrices",
    "pca",
    "plotting",
    "use_course_style",
    "validation",
]
