"""Repository-wide pytest set-up (applies to helpers' doctests and to tests/)."""

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _isolated_matplotlib_style():
    """Undo rcParams changes (e.g. ``use_course_style()``) after every test and doctest."""
    with matplotlib.rc_context():
        yield
    import matplotlib.pyplot as plt

    plt.close("all")
