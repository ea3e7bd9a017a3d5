"""Execute notebooks in a fresh kernel and save them with their outputs.

Usage: ``python tools/execute_notebooks.py notebooks/03_svd.ipynb [...]``
(``make execute`` runs it on every notebook).

Each notebook runs top to bottom in a new kernel with the notebook's folder as
working directory, exactly as nbval will run it. Widget state is not stored
(it would add hundreds of kB of image bytes per notebook); widgets come alive
when the reader runs the notebook.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, timeout: int = 600) -> float:
    """Run one notebook in place and return the wall time in seconds."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for name in argv:
        path = Path(name).resolve()
        print(f"{path.name}: ", end="", flush=True)
        print(f"{execute(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
