"""Editions of the course notebooks for a class: student copies and otter-grader masters.

Usage::

    python tools/editions.py student --out build/student notebooks/*.ipynb
    python tools/editions.py otter   --out build/otter-src notebooks/*.ipynb

``student`` writes each notebook without its solutions (cells tagged
``solution`` and the "Solution." line above them) and without outputs, so
every answer is still ``...`` and every check prints ⏳ when the copy runs.

``otter`` writes an otter-grader "master notebook" per course notebook, in
otter's notebook format (raw cells ``# BEGIN QUESTION`` … ``# END QUESTION``),
which ``otter assign`` turns into a student notebook and an autograder zip
(``make assignments``). Each exercise becomes one question: its statement, the
reader's cell as the prompt, the course's solution as the solution, and as its
test the course's own check, ``passes("NN.k", answer)``. A written proof
(a markdown solution) becomes a manually graded question.
"""

from __future__ import annotations

import argparse
import ast
import copy
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

SOLUTION_TAG = "solution"


def is_solution(cell) -> bool:
    """Whether a cell holds a worked solution (tag ``solution``)."""
    return SOLUTION_TAG in cell.metadata.get("tags", [])


def is_solution_label(cell) -> bool:
    """The markdown line that says a solution is folded below."""
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith("**Solution")


def check_calls(source: str) -> list[tuple[str, str]]:
    """``[(exercise_id, answer_source), ...]`` for every ``check(...)`` call in a cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "check"
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            calls.append((node.args[0].value, ast.get_source_segment(source, node.args[1])))
    return sorted(calls, key=lambda c: source.index(c[1]))


def student_edition(nb):
    """A copy of ``nb`` without solutions and outputs, for handing out.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A course notebook.

    Returns
    -------
    nbformat.NotebookNode
        The same notebook without the cells tagged ``solution``, without the
        "Solution." lines that point to them, and with every output cleared.
    """
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not (is_solution(c) or is_solution_label(c))]
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    out.metadata["course_edition"] = "student"
    return out


@dataclass
class Question:
    """One exercise's cells, as otter needs them."""

    exercise_id: str
    answer: str
    statement: list = field(default_factory=list)
    prompt: object = None
    code_solutions: list = field(default_factory=list)
    written_solutions: list = field(default_factory=list)


def raw(text):
    return nbformat.v4.new_raw_cell(text)


def _question_cells(q: Question, points_of) -> list:
    name = "q" + q.exercise_id.replace(".", "_")
    cells = []
    if q.written_solutions:
        config = {"name": f"{name}_written", "manual": True, "points": 2}
        cells += [raw("# BEGIN QUESTION\n" + yaml.safe_dump(config, sort_keys=False).strip())]
        cells += q.statement
        cells += [raw("# BEGIN SOLUTION"), *q.written_solutions, raw("# END SOLUTION")]
        cells += [raw("# END QUESTION")]
        statement = []
    else:
        statement = q.statement
    config = {"name": name, "points": points_of(q.exercise_id)}
    test = nbformat.v4.new_code_cell(
        "from helpers.exercises import passes\n\n"
        f'assert passes("{q.exercise_id}", {q.answer}), '
        f'"exercise {q.exercise_id} is not right yet"'
    )
    cells += [raw("# BEGIN QUESTION\n" + yaml.safe_dump(config, sort_keys=False).strip())]
    cells += statement
    cells += [raw("# BEGIN SOLUTION"), _answer_cell(q), raw("# END SOLUTION")]
    cells += [raw("# BEGIN TESTS"), test, raw("# END TESTS"), raw("# END QUESTION")]
    return cells


def _answer_cell(q: Question):
    """The reader's cell with the course's solution inside otter's solution markers.

    otter assign keeps the reader's lines in the student notebook and drops the
    lines between ``# BEGIN SOLUTION NO PROMPT`` and ``# END SOLUTION``; the
    autograder's copy runs them, after the reader's ``answer = ...``.
    """
    cell = copy.deepcopy(q.prompt)
    lines = cell.source.splitlines()
    first_check = next(i for i, line in enumerate(lines) if line.lstrip().startswith("check("))
    solution = [line for c in q.code_solutions for line in c.source.splitlines()]
    cell.source = "\n".join(
        [
            *lines[:first_check],
            "# BEGIN SOLUTION NO PROMPT",
            *solution,
            "# END SOLUTION",
            *lines[first_check:],
        ]
    )
    return cell


def _clean(cell):
    cell = copy.deepcopy(cell)
    cell.metadata.pop("jupyter", None)
    cell.metadata.pop("execution", None)
    cell.metadata["tags"] = [t for t in cell.metadata.get("tags", []) if t != SOLUTION_TAG]
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
        lines = cell.source.splitlines()
        if lines and lines[0].startswith("# Solution"):
            cell.source = "\n".join(lines[1:])
    return cell


def otter_master(nb, name: str, points_of=lambda exercise_id: 1):
    """The course notebook ``nb`` in otter-grader's master-notebook format.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A course notebook, solutions included.
    name : str
        The assignment's name (the notebook's stem).
    points_of : callable, optional
        Points of an auto-graded exercise, from its id.

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    ValueError
        If a solution cell does not follow an exercise cell (a ``check`` call
        outside a solution), which is a mistake of the course's authors.
    """
    config = {
        "name": name,
        "init_cell": False,
        "check_all_cell": False,
        "export_cell": False,
        "run_tests": True,
        "solutions_pdf": False,
        "generate": {"pdf": False, "zips": False},
    }
    cells = [raw("# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=False).strip())]
    source = [c for c in nb.cells if not is_solution_label(c)]
    questions: dict[int, Question] = {}  # by the index of the reader's cell
    by_id: dict[str, Question] = {}
    statements = set()
    last = None
    for i, cell in enumerate(source):
        calls = check_calls(cell.source) if cell.cell_type == "code" else []
        if is_solution(cell):
            ids = [exercise_id for exercise_id, _ in calls] or [last]
            question = by_id.get(ids[0])
            if question is None:
                raise ValueError(f"a solution cell follows no exercise: {cell.source[:60]!r}")
            if cell.cell_type == "code":
                question.code_solutions.append(_clean(cell))
            else:
                question.written_solutions.append(_clean(cell))
        elif calls and calls[0][0] not in by_id:  # a second call of an id is a demonstration
            exercise_id, answer = calls[0]
            statement = []
            if i > 0 and source[i - 1].cell_type == "markdown" and i - 1 not in statements:
                statement = [_clean(source[i - 1])]
                statements.add(i - 1)
            question = Question(exercise_id, answer, statement=statement, prompt=_clean(cell))
            questions[i] = by_id[exercise_id] = question
            last = exercise_id
    for i, cell in enumerate(source):
        if i in questions:
            cells.extend(_question_cells(questions[i], points_of))
        elif not (is_solution(cell) or i in statements):
            cells.append(_clean(cell))
    out = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(nb.metadata))
    return out


def _points(exercise_id):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from helpers.exercises import lookup

    return lookup(exercise_id).points


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", choices=("student", "otter"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("notebooks", type=Path, nargs="+")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        if args.edition == "student":
            nbformat.write(student_edition(nb), args.out / path.name)
        else:
            folder = args.out / path.stem
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(otter_master(nb, path.stem, _points), folder / path.name)
        print(f"{args.edition}: {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
