"""Every figure says what it shows (issue 21): alt text in the notebooks and on the site.

A code cell that makes figures carries ``"course": {"alt": [...]}`` in its
metadata: one non-empty string per image output (image/png, image/svg+xml,
image/jpeg), in output order (SHARED interface; tools/build_slides.py's
``IMAGE_MIMES`` and ``carry_alt_text``). The site's Sphinx extension
(``book/_ext/course_site.py``) puts each string on the figure's ``<img>``;
the decks' template does the same (tools/build_slides.py).
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from helpers.course import NOTEBOOK_DIR, NOTEBOOKS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from build_slides import IMAGE_MIMES  # noqa: E402

JUPYTER_BOOK = ROOT / ".venv-site" / "bin" / "jupyter-book"
NODE_MODULES = ROOT / "build" / "web" / "node_modules"


def image_outputs(cell) -> list:
    return [o for o in cell.get("outputs", []) if any(m in o.get("data", {}) for m in IMAGE_MIMES)]


def alt_problems(nb) -> list[str]:
    """Cells whose image outputs lack alt text, or whose ``course.alt`` does not match them."""
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        images = image_outputs(cell)
        alts = cell.metadata.get("course", {}).get("alt")
        if not images and alts is None:
            continue
        if not isinstance(alts, list):
            problems.append(f"cell {index}: {len(images)} image output(s), course.alt is {alts!r}")
            continue
        if len(alts) != len(images):
            problems.append(
                f"cell {index}: {len(images)} image output(s) but {len(alts)} alt text(s)"
            )
        for k, alt in enumerate(alts):
            if not isinstance(alt, str) or not alt.strip():
                problems.append(f"cell {index}: alt text {k + 1} is {alt!r} (need a description)")
    return problems


def test_alt_problems_catches_missing_short_and_empty_lists():
    png = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}
    cell = nbformat.v4.new_code_cell("plot()")
    cell.outputs = [nbformat.v4.new_output("display_data", data=png)] * 2
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert alt_problems(nb) == ["cell 0: 2 image output(s), course.alt is None"]
    cell.metadata["course"] = {"alt": ["a line rising"]}
    assert alt_problems(nb) == ["cell 0: 2 image output(s) but 1 alt text(s)"]
    cell.metadata["course"] = {"alt": ["a line rising", " "]}
    assert alt_problems(nb) == ["cell 0: alt text 2 is ' ' (need a description)"]
    cell.metadata["course"] = {"alt": ["a line rising", "a line falling"]}
    assert alt_problems(nb) == []


@pytest.mark.parametrize("notebook", [nb.file for nb in NOTEBOOKS])
def test_every_figure_has_alt_text(notebook):
    path = NOTEBOOK_DIR / notebook
    if not path.exists():
        pytest.skip(f"notebooks/{notebook} does not exist yet")
    problems = alt_problems(nbformat.read(path, as_version=4))
    assert not problems, f"{notebook}:\n" + "\n".join(problems)


# --------------------------------------------------------------------------- the site


def tiny_png(colour: tuple[int, int, int]) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), colour).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def figure_cell(alts: list[str], colours, tags=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("make_figures()", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="before\n")]
    for colour in colours:
        cell.outputs.append(
            nbformat.v4.new_output(
                "display_data", data={"image/png": tiny_png(colour), "text/plain": "<Figure>"}
            )
        )
    cell.metadata["course"] = {"alt": alts}
    cell.metadata["tags"] = list(tags)
    return cell


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    """A site built from one small notebook: two figures, then a folded solution's figure."""
    if not (JUPYTER_BOOK.exists() and (NODE_MODULES / "mathjax3").exists()):
        pytest.skip("`make site` builds the site's Jupyter Book (.venv-site) and build/web")
    tmp_path = tmp_path_factory.mktemp("site")
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Start here"),
        figure_cell(SITE_ALTS[:2], [(200, 0, 0), (0, 200, 0)]),
        figure_cell(SITE_ALTS[2:], [(0, 0, 200)], tags=["solution"]),
        nbformat.v4.new_markdown_cell(
            '<a id="glossary"></a>\n## Glossary\n\n| en | 中文 |\n|---|---|'
        ),
    ]
    nbformat.write(nb, folder / "00_start_here.ipynb")
    out = tmp_path / "site"
    command = [
        sys.executable,
        str(ROOT / "tools" / "build_site.py"),
        "--assets",
        str(NODE_MODULES),
    ]
    command += ["--jupyter-book", str(JUPYTER_BOOK), "--src", str(tmp_path / "src")]
    command += ["--out", str(out), "--notebooks", str(folder)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    html = (out / "00_start_here.html").read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "src", ignore_errors=True)
    return html


SITE_ALTS = [
    "A rising line, first figure",
    'Second figure: "two" bars & a <curve>',
    "The solution's figure: a circle",
]


def test_site_images_carry_the_cells_alt_text(tiny_site):
    """Each figure's <img> has its own cell's k-th alt, in order (a folded solution too)."""
    parser = Images()
    parser.feed(tiny_site)
    figures = [img for img in parser.found if re.search(r"_images/[0-9a-f]{64}\.png$", img["src"])]
    assert [img.get("alt") for img in figures] == SITE_ALTS, parser.found


def test_site_folds_are_named_by_their_visible_text(tiny_site):
    """No aria-label that differs from the fold's visible text (WCAG 2.5.3, H7's axe run)."""
    assert "Show code cell content" in tiny_site
    assert "<summary>" in tiny_site
    assert 'aria-label="Toggle hidden content"' not in tiny_site


def test_site_primary_sidebar_is_a_landmark(tiny_site):
    assert re.search(
        r'id="pst-primary-sidebar"[^>]*role="navigation" aria-label="Course"', tiny_site
    )
