"""Refuse a notebook the course cannot ship (the pre-commit notebook hook).

Usage: ``python tools/check_notebooks.py notebooks/*.ipynb``

A notebook is refused when

- a code cell with source was never run (``execution_count`` is null): the
  course stores every notebook executed, and nbval does not compare a cell
  that was never run;
- a cell holds an error output: a stored traceback is a broken notebook (a
  notebook that demonstrates an error catches it and prints the message);
- a solution cell (tag ``solution``) is not folded away: its metadata must
  have ``"jupyter": {"source_hidden": true, "outputs_hidden": true}`` (a markdown
  solution too, so every solution carries the same two flags), and the
  answer stays out of sight until the student opens it.

Each problem is printed as ``path: cell N (id): what``; the exit status is 1
when there is any, 0 otherwise. Only the standard library is used, so the
hook is fast and needs nothing but Python.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def problems(path: Path) -> list[str]:
    """Return the problems of one notebook, each a line naming the cell."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{path}: cannot be read as a notebook ({exc})"]
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        return [f"{path}: not a notebook (no list of cells)"]
    found = []
    for index, cell in enumerate(cells):
        where = f"{path}: cell {index}" + (f" ({cell['id']})" if cell.get("id") else "")
        metadata = cell.get("metadata") or {}
        if cell.get("cell_type") == "code":
            if _source(cell).strip() and cell.get("execution_count") is None:
                found.append(
                    f"{where}: never run (execution_count is null); "
                    "store the notebook executed: tools/execute_notebooks.py"
                )
            for output in cell.get("outputs") or []:
                if output.get("output_type") == "error":
                    name = output.get("ename", "error")
                    found.append(f"{where}: holds an error output ({name}); fix the cell")
        if "solution" in (metadata.get("tags") or []):
            jupyter = metadata.get("jupyter") or {}
            keys = ("source_hidden", "outputs_hidden")
            missing = [key for key in keys if jupyter.get(key) is not True]
            if missing:
                found.append(
                    f"{where}: solution cell not folded away; set metadata "
                    + ", ".join(f"jupyter.{key}" for key in missing)
                    + " to true"
                )
    return found


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python tools/check_notebooks.py NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    found = [line for arg in argv for line in problems(Path(arg))]
    for line in found:
        print(line)
    if found:
        print(f"check_notebooks: {len(found)} problem(s) in {len(argv)} notebook(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
