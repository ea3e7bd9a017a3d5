"""The environment check of notebook 00: versions against the pins.

:func:`pinned_versions` reads ``requirements.txt``; :func:`check_versions`
compares what is installed with it, so a reader sees at once whether the
course runs on the versions it was tested with.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

__all__ = [
    "REQUIREMENTS",
    "CORE_PACKAGES",
    "pinned_versions",
    "installed_version",
    "check_versions",
]

#: The pip pin file at the repository's root.
REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"

#: The packages the notebooks import, in the order the check prints them.
CORE_PACKAGES = (
    "numpy",
    "scipy",
    "matplotlib",
    "pillow",
    "sympy",
    "ipywidgets",
    "jupyterlab",
    "nbval",
)

_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


def pinned_versions(path: str | Path = REQUIREMENTS) -> dict[str, str]:
    """Return ``{package: version}`` for every ``name==version`` line of a pin file.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The requirements file; the repository's ``requirements.txt`` by default.

    Returns
    -------
    dict
        Package names normalised to lower case with ``-`` for ``_`` and ``.``.
    """
    pins = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def normalise(name: str) -> str:
    """Normalise a package name as PEP 503 does (lower case, runs of ``-_.`` → ``-``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_version(package: str) -> str | None:
    """Return the installed version of ``package``, or None when it is missing."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def check_versions(packages=CORE_PACKAGES, *, verbose: bool = True) -> bool:
    """Compare installed versions with the pins and print one line per package.

    Parameters
    ----------
    packages : iterable of str, optional
        Which packages to check.
    verbose : bool, optional
        Print the table.

    Returns
    -------
    bool
        True when every package is installed at its pinned version.
    """
    pins = pinned_versions()
    all_ok = True
    for package in packages:
        want = pins.get(normalise(package))
        have = installed_version(package)
        ok = have is not None and (want is None or have == want)
        all_ok &= ok
        if verbose:
            mark = "✅" if ok else "❌"
            print(f"{mark} {package:<12} installed {have or 'missing':<10} pinned {want or '-'}")
    return all_ok
