"""Student copies and otter-grader assignments, built and run as a lecturer would.

The student edition of every notebook runs top to bottom in a fresh kernel with
every exercise still pending. For two notebooks, ``otter assign`` builds the
assignment, and ``otter run`` grades a blank student copy at 0 and the course's
solutions at full marks, locally and without Docker.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from editions import check_calls, is_solution, otter_master, student_edition  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
GRADE_BIN = Path(os.environ.get("COURSE_GRADE_BIN", ROOT / ".venv-grade" / "bin"))
GRADED = ("01_eigendecomposition", "07_lu_cholesky")


def read(path):
    return nbformat.read(path, as_version=4)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_copy_has_no_solutions_and_runs_with_every_check_pending(path, tmp_path):
    nb = student_edition(read(path))
    assert not any(is_solution(c) for c in nb.cells)
    assert not any(c.source.lstrip().startswith("**Solution") for c in nb.cells)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    seen = set()
    for cell in nb.cells:
        calls = check_calls(cell.source) if cell.cell_type == "code" else []
        if not calls:
            continue
        text = "".join(o.get("text", "") for o in cell.outputs)
        for exercise_id, _ in calls:
            if exercise_id in seen:  # a demonstration of a wrong answer (notebook 00)
                assert f"❌ {exercise_id}" in text
            else:
                assert f"⏳ {exercise_id}: no answer yet" in text, (path.name, text)
            seen.add(exercise_id)
        assert "error" not in {o.output_type for o in cell.outputs}


def test_student_edition_leaves_the_course_notebook_alone():
    nb = read(NOTEBOOKS[1])
    before = json.dumps(nb, sort_keys=True)
    student_edition(nb)
    assert json.dumps(nb, sort_keys=True) == before


def test_otter_master_has_one_question_per_exercise_with_the_course_check_as_test():
    nb = otter_master(read(ROOT / "notebooks" / "01_eigendecomposition.ipynb"), "01")
    raws = [c.source for c in nb.cells if c.cell_type == "raw"]
    assert raws[0].startswith("# ASSIGNMENT CONFIG")
    begins = [r for r in raws if r.startswith("# BEGIN QUESTION")]
    assert sum(r == "# END QUESTION" for r in raws) == len(begins)
    tests = [c.source for c in nb.cells if c.cell_type == "code" and "passes(" in c.source]
    ids = {call for src in tests for call in [src.split('passes("')[1].split('"')[0]]}
    assert {f"01.{k}" for k in range(1, 6)} <= ids


@pytest.fixture(scope="module")
def assignments(tmp_path_factory):
    """``otter assign`` on the graded notebooks, in the grading venv (make assignments)."""
    if not (GRADE_BIN / "otter").exists():
        pytest.fail("the grading venv is missing: run `make grade-setup` (make test does)")
    out = tmp_path_factory.mktemp("assignments")
    for stem in GRADED:
        src = out / "src" / stem
        src.mkdir(parents=True)
        master = src / f"{stem}.ipynb"
        nbformat.write(otter_master(read(ROOT / "notebooks" / f"{stem}.ipynb"), stem), master)
        subprocess.run(
            [GRADE_BIN / "otter", "assign", master, out / stem],
            check=True,
            cwd=src,
            capture_output=True,
            text=True,
        )
    return out


def grade(assignment, submission, workdir):
    zips = sorted((assignment / "autograder").glob("*.zip"))
    assert len(zips) == 1, list((assignment / "autograder").iterdir())
    result = subprocess.run(
        [GRADE_BIN / "otter", "run", "-a", zips[0], "-o", workdir, submission],
        capture_output=True,
        text=True,
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    results = json.loads((workdir / "results.json").read_text())
    tests = [t for t in results["tests"] if "score" in t]  # not the "Public Tests" summary
    return sum(t["score"] for t in tests), sum(t["max_score"] for t in tests)


@pytest.mark.slow
@pytest.mark.parametrize("stem", GRADED)
def test_otter_grades_blank_at_zero_and_solutions_at_full_marks(assignments, stem, tmp_path):
    student = assignments / stem / "student" / f"{stem}.ipynb"
    solution = assignments / stem / "autograder" / f"{stem}.ipynb"
    assert student.exists() and solution.exists()
    blank_dir, full_dir = tmp_path / "blank", tmp_path / "full"
    blank_dir.mkdir()
    full_dir.mkdir()
    shutil.copy(student, blank_dir / student.name)
    shutil.copy(solution, full_dir / solution.name)
    blank, top = grade(assignments / stem, blank_dir / student.name, blank_dir)
    full, top_full = grade(assignments / stem, full_dir / solution.name, full_dir)
    assert top == top_full > 0
    assert blank == 0
    assert full == top
