"""Static figures are made by code in the repository."""

import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def test_course_map_is_made_by_figures_script(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "figures" / "make_figures.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    made = tmp_path / "course_map.png"
    with Image.open(made) as fresh, Image.open(ROOT / "figures" / "course_map.png") as kept:
        assert fresh.size == kept.size


def test_course_style_sets_colour_blind_safe_cycle():
    import matplotlib as mpl

    from helpers.plotting import COLORS, use_course_style

    use_course_style()
    cycle = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    assert cycle[:3] == [COLORS["blue"], COLORS["orange"], COLORS["green"]]
