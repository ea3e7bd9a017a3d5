"""The course's widgets: each a plain model the tests call plus a thin ipywidgets view.

Every widget function returns an ipywidgets object. The computation behind it
lives in a class or function that works without a browser. One module per
widget; everything public is re-exported here.

Several widget functions share their module's name (``rank_slider`` is both
``helpers/widgets/rank_slider.py`` and the function in it). After the star
imports below, ``helpers.widgets.rank_slider`` is the *function*; the loop at
the end hangs the module's other public names on it, so
``helpers.widgets.matrix_explorer.analyse`` still reaches the model. Importing
from the module path (``from helpers.widgets.rank_slider import readout_html``)
always works.
"""

import sys

from .common import *  # noqa: F403
from .lora_calculator import *  # noqa: F403
from .matrix_explorer import *  # noqa: F403
from .pixel_view import *  # noqa: F403
from .qr_stepper import *  # noqa: F403
from .rank_slider import *  # noqa: F403
from .svd_geometry import *  # noqa: F403

_MODULES = (
    "common",
    "matrix_explorer",
    "pixel_view",
    "svd_geometry",
    "rank_slider",
    "qr_stepper",
    "lora_calculator",
)

__all__ = [name for module in _MODULES for name in sys.modules[f"{__name__}.{module}"].__all__]

for _module_name in _MODULES:
    _module = sys.modules[f"{__name__}.{_module_name}"]
    _function = getattr(_module, _module_name, None)
    if callable(_function):  # the star import bound the module's name to this function
        for _name in _module.__all__:
            if _name != _module_name:
                setattr(_function, _name, getattr(_module, _name))
