"""The course's widgets: each a plain model the tests call plus a thin ipywidgets view.

Every widget function returns an ipywidgets object. The computation behind it
lives in a class or function that works without a browser. One module per
widget; everything public is re-exported here.
"""

from . import common, lora_calculator, matrix_explorer, qr_stepper, rank_slider, svd_geometry
from .common import *  # noqa: F403
from .lora_calculator import *  # noqa: F403
from .matrix_explorer import *  # noqa: F403
from .qr_stepper import *  # noqa: F403
from .rank_slider import *  # noqa: F403
from .svd_geometry import *  # noqa: F403

__all__ = [
    *common.__all__,
    *matrix_explorer.__all__,
    *svd_geometry.__all__,
    *rank_slider.__all__,
    *qr_stepper.__all__,
    *lora_calculator.__all__,
]
