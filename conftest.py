"""Repository-wide pytest set-up (applies to helpers' doctests and to tests/)."""

import matplotlib
import pytest
from hypothesis import settings

# The same examples on every run, so CI cannot fail on a lucky draw; run
# ``pytest --hypothesis-profile=explore`` to search with fresh random examples.
settings.register_profile("course", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("course")

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _isolated_matplotlib_style():
    """Undo rcParams changes (e.g. ``use_course_style()``) after every test and doctest."""
    with matplotlib.rc_context():
        yield
    import matplotlib.pyplot as plt

    plt.close("all")
