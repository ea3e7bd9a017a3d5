"""The course's widgets: each a plain model the tests call plus a thin ipywidgets view.

Every widget function returns an ipywidgets object. The computation behind it
lives in a class or function that works without a browser.
"""

from . import common
from .common import *  # noqa: F403

__all__ = [*common.__all__]
