"""The course's widgets: each a plain model the tests call plus a thin ipywidgets view.

Every widget function returns an ipywidgets object. The computation behind it
lives in a class or function that works without a browser. One module per
widget; everything public is re-exported here.

Several widget functions share their module's name (``rank_slider`` is both
``helpers/widgets/rank_slider.py`` and the function in it). After the star
imports below, ``helpers.widgets.rank_slider`` is the *function*; import the
module's other names from the module path (``from helpers.widgets.rank_slider
import encode_bmp``), which always works.
"""

import sys

from .common import *  # noqa: F403
from .lora_calculator import *  # noqa: F403
from .matrix_explorer import *  # noqa: F403
from .qr_stepper import *  # noqa: F403
from .rank_slider import *  # noqa: F403
from .svd_geometry import *  # noqa: F403

_MODULES = (
    "common",
    "matrix_explorer",
    "svd_geometry",
    "rank_slider",
    "qr_stepper",
    "lora_calculator",
)

__all__ = [name for module in _MODULES for name in sys.modules[f"{__name__}.{module}"].__all__]
