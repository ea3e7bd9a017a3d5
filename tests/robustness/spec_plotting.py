"""Robustness spec of helpers.plotting: the course style (no array inputs)."""

import re

import matplotlib as mpl
from hypothesis import strategies as st

from helpers import plotting

from .harness import Bad, Spec, constant, ensure
from .inputs import args

MODULE = "helpers.plotting"


def _styled(result, call):
    ensure(result is None)
    ensure(mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == plotting.COLORS["blue"])
    ensure(mpl.rcParams["figure.constrained_layout.use"] is True)
    plotting.use_course_style("light")  # the style is global: leave the light one for later tests


SPECS = {
    "COLORS": constant(
        lambda colors: ensure(
            len(colors) == 9
            and len(set(colors.values())) == 9
            and all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colors.values())
        )
    ),
    "use_course_style": Spec(
        func=plotting.use_course_style,
        bad=(
            Bad(args("dim"), "theme", ValueError),
            Bad(args(""), "theme", ValueError),
            Bad(args(None), "theme", TypeError),
            Bad(args(1), "theme", TypeError),
        ),
        good=st.sampled_from([args(), args("light"), args("dark"), args("auto")]),
        check=_styled,
        max_examples=4,
    ),
    "course_theme": Spec(
        func=plotting.course_theme,
        good=st.just(args()),
        check=lambda result, call: ensure(result in ("light", "dark")),
        max_examples=1,
    ),
}
