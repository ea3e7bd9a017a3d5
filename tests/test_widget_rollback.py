"""A refused front-end message leaves every widget as it was.

``set_state`` applies a message from the browser inside traitlets'
``hold_trait_notifications``, which restores the old values only when a
validator raises a ``TraitError``. The widgets' validators raise ValueErrors
and TypeErrors naming the argument; ``helpers.widgets.common`` makes them
TraitErrors as well, so that the refusal rolls back instead of leaving a state
the model refuses behind the picture.
"""

import numpy as np
import pytest

from helpers import widgets as w

CASES = {
    "matrix explorer a": (w.matrix_explorer, {"a": [1.0, 2.0]}),
    "matrix explorer step": (w.matrix_explorer, {"step": -1.0}),
    "SVD geometry a": (w.svd_geometry_widget, {"a": [np.nan, 0.0, 0.0, 1.0]}),
    "SVD geometry stage": (w.svd_geometry_widget, {"stage": 9}),
    "QR stepper a": (w.qr_stepper_widget, {"a": [[1.0, 2.0], [2.0, 4.0]]}),  # MGS, dependent
    "QR stepper method": (w.qr_stepper_widget, {"method": "lu"}),
    "LoRA calculator rank": (w.LoRACalculator, {"rank": 0}),
    "LoRA calculator model": (w.LoRACalculator, {"model": "llama-7b"}),
    "elimination a": (w.elimination_widget, {"a": [[0.0, 0.0], [0.0, 0.0]]}),
    "PCA direction theta": (w.pca_direction_widget, {"theta": np.inf}),
    "quadratic form a": (w.quadratic_form_widget, {"a": np.nan}),
    "randomized SVD k": (w.randomized_svd_widget, {"k": 0}),
    "randomized SVD spectrum": (w.randomized_svd_widget, {"spectrum": "medium"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_refused_message_changes_nothing(name):
    make, message = CASES[name]
    widget = make()
    before = {key: widget.get_state(key)[key] for key in widget.keys}
    with pytest.raises((ValueError, TypeError)):
        widget.set_state(message)
    after = {key: widget.get_state(key)[key] for key in widget.keys}
    assert after == before, f"{name}: {set(k for k in before if before[k] != after[k])} changed"
