"""Notebook 00's glossary holds every key term of the course, and only those.

The house style (CONTRIBUTING.md): a key term appears in bold with its Chinese
name, ``**singular value** (奇异值)``, and is in notebook 00's English–中文
glossary with the notebook that introduces it. These tests read every
notebook's markdown and check both directions:

1. every bold term followed by a Chinese name is in the glossary (its Chinese
   name is in the 中文 column);
2. every glossary row names a notebook, and that notebook uses the term in bold
   with its Chinese name.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.course import NOTEBOOK_DIR, NOTEBOOKS

CJK = re.compile(r"[\u3400-\u9fff]")
# **term** (中文 …)   **term** $math$ (中文 …)   **term**, 中文; … (inside a parenthesis)
BOLD_PAREN = re.compile(r"\*\*(?P<en>[^*]+?)\*\*(?:\s*\$[^$]*\$)?\s*\((?P<zh>[^)]*)")
BOLD_COMMA = re.compile(r"\*\*(?P<en>[^*]+?)\*\*,\s*(?P<zh>[^;,()]*)")
SEPARATORS = re.compile(r"[;,，；、]")

# Rows whose notebook mentions the Chinese name but not yet as a bold key term.
# Notebook 02 is another author's; remove an entry when its notebook bolds the term.
NOT_YET_BOLD: set[tuple[str, str]] = set()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def markdown_cells():
    for entry in NOTEBOOKS:
        nb = nbformat.read(entry.path, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "markdown":
                yield f"{entry.number:02d}", index, cell.source


def bold_terms() -> list[tuple[str, int, str, str]]:
    """(notebook, cell, English term, its Chinese name) for every bold key term."""
    found = []
    for number, index, source in markdown_cells():
        for pattern in (BOLD_PAREN, BOLD_COMMA):
            for match in pattern.finditer(source):
                names = [s.strip(" *") for s in SEPARATORS.split(match["zh"]) if CJK.search(s)]
                if names and CJK.search(match["zh"].split(")")[0]):
                    found.append((number, index, " ".join(match["en"].split()), names[0]))
    return found


def glossary_rows() -> list[tuple[str, str, str | None]]:
    """(English, 中文, notebook number or None) for each row of 00's glossary table."""
    nb = nbformat.read(NOTEBOOK_DIR / "00_start_here.ipynb", as_version=4)
    (source,) = [c.source for c in nb.cells if '<a id="glossary"></a>' in c.source]
    rows = []
    for line in source.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and CJK.search(cells[1]) and cells[0] != "English":
            link = re.search(
                r"\[(\d\d)\]\((\d\d)_[^)]+\.ipynb\)", cells[2] if len(cells) > 2 else ""
            )
            assert link is None or link[1] == link[2], f"glossary row {cells[0]!r}: {cells[2]}"
            rows.append((cells[0], cells[1], link[1] if link else None))
    return rows


TERMS = bold_terms()
ROWS = glossary_rows()


def test_the_parsers_find_the_known_terms():
    assert ("03", "有效条件数") in {(n, zh) for n, _, _, zh in TERMS}
    assert ("07", "顺序主子式") in {(n, zh) for n, _, _, zh in TERMS}
    assert len(ROWS) > 100


@pytest.mark.parametrize("term", TERMS, ids=lambda t: f"{t[0]}-{t[2]}")
def test_every_bold_term_with_a_chinese_name_is_in_the_glossary(term):
    number, index, english, chinese = term
    glossary = [squeeze(zh) for _, zh, _ in ROWS]
    assert any(squeeze(chinese) in zh for zh in glossary), (
        f"notebook {number}, cell {index}: **{english}** ({chinese}) is not in 00's glossary"
    )


def test_every_glossary_row_names_the_notebook_that_uses_it():
    bold_by_notebook: dict[str, set[str]] = {}
    for number, _, _, chinese in TERMS:
        bold_by_notebook.setdefault(number, set()).add(squeeze(chinese))
    problems = []
    for english, chinese, number in ROWS:
        if number is None:
            problems.append(f"{english}: no notebook")
            continue
        names = [squeeze(s) for s in re.split(r"[，,/；;（）()]", chinese) if CJK.search(s)]
        used = bold_by_notebook.get(number, set())
        if any(n in u or u in n for n in names for u in used):
            assert not any((number, n) in NOT_YET_BOLD for n in names), (
                f"{english} is now bold in {number}: remove it from NOT_YET_BOLD"
            )
        elif not any((number, n) in NOT_YET_BOLD for n in names):
            problems.append(f"{english} ({chinese}): not a bold key term of notebook {number}")
    assert not problems, problems
