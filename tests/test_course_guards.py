"""The whole course, run the hard way: offline, single-threaded BLAS, from elsewhere.

One extra nbval run of every notebook, with

- a copy of ``notebooks/`` in a temporary folder outside the repository (so a
  notebook that finds files relative to the working directory fails),
- ``OPENBLAS_NUM_THREADS=1`` (the stored outputs were made with the default
  thread count, so this checks that the outputs do not depend on it),
- on x86-64, another machine's arithmetic: OpenBLAS's Sandybridge kernels (or
  Prescott's, on a CPU without AVX) and NumPy without its AVX2/AVX-512 loops
  (``numerics_of_another_machine``). Round-off printed raw differs there, as it
  does on a CI runner with another CPU, so such an output fails here first,
- the IPython start-up guards in ``tests/kernel_guards``: warnings are errors,
  network connections other than loopback fail, writes outside a temp dir fail.

The ordinary ``make test`` nbval run covers the default thread count; this
test covers the rest of the determinism and portability promises.
"""

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUARDS = ROOT / "tests" / "kernel_guards" / "00_course_guards.py"


def numerics_of_another_machine() -> dict[str, str]:
    """Environment variables that change the last bits of BLAS and NumPy results.

    OpenBLAS picks its kernels for the CPU at start-up and NumPy its SIMD loops;
    both can be told to use older ones. On a CPU without AVX, Sandybridge's
    kernels would crash, so Prescott's (SSE3, every x86-64) are used instead.
    Elsewhere (aarch64) nothing is changed.
    """
    if platform.machine() not in ("x86_64", "AMD64"):
        return {}
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        flags = ""
    return {
        "OPENBLAS_CORETYPE": "Sandybridge" if " avx " in flags else "Prescott",
        "NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR",
    }


def guarded_env(tmp_path: Path, threads: int, extra_startup: str = "") -> dict[str, str]:
    """The environment of a guarded kernel; ``extra_startup`` runs after the guards' file."""
    scratch = tmp_path / "scratch"
    ipython = tmp_path / "ipython"
    mpl = tmp_path / "mpl"
    startup = ipython / "profile_default" / "startup"
    for d in (scratch, startup, mpl):
        d.mkdir(parents=True)
    shutil.copy(GUARDS, startup / GUARDS.name)
    if extra_startup:
        (startup / "01_extra.py").write_text(extra_startup)
    env = dict(os.environ)
    env.update(
        {
            "OPENBLAS_NUM_THREADS": str(threads),
            "IPYTHONDIR": str(ipython),
            "MPLCONFIGDIR": str(mpl),
            "TMPDIR": str(scratch),
            "COURSE_GUARD_WRITABLE": os.pathsep.join(map(str, (scratch, ipython, mpl))),
        }
    )
    return env


def run_nbval(notebooks: list[Path], cwd: Path, env: dict[str, str]):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(ROOT / "tests" / "sanitize.cfg"),
            "--nbval-cell-timeout",
            "120",
            "-p",
            "no:cacheprovider",
            "-q",
            *map(str, notebooks),
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


def copy_notebooks(tmp_path: Path) -> list[Path]:
    target = tmp_path / "elsewhere" / "course-copy"
    target.mkdir(parents=True)
    copies = []
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        copies.append(Path(shutil.copy(nb, target / nb.name)))
    return copies


@pytest.mark.slow
def test_course_offline_single_threaded_from_another_folder(tmp_path):
    copies = copy_notebooks(tmp_path)
    cwd = tmp_path / "somewhere-else"
    cwd.mkdir()
    env = guarded_env(tmp_path, threads=1) | numerics_of_another_machine()
    result = run_nbval(copies, cwd, env)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_guards_catch_network_writes_and_warnings(tmp_path):
    """The guards themselves work: a notebook breaking each rule fails."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    cells = {
        "network": "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=1)",
        "write": f"open({str(ROOT / 'guard-test-should-not-exist.txt')!r}, 'w')",
        "warning": "import warnings\nwarnings.warn('deprecated', DeprecationWarning)",
        "ok": "import tempfile\nopen(tempfile.mkstemp()[1], 'w').close()\nprint('fine')",
    }
    for source in cells.values():
        nb.cells.append(nbformat.v4.new_code_cell(source))
    path = tmp_path / "nb" / "guards.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    result = run_nbval([path], tmp_path, guarded_env(tmp_path, threads=1))
    # Stored outputs are empty, so only execution errors can fail a cell; the
    # three rule-breaking cells must fail and the last one must pass.
    assert "3 failed, 1 passed" in result.stdout, result.stdout[-3000:]
    assert "network access is disabled" in result.stdout
    assert "may only write to a temp dir" in result.stdout
    assert "DeprecationWarning" in result.stdout
    assert not (ROOT / "guard-test-should-not-exist.txt").exists()


def test_guards_spare_the_kernels_start_up_but_not_the_cells(tmp_path):
    """A warning while the kernel starts is not an error; the same warning in a cell is.

    On Python 3.12+ tornado warns "There is no current event loop" while the
    kernel starts, after the start-up files ran. This test stands in for it on
    every Python: a start-up file warns after the guards are installed.
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(nbformat.v4.new_code_cell("print('kernel up')"))
    nb.cells.append(
        nbformat.v4.new_code_cell("import warnings\nwarnings.warn('in a cell', UserWarning)")
    )
    nb.cells.append(nbformat.v4.new_code_cell("print('still guarded')"))
    path = tmp_path / "nb" / "start_up.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    start_up_warning = (
        "import warnings\n"
        "warnings.warn('There is no current event loop (stand-in)', DeprecationWarning)\n"
    )
    env = guarded_env(tmp_path, threads=1, extra_startup=start_up_warning)
    result = run_nbval([path], tmp_path, env)
    assert "1 failed, 2 passed" in result.stdout, result.stdout[-3000:] + result.stderr[-2000:]
    assert "UserWarning" in result.stdout
    assert "in a cell" in result.stdout


@pytest.mark.skipif(not numerics_of_another_machine(), reason="x86-64 only")
def test_the_other_machines_numerics_take_effect():
    """The guard run really uses other kernels: OpenBLAS and NumPy report the ones asked for."""
    probe = (
        "import numpy as np, threadpoolctl\n"
        "print(sorted({i['architecture'] for i in threadpoolctl.threadpool_info()}))\n"
        "print(np.__config__.CONFIG['SIMD Extensions'].get('found', []))\n"
    )
    env = dict(os.environ) | numerics_of_another_machine()
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == repr([env["OPENBLAS_CORETYPE"]]), out
    assert "X86_V3" not in out[1] and "X86_V4" not in out[1], out
