"""Robustness spec of helpers.widgets itself: the one name it defines (an alias).

Every other name in the package's ``__all__`` is a re-export, covered by its
module's spec (``spec_widgets_<module>.py``).
"""

from .harness import constant, ensure

MODULE = "helpers.widgets"


def _lora_fields(fields):
    import importlib

    ensure(fields is importlib.import_module("helpers.widgets.lora_calculator").FIELDS)


SPECS = {
    "LORA_FIELDS": constant(_lora_fields),
}
