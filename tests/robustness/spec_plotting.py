"""Robustness spec of helpers.plotting: the course style (no array inputs)."""

import re

import matplotlib as mpl
from hypothesis import strategies as st

from helpers import plotting

from .harness import Spec, constant, ensure
from .inputs import args

MODULE = "helpers.plotting"


def _styled(result, call):
    ensure(result is None)
    ensure(mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == plotting.COLORS["blue"])
    ensure(mpl.rcParams["figure.constrained_layout.use"] is True)


SPECS = {
    "COLORS": constant(
        lambda colors: ensure(
            len(colors) == 8
            and len(set(colors.values())) == 8
            and all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colors.values())
        )
    ),
    "use_course_style": Spec(
        func=plotting.use_course_style,
        good=st.just(args()),
        check=_styled,
        max_examples=1,
    ),
}
