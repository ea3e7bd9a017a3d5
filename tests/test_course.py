"""The map of notebooks matches the folder, and every internal link resolves."""

import re
from pathlib import Path

import nbformat
import pytest

from helpers.course import NOTEBOOK_DIR, NOTEBOOKS, notebook

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)\)|(?:src|href)=\"([^\"]+)\"")
PLANNED = {nb.file for nb in NOTEBOOKS}


def test_numbers_are_the_reading_order():
    assert [nb.number for nb in NOTEBOOKS] == list(range(len(NOTEBOOKS)))
    for nb in NOTEBOOKS:
        assert nb.file.startswith(f"{nb.number:02d}_")
        assert all(req < nb.number for req in nb.requires)


def test_every_notebook_on_disk_is_on_the_map():
    on_disk = {p.name for p in NOTEBOOK_DIR.glob("*.ipynb")}
    assert on_disk <= PLANNED, f"not on the map: {sorted(on_disk - PLANNED)}"
    assert "00_start_here.ipynb" in on_disk


def test_notebook_lookup():
    assert notebook(3).file == "03_svd.ipynb"
    assert notebook(11).file == "11_low_rank_beyond_svd.ipynb"
    with pytest.raises(ValueError, match="number must be one of"):
        notebook(12)


def markdown_files():
    files = [(p, nbformat.read(p, as_version=4)) for p in sorted(NOTEBOOK_DIR.glob("*.ipynb"))]
    return files


def anchors_of(nb) -> set[str]:
    """Anchors a link can target: explicit <a id=...> and headings (JupyterLab's rule)."""
    found = set()
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        found.update(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", cell.source))
        for heading in re.findall(r"^#+\s+(.*)$", cell.source, re.M):
            found.add(heading.strip().replace(" ", "-"))
    return found


def links_in(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for match in LINK.finditer(cell.source):
                yield match.group(1) or match.group(2)


def test_internal_links_resolve():
    problems = []
    pending = []
    for path, nb in markdown_files():
        for target in links_in(nb):
            if re.match(r"^[a-z]+:", target):
                continue  # external (https:, mailto:) links are not checked offline
            file_part, _, anchor = target.partition("#")
            dest = (path.parent / file_part).resolve() if file_part else path
            if not dest.exists():
                if dest.name in PLANNED and dest.parent == NOTEBOOK_DIR:
                    pending.append(f"{path.name} → {target}")
                else:
                    problems.append(f"{path.name}: link to missing {target}")
                continue
            if anchor and dest.suffix == ".ipynb":
                if anchor not in anchors_of(nbformat.read(dest, as_version=4)):
                    problems.append(f"{path.name}: no anchor #{anchor} in {dest.name}")
    assert not problems, problems
    if pending:
        pytest.skip(f"{len(pending)} links point to notebooks not written yet: {pending[:3]}")


def closure(numbers) -> set[int]:
    """The notebooks in ``numbers`` and everything they require, recursively."""
    seen, todo = set(), list(numbers)
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(notebook(n).requires)
    return seen


def prerequisite_links(nb) -> set[int]:
    """Notebooks linked in the first sentence of the notebook's *Prerequisites* paragraph.

    Later sentences may point elsewhere ("X is treated in 03") without making it a
    prerequisite; the first sentence names what to read first.
    """
    for cell in nb.cells[:4]:
        if cell.cell_type == "markdown" and "**Prerequisites.**" in cell.source:
            rest = cell.source.split("**Prerequisites.**", 1)[1]
            paragraph = re.split(r"\n\s*\n", rest, maxsplit=1)[0]
            sentence = re.split(r"\.(?:\s|$)", paragraph, maxsplit=1)[0]
            return {int(n) for n in re.findall(r"\]\((\d\d)_[^)\s]*\.ipynb[^)]*\)", sentence)}
    raise AssertionError("no **Prerequisites.** paragraph in the opening cells")


@pytest.mark.parametrize("entry", NOTEBOOKS[1:], ids=lambda nb: f"{nb.number:02d}")
def test_prerequisites_cell_agrees_with_the_map(entry):
    linked = prerequisite_links(nbformat.read(entry.path, as_version=4))
    unlinked = set(entry.requires) - linked
    assert not unlinked, (
        f"{entry.file}: course.py requires {sorted(unlinked)}, which its Prerequisites "
        f"sentence does not link"
    )
    assert closure(entry.requires) == closure(linked), (
        f"{entry.file}: the Prerequisites sentence links {sorted(linked)}, course.py requires "
        f"{list(entry.requires)}; read with their own prerequisites these differ by "
        f"{sorted(closure(entry.requires) ^ closure(linked))}"
    )


def test_start_here_requires_nothing_and_every_entry_has_a_plan():
    assert notebook(0).requires == ()
    for nb in NOTEBOOKS:
        assert isinstance(nb.minutes, int) and nb.minutes > 0, nb.file
        assert nb.reading, f"{nb.file} has no anchor reading"


def test_notebook_fields_are_checked():
    with pytest.raises(ValueError, match="requires must name earlier"):
        NOTEBOOKS[0].__class__(3, "03_x.ipynb", "T", "题", (3,))
    with pytest.raises(ValueError, match="file must be '03_"):
        NOTEBOOKS[0].__class__(3, "04_x.ipynb", "T", "题")
    with pytest.raises(TypeError, match="number must be an int"):
        notebook(True)
