"""The environment check of notebook 00: versions against the pins.

:func:`pinned_versions` reads ``requirements.txt``; :func:`check_versions`
compares what is installed with it, so a reader sees at once whether the
course runs on the versions it was tested with.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from .validation import as_flag

__all__ = [
    "normalise",
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


def _check_name(name, arg: str) -> None:
    if not isinstance(name, str):
        raise TypeError(
            f"{arg} must hold package names (str), got {name!r} ({type(name).__name__})"
        )
    if not name.strip():
        raise ValueError(f"{arg} must hold nonempty package names, got {name!r}")


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

    Raises
    ------
    TypeError
        If ``path`` is not a string or path.
    ValueError
        If the file cannot be read (the message names it).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path, got {type(path).__name__}")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read the pin file {str(path)!r}: {exc}") from None
    pins = {}
    for line in text.splitlines():
        match = _PIN.match(line)
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def normalise(name: str) -> str:
    """Normalise a package name as PEP 503 does (lower case, runs of ``-_.`` → ``-``).

    Raises
    ------
    TypeError
        If ``name`` is not a string.

    Examples
    --------
    >>> normalise("Jupyter_Server.Terminals")
    'jupyter-server-terminals'
    """
    _check_name(name, "name")
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_version(package: str) -> str | None:
    """Return the installed version of ``package``, or None when it is missing.

    Raises
    ------
    TypeError
        If ``package`` is not a string.
    ValueError
        If ``package`` is empty.
    """
    _check_name(package, "package")
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def check_versions(packages=CORE_PACKAGES, *, verbose: bool = True) -> bool:
    """Compare installed versions with the pins and print one line per package.

    Parameters
    ----------
    packages : str or iterable of str, optional
        Which packages to check; one name alone is one package (not its
        letters).
    verbose : bool, optional
        Print the table.

    Returns
    -------
    bool
        True when every package is installed at its pinned version.

    Raises
    ------
    TypeError
        If ``packages`` is not a name or an iterable of names, or ``verbose``
        is not a bool.
    ValueError
        If ``packages`` is empty or holds an empty name.
    """
    if isinstance(packages, str):
        packages = (packages,)
    elif not isinstance(packages, Iterable) or isinstance(packages, bytes):
        raise TypeError(
            f"packages must be a package name or an iterable of names, "
            f"got {type(packages).__name__}"
        )
    packages = tuple(packages)  # read once: an iterator would be used up by the check
    if not packages:
        raise ValueError("packages must name at least one package, got an empty collection")
    for package in packages:
        _check_name(package, "packages")
    verbose = as_flag(verbose, "verbose")
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
