"""Robustness spec of helpers.course."""

import matplotlib.pyplot as plt
import numpy as np
from hypothesis import strategies as st
from matplotlib.axes import Axes

from helpers import course

from .harness import Bad, Spec, constant, ensure
from .inputs import args, bad_int_values, refuse_each

MODULE = "helpers.course"

_OK = {"number": 3, "file": "03_x.ipynb", "title": "T", "title_zh": "题", "requires": (1,)}


def _notebook_with(**changes):
    """Args for Notebook with the valid fields above, ``changes`` replacing some."""
    return args(**{**_OK, **changes})


def _table_is_the_reading_order(table):
    ensure([nb.number for nb in table] == list(range(len(table))))
    ensure(all(nb.path.is_file() and isinstance(nb.minutes, int) and nb.reading for nb in table))


def _draw_and_close(ax=None):
    result = course.draw_map(ax)
    plt.close(result.figure)
    return result


def _fresh_axes():
    return plt.figure().add_subplot()


_BAD_NOTEBOOKS = (
    *refuse_each("number", [v for v in bad_int_values(low=0)], lambda v: _notebook_with(number=v)),
    *refuse_each(
        "file",
        [None, 3, "3_x.ipynb", "03_x.txt", "04_x.ipynb", "03_a/b.ipynb"],
        lambda v: _notebook_with(file=v),
    ),
    *refuse_each("title", [None, 3, b"T"], lambda v: _notebook_with(title=v)),
    *refuse_each("title_zh", [None, ["题"]], lambda v: _notebook_with(title_zh=v)),
    *refuse_each(
        "requires",
        [[1], 1, (3,), (4,), (1, 1), (1.0,), (True,), (-1,), ("1",)],
        lambda v: _notebook_with(requires=v),
    ),
    *refuse_each("minutes", [0, -5, 2.5, "60", True], lambda v: _notebook_with(minutes=v)),
    *refuse_each("reading", [None, 1], lambda v: _notebook_with(reading=v)),
)

SPECS = {
    "NOTEBOOKS": constant(_table_is_the_reading_order),
    "NOTEBOOK_DIR": constant(lambda value: ensure(value.is_dir() and value.name == "notebooks")),
    "Notebook": Spec(
        func=course.Notebook,
        bad=_BAD_NOTEBOOKS,
        good=st.integers(0, 99).map(
            lambda n: args(n, f"{n:02d}_topic.ipynb", "T", "题", tuple(range(n)), n + 1, "")
        ),
        check=lambda nb, call: ensure(nb.number == call.args[0] and nb.path.name == call.args[1]),
    ),
    "notebook": Spec(
        func=course.notebook,
        bad=refuse_each(
            "number", [*bad_int_values(low=0), 12, 10**20, np.int64(-1)], lambda v: args(v)
        ),
        good=st.integers(0, len(course.NOTEBOOKS) - 1).map(lambda n: args(n)),
        check=lambda nb, call: ensure(nb is course.NOTEBOOKS[call.args[0]]),
    ),
    "draw_map": Spec(
        func=_draw_and_close,
        bad=(
            *refuse_each("ax", ["ax", 1, np.zeros(2)], lambda v: args(v)),
            Bad(args([None]), "ax"),
        ),
        good=st.sampled_from([args(), args(None)]),
        check=lambda ax, call: ensure(
            isinstance(ax, Axes) and len(ax.texts) >= len(course.NOTEBOOKS)
        ),
        max_examples=2,
    ),
}
