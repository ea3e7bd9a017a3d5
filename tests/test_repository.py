"""The repository files a code host shows: CI workflow, pre-commit, templates, citation.

Also the unit tests of ``tools/check_notebooks.py`` (the pre-commit notebook hook),
each on a small synthetic notebook that breaks one rule.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import check_notebooks  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
README = (ROOT / "README.md").read_text()


def load_yaml(relative: str):
    return yaml.safe_load((ROOT / relative).read_text())


# --- the GitHub Actions workflow ------------------------------------------------------


@pytest.fixture(scope="module")
def workflow():
    return load_yaml(".github/workflows/ci.yml")


def workflow_triggers(workflow) -> dict:
    # PyYAML reads the key `on:` as the boolean True (YAML 1.1).
    return workflow.get("on", workflow.get(True))


def test_workflow_runs_make_test_through_ci_run(workflow):
    steps = workflow["jobs"]["test"]["steps"]
    runs = [step.get("run", "").strip() for step in steps]
    assert ".ci/run" in runs, runs
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci_run, re.M)
    assert os.access(ROOT / ".ci" / "run", os.X_OK), ".ci/run must be executable"


def test_workflow_triggers_on_push_pull_request_and_weekly(workflow):
    on = workflow_triggers(workflow)
    assert "push" in on and "pull_request" in on
    crons = [entry["cron"] for entry in on["schedule"]]
    assert len(crons) == 1
    _minute, _hour, day_of_month, month, day_of_week = crons[0].split()
    assert day_of_month == "*" and month == "*" and day_of_week.isdigit(), crons


def test_workflow_matrix_is_the_oldest_and_newest_tested_python(workflow):
    job = workflow["jobs"]["test"]
    assert job["runs-on"].startswith("ubuntu")
    versions = job["strategy"]["matrix"]["python-version"]
    oldest = PYPROJECT["project"]["requires-python"].removeprefix(">=")
    assert versions[0] == oldest, (versions, oldest)
    assert len(versions) == 2 and tuple(map(int, versions[1].split("."))) > (3, 11)
    # The README states the same tested range.
    assert f"Python {versions[0]}" in README and versions[1] in README


def test_workflow_caches_pip_on_the_pin_files(workflow):
    for name, job in workflow["jobs"].items():
        setup = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python")]
        assert setup, f"job {name} does not set up Python"
        settings = setup[0]["with"]
        assert settings["cache"] == "pip"
        keyed_on = settings["cache-dependency-path"].split()
        for pin_file in ("requirements.txt", "constraints.txt", "pyproject.toml"):
            assert pin_file in keyed_on, (name, keyed_on)
            assert (ROOT / pin_file).exists()


def test_link_check_is_its_own_job(workflow):
    job = workflow["jobs"]["links"]
    commands = " ".join(step.get("run", "") for step in job["steps"])
    assert "-k link" in commands
    for test_file in re.findall(r"tests/\S+\.py", commands):
        assert (ROOT / test_file).exists(), test_file


# --- pre-commit -----------------------------------------------------------------------


def test_pre_commit_hooks_are_local_and_use_the_pinned_tools():
    config = load_yaml(".pre-commit-config.yaml")
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert set(hooks) == {"ruff-check", "ruff-format", "check-notebooks"}
    for hook in hooks.values():
        assert hook["language"] == "system"
        assert hook["entry"].startswith(".venv/bin/"), hook["entry"]
    assert "jupyter" in hooks["ruff-check"]["types_or"]
    assert "jupyter" in hooks["ruff-format"]["types_or"]
    assert "tools/check_notebooks.py" in hooks["check-notebooks"]["entry"]
    pins = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^pre-commit==\d+\.\d+\.\d+$", pins, re.M)
    contributing = (ROOT / "CONTRIBUTING.md").read_text()
    assert ".venv/bin/pre-commit install" in contributing


def repository_copy(tmp_path: Path) -> Path:
    """A git repository holding the checkout's files (tracked and new, not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    copy = tmp_path / "repo"
    for name in filter(None, listed.split("\0")):
        if name.startswith((".venv", "build/")):
            continue  # extra venvs (make VENV=.venv-py312 ...) are not the repository
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    # The hooks call .venv/bin/...: the venv running this test (any VENV= on make).
    (copy / ".venv").symlink_to(Path(sys.prefix))
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True)
    return copy


@pytest.mark.slow
def test_pre_commit_passes_on_the_whole_repository(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pre_commit = Path(sys.prefix) / "bin" / "pre-commit"
    assert pre_commit.exists(), "pre-commit is pinned in requirements.txt: run make setup"
    copy = repository_copy(tmp_path)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "SKIP": "",
    }
    result = subprocess.run(
        [str(pre_commit), "run", "--all-files", "--color", "never"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    failed = [
        re.sub(r"\.*Failed$", "", line)
        for line in result.stdout.splitlines()
        if line.endswith("Failed")
    ]
    assert result.returncode == 0, (
        f"pre-commit run --all-files failed ({', '.join(failed)}); its report:\n"
        + result.stdout[-6000:]
        + result.stderr[-2000:]
    )


# --- tools/check_notebooks.py ---------------------------------------------------------


def code_cell(source="x = 1", count=1, outputs=(), **metadata):
    return {
        "cell_type": "code",
        "id": f"c{abs(hash(source)) % 10_000}",
        "source": source,
        "execution_count": count,
        "outputs": list(outputs),
        "metadata": dict(metadata),
    }


def write_notebook(tmp_path: Path, *cells) -> Path:
    nb = {
        "cells": list(cells),
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb))
    return path


HIDDEN = {"source_hidden": True, "outputs_hidden": True}


def test_check_notebooks_accepts_a_stored_executed_notebook(tmp_path):
    path = write_notebook(
        tmp_path,
        code_cell("print(1)", 1, [{"output_type": "stream", "name": "stdout", "text": "1\n"}]),
        code_cell("", None),  # an empty cell need not have run
        code_cell("answer_1 = 2", 2, tags=["solution"], jupyter=HIDDEN),
        {
            "cell_type": "markdown",
            "id": "m",
            "source": "Proof.",
            "metadata": {"tags": ["solution"], "jupyter": HIDDEN},
        },
    )
    assert check_notebooks.problems(path) == []
    assert check_notebooks.main([str(path)]) == 0


def test_check_notebooks_refuses_a_cell_never_run(tmp_path):
    path = write_notebook(tmp_path, code_cell("x = 1", 1), code_cell("y = 2", None))
    found = check_notebooks.problems(path)
    assert len(found) == 1 and "cell 1" in found[0] and "never run" in found[0]
    assert check_notebooks.main([str(path)]) == 1


def test_check_notebooks_refuses_an_error_output(tmp_path):
    error = {"output_type": "error", "ename": "ZeroDivisionError", "evalue": "", "traceback": []}
    path = write_notebook(tmp_path, code_cell("1 / 0", 1, [error]))
    found = check_notebooks.problems(path)
    assert len(found) == 1 and "ZeroDivisionError" in found[0]


@pytest.mark.parametrize(
    "jupyter",
    [
        None,
        {"source_hidden": True},
        {"outputs_hidden": True},
        {"source_hidden": "true", "outputs_hidden": True},
    ],
)
def test_check_notebooks_refuses_a_solution_not_folded(tmp_path, jupyter):
    metadata = {"tags": ["solution"]} | ({"jupyter": jupyter} if jupyter is not None else {})
    path = write_notebook(tmp_path, code_cell("answer_1 = 2", 1, **metadata))
    found = check_notebooks.problems(path)
    assert len(found) == 1 and "solution cell not folded" in found[0], found
    missing = [
        k for k in ("source_hidden", "outputs_hidden") if (jupyter or {}).get(k) is not True
    ]
    for key in missing:
        assert f"jupyter.{key}" in found[0]


def test_check_notebooks_wants_both_flags_on_a_markdown_solution(tmp_path):
    folded = {"source_hidden": True, "outputs_hidden": True}
    cell = {
        "cell_type": "markdown",
        "id": "proof",
        "metadata": {"tags": ["solution"], "jupyter": dict(folded)},
        "source": "**Solution.** The proof.",
    }
    assert check_notebooks.problems(write_notebook(tmp_path, cell)) == []
    cell["metadata"]["jupyter"] = {"source_hidden": True}
    problems = check_notebooks.problems(write_notebook(tmp_path, cell))
    assert "jupyter.outputs_hidden" in problems[0]
    cell["metadata"]["jupyter"] = {}
    assert "jupyter.source_hidden" in check_notebooks.problems(write_notebook(tmp_path, cell))[0]


def test_check_notebooks_refuses_a_file_that_is_not_a_notebook(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{not json")
    assert "cannot be read" in check_notebooks.problems(path)[0]
    assert check_notebooks.main([]) == 2


def test_check_notebooks_as_a_script_reports_every_problem(tmp_path):
    path = write_notebook(
        tmp_path,
        code_cell("a = 1", None),
        code_cell("b = 1", 2, tags=["solution"]),
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check_notebooks.py"), str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "2 problem(s) in 1 notebook(s)" in result.stdout


# --- packaging ------------------------------------------------------------------------


def test_licence_is_an_spdx_string_with_a_setuptools_that_reads_it():
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    requires = PYPROJECT["build-system"]["requires"]
    (setuptools,) = [r for r in requires if r.startswith("setuptools")]
    minimum = int(re.search(r">=\s*(\d+)", setuptools).group(1))
    assert minimum >= 77, "setuptools reads SPDX licence strings from version 77"


def test_every_helpers_subpackage_is_installed():
    find = PYPROJECT["tool"]["setuptools"]["packages"]["find"]
    assert find["include"] == ["helpers*"]
    data = PYPROJECT["tool"]["setuptools"]["package-data"]
    assert "*.js" in data["*"]


# --- issue templates, citation, changelog ---------------------------------------------


def template_fields(name: str) -> dict:
    form = load_yaml(f".github/ISSUE_TEMPLATE/{name}")
    assert form["name"] and form["description"] and form["body"]
    return {item["id"]: item for item in form["body"] if "id" in item}


def test_errata_form_asks_for_notebook_cell_wrong_right_and_source():
    fields = template_fields("errata.yml")
    assert {"notebook", "cell", "wrong", "should_be", "source"} <= set(fields)
    for required in ("notebook", "cell", "wrong", "should_be"):
        assert fields[required]["validations"]["required"] is True
    notebooks = fields["notebook"]["attributes"]["options"]
    on_disk = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert [option.split(" ")[0] for option in notebooks[: len(on_disk)]] == on_disk


def test_bug_and_suggestion_forms_and_config():
    assert {"what_happened", "command", "environment"} <= set(template_fields("bug.yml"))
    assert {"idea", "why"} <= set(template_fields("suggestion.yml"))
    config = load_yaml(".github/ISSUE_TEMPLATE/config.yml")
    assert config["blank_issues_enabled"] is False


def test_citation_cff_is_valid_cff_1_2_0():
    cff = load_yaml("CITATION.cff")
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "type", "license", "version"):
        assert cff.get(key), key
    assert cff["type"] == "software"
    assert cff["license"] == PYPROJECT["project"]["license"]
    assert str(cff["version"]) == PYPROJECT["project"]["version"]
    for author in cff["authors"]:
        assert author.get("name") or author.get("family-names"), author
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))


def test_changelog_keeps_a_changelog():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog")
    assert "keepachangelog.com" in changelog
    assert "## [Unreleased]" in changelog
    sections = re.findall(r"^### (\w+)$", changelog, re.M)
    assert sections and set(sections) <= {
        "Added",
        "Changed",
        "Deprecated",
        "Removed",
        "Fixed",
        "Security",
    }


# --- README and Binder ----------------------------------------------------------------


def test_binder_and_ci_badges_use_the_one_repository_name():
    repository = PYPROJECT["tool"]["course"]["repository"]
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", repository)
    for url in re.findall(r"https://mybinder\.org/v2/gh/([^?)\s]+)", README):
        assert url.startswith(f"{repository}/"), url
    for url in re.findall(r"https://github\.com/([\w.-]+/[\w.-]+)", README):
        assert url == repository, url
    assert "mybinder.org" in README
    cff = load_yaml("CITATION.cff")
    assert cff["repository-code"] == f"https://github.com/{repository}"


def test_environment_yml_installs_the_course_package():
    env = load_yaml("environment.yml")
    pip = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip or "." in pip


def test_readme_make_commands_exist():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    used = set(re.findall(r"`make ([a-z][\w-]*)", README)) | set(
        re.findall(r"^make ([a-z][\w-]*)", README, re.M)
    )
    assert used, "the README names no make command"
    assert used <= targets, f"README names make targets the Makefile lacks: {used - targets}"


def test_readme_puts_students_first_then_teaching_then_maintainers():
    headings = re.findall(r"^## (.+)$", README, re.M)
    teaching = next(i for i, h in enumerate(headings) if h.startswith("Teaching"))
    maintaining = next(i for i, h in enumerate(headings) if "aintain" in h)
    assert 0 < teaching < maintaining
    assert "CONTRIBUTING.md" in README.split(f"## {headings[maintaining]}")[1]
    student_part = README.split(f"## {headings[teaching]}")[0]
    for word in ("nbval", "Hypothesis", "Playwright"):
        assert word not in student_part, f"{word} belongs in CONTRIBUTING.md"


MD_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)\s]*)?\)")


@pytest.mark.parametrize("name", ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"])
def test_markdown_links_to_repository_files_resolve(name):
    text = (ROOT / name).read_text()
    missing = [
        target
        for target in MD_LINK.findall(text)
        if not re.match(r"[a-z]+:", target) and not (ROOT / target).exists()
    ]
    assert not missing, f"{name} links to missing files: {missing}"
