"""The two environments agree, and the README's commands are the ones CI runs."""

import re
from pathlib import Path

import pytest

from helpers.environment import check_versions, normalise, pinned_versions

ROOT = Path(__file__).resolve().parents[1]

CONDA_LINE = re.compile(r"^\s*-\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*([^=\s]+)\s*$")
PIP_LINE = re.compile(r"^\s*-\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*(\S+)\s*$")


def environment_yml_pins():
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        line = line.split("#")[0]
        match = PIP_LINE.match(line) or CONDA_LINE.match(line)
        if match and match.group(1) != "python":
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def test_requirements_and_environment_yml_pin_the_same_versions():
    pip = pinned_versions(ROOT / "requirements.txt")
    conda = environment_yml_pins()
    assert len(pip) >= 15
    assert pip == conda, {
        "only in requirements.txt": sorted(set(pip) - set(conda)),
        "only in environment.yml": sorted(set(conda) - set(pip)),
        "different versions": {
            k: (pip[k], conda[k]) for k in pip.keys() & conda if pip[k] != conda[k]
        },
    }


def test_every_requirement_is_exactly_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert "==" in line, f"not pinned exactly: {line}"


def test_constraints_agree_with_requirements():
    pins = pinned_versions(ROOT / "requirements.txt")
    lock = pinned_versions(ROOT / "constraints.txt")
    for name, version in pins.items():
        assert lock.get(name) == version, f"{name}: requirements {version}, lock {lock.get(name)}"


def test_installed_versions_are_the_pinned_ones():
    assert check_versions(verbose=False)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert re.search(r"^make test$", ci, re.M)
    assert "make test" in readme and "make lab" in readme
    assert "conda env create -f environment.yml" in readme


def test_lab_binds_to_localhost_and_keeps_the_token():
    makefile = (ROOT / "Makefile").read_text()
    lab = makefile.split("\nlab:")[1].split("\n\n")[0]
    assert "--ServerApp.ip=127.0.0.1" in lab
    assert "token=''" not in lab and 'token=""' not in lab and "disable_check_xsrf" not in lab


# --------------------------------------------------------------------------- issue 20


def test_one_name_is_one_package_not_its_letters(capsys):
    # check_versions("numpy") iterated over "n", "u", "m", …
    check_versions("numpy")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and "numpy" in lines[0]


def test_an_iterator_of_names_is_read_once(capsys):
    ok = check_versions(iter(["numpy", "scipy"]))
    assert len(capsys.readouterr().out.strip().splitlines()) == 2
    assert ok == check_versions(["numpy", "scipy"], verbose=False)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"packages": 3}, TypeError, "packages must be a package name or an iterable"),
        ({"packages": [3]}, TypeError, "packages must hold package names"),
        ({"packages": []}, ValueError, "packages must name at least one package"),
        ({"packages": [""]}, ValueError, "packages must hold nonempty package names"),
        ({"verbose": "no"}, TypeError, "verbose must be True or False"),
    ],
)
def test_check_versions_guards(kwargs, error, words):
    with pytest.raises(error, match=words):
        check_versions(**kwargs)


def test_pin_file_errors_name_the_file(tmp_path):
    with pytest.raises(ValueError, match="cannot read the pin file .*missing.txt"):
        pinned_versions(tmp_path / "missing.txt")
    with pytest.raises(TypeError, match="path must be a file path"):
        pinned_versions(3)
    with pytest.raises(TypeError, match="name must hold package names"):
        normalise(None)
