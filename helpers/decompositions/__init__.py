"""Matrix decompositions written to be read: each one the way the notebooks teach it.

One submodule per family; everything public is re-exported here, so a notebook
writes ``from helpers.decompositions import power_iteration``.
"""

from . import eigen, lu, qr, randomized, svd
from .eigen import *  # noqa: F403
from .lu import *  # noqa: F403
from .qr import *  # noqa: F403
from .randomized import *  # noqa: F403
from .svd import *  # noqa: F403

__all__ = [*eigen.__all__, *svd.__all__, *qr.__all__, *lu.__all__, *randomized.__all__]
