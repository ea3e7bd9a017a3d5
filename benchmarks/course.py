"""Execute every notebook in a fresh kernel and report wall time and peak memory.

Usage::

    .venv/bin/python benchmarks/course.py            # all notebooks
    .venv/bin/python benchmarks/course.py 05 08      # some of them, by number

For each notebook: the wall time of a top-to-bottom run in a new kernel (kernel
start-up excluded, as a reader's "Run All" excludes it) and the kernel's peak
resident memory (``VmHWM`` from ``/proc``, the high-water mark the kernel
reached; on systems without ``/proc`` it is sampled with psutil every 20 ms).
Nothing is saved: the notebooks on disk are not modified.

Targets on the course's 2-core reference machine: the whole course in at most
60 s, no notebook over 15 s, no kernel over 1 GB.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TOTAL_LIMIT_S = 60.0
NOTEBOOK_LIMIT_S = 15.0
MEMORY_LIMIT_MB = 1024.0


def _peak_rss_mb(pid: int) -> float | None:
    """Return the process's peak resident memory in MB from /proc, or None."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return None


class _Sampler(threading.Thread):
    """Poll a process's RSS (fallback where /proc has no VmHWM)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, self.process.memory_info().rss / 2**20)
            except psutil.Error:
                return
            time.sleep(0.02)


def run_notebook(path: Path) -> tuple[float, float]:
    """Execute one notebook; return (seconds, peak kernel memory in MB)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    # The kernel's stderr holds only jupyter_client's start-up warning about TCP;
    # cell errors still arrive as outputs and stop the run.
    with client.setup_kernel(stderr=subprocess.DEVNULL):
        pid = client.km.provisioner.pid
        sampler = _Sampler(pid)
        sampler.start()
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        elapsed = time.perf_counter() - start
        sampler.stop.set()
        peak = _peak_rss_mb(pid)
    return elapsed, peak if peak is not None else sampler.peak


def main(argv: list[str]) -> int:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if argv:
        paths = [p for p in paths if p.name[:2] in {a.zfill(2) for a in argv}]
    rows = []
    print(f"{'notebook':<34} {'time (s)':>9} {'peak (MB)':>10}")
    for path in paths:
        seconds, peak = run_notebook(path)
        rows.append((path.name, seconds, peak))
        flag = "" if seconds <= NOTEBOOK_LIMIT_S and peak <= MEMORY_LIMIT_MB else "  ✗"
        print(f"{path.name:<34} {seconds:>9.2f} {peak:>10.0f}{flag}", flush=True)
    total = sum(r[1] for r in rows)
    worst_time = max((r[1] for r in rows), default=0.0)
    worst_mem = max((r[2] for r in rows), default=0.0)
    print(f"{'total':<34} {total:>9.2f} {worst_mem:>10.0f} (max)")
    ok = total <= TOTAL_LIMIT_S and worst_time <= NOTEBOOK_LIMIT_S and worst_mem <= MEMORY_LIMIT_MB
    print(
        f"targets: total ≤ {TOTAL_LIMIT_S:.0f} s: {total <= TOTAL_LIMIT_S}; "
        f"each ≤ {NOTEBOOK_LIMIT_S:.0f} s: {worst_time <= NOTEBOOK_LIMIT_S}; "
        f"each kernel ≤ {MEMORY_LIMIT_MB:.0f} MB: {worst_mem <= MEMORY_LIMIT_MB}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
