"""The exercises as the notebooks hold them: answers out of sight, solutions folded.

These read the stored notebooks (no kernel): nbval checks that the stored
outputs are what a fresh run prints, and these check what those outputs are.
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest

from helpers.exercises import all_exercises

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: A cell that shows, on purpose, what a wrong answer prints.
DEMO_OF_A_WRONG_ANSWER = (
    "00",
    'not_an_eigenvector = [1.0, -1.0]\ncheck("00.1", not_an_eigenvector)',
)


def cells(path):
    return nbformat.read(path, as_version=4).cells


def is_solution(cell):
    return "solution" in cell.metadata.get("tags", [])


def check_calls(source):
    tree = ast.parse(source)
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check"
    ]


def text_of(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []))


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return request.param


def test_every_check_call_names_an_id_and_an_answer_only(notebook):
    nn = notebook.name[:2]
    for cell in cells(notebook):
        if cell.cell_type != "code":
            continue
        for call in check_calls(cell.source):
            assert len(call.args) == 2 and not call.keywords, (notebook.name, cell.source)
            ex_id = ast.literal_eval(call.args[0])
            assert re.fullmatch(rf"{nn}\.\d+", ex_id), (notebook.name, ex_id)
            assert ex_id in all_exercises(), f"{notebook.name}: {ex_id} is not in the bank"


def test_every_bank_exercise_is_asked_in_its_notebook(notebook):
    nn = notebook.name[:2]
    asked = {
        ast.literal_eval(call.args[0])
        for cell in cells(notebook)
        if cell.cell_type == "code"
        for call in check_calls(cell.source)
    }
    banked = {ex_id for ex_id in all_exercises() if ex_id.startswith(f"{nn}.")}
    proofs_without_check = {ex_id for ex_id in banked if all_exercises()[ex_id].expected is None}
    assert banked - proofs_without_check <= asked


def test_exercise_cells_store_only_the_pending_line(notebook):
    nn = notebook.name[:2]
    for cell in cells(notebook):
        if cell.cell_type != "code" or is_solution(cell) or not check_calls(cell.source):
            continue
        if (nn, cell.source.strip()) == DEMO_OF_A_WRONG_ANSWER:
            assert text_of(cell).startswith("❌ 00.1: not yet")
            continue
        lines = [line for line in text_of(cell).splitlines() if line.strip()]
        assert lines and all(line.startswith("⏳") for line in lines), (notebook.name, lines)


def test_solution_cells_are_folded_with_their_outputs_and_pass(notebook):
    solutions = [c for c in cells(notebook) if is_solution(c)]
    for cell in solutions:
        hidden = cell.metadata.get("jupyter", {})
        assert hidden.get("source_hidden") is True, (notebook.name, cell.source[:60])
        if cell.cell_type == "code":
            assert hidden.get("outputs_hidden") is True, (notebook.name, cell.source[:60])
            assert cell.metadata.get("slideshow", {}).get("slide_type") == "skip"
            for call in check_calls(cell.source):
                ex_id = ast.literal_eval(call.args[0])
                assert f"✅ {ex_id}: correct" in text_of(cell), (notebook.name, text_of(cell))


def test_no_cell_outside_a_solution_holds_an_expected_value(notebook):
    """The old form check(name, answer, expected, ...) is gone everywhere."""
    for cell in cells(notebook):
        if cell.cell_type == "code" and not is_solution(cell):
            assert not re.search(r"check\(\s*\"[^\"]*\"\s*,\s*[^,()]+,\s*[^)]", cell.source)


def test_the_how_to_open_text_matches_the_controls(notebook):
    for cell in cells(notebook):
        if (
            cell.cell_type == "markdown"
            and cell.source.startswith("**Solution")
            and not is_solution(cell)  # the line above a folded solution, not the proof itself
        ):
            assert "⋯" in cell.source and "Show code cell content" in cell.source


def test_a_folded_solution_shows_no_answer_in_its_first_line(notebook):
    """JupyterLab shows the first line of a folded cell: it must give nothing away."""
    for cell in cells(notebook):
        if is_solution(cell):
            first = cell.source.splitlines()[0]
            assert re.fullmatch(r"(# |\*\*)Solution[^=]*", first), (notebook.name, first)


def test_every_chapter_has_a_proof_and_a_prediction(notebook):
    """Notebooks 01 on: a proof to write and a prediction to make, in the bank and on the page."""
    nn = notebook.name[:2]
    if nn == "00":
        pytest.skip("00 is the start page: its one exercise shows how check works")
    tags = {t for c in cells(notebook) for t in c.metadata.get("tags", [])}
    kinds = {e.kind for k, e in all_exercises().items() if k.startswith(f"{nn}.")}
    assert {"proof", "predict"} <= tags, f"{notebook.name}: cells tagged {sorted(tags)}"
    assert {"proof", "predict"} <= kinds, f"{notebook.name}: bank kinds {sorted(kinds)}"
