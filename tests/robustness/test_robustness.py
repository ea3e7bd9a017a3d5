"""Every public name of helpers, fed bad and edge-case inputs (issue 20).

The specs live in ``spec_<module>.py`` files beside this one, one per helpers
module (README.md says how to write one). This file

1. loads them all, and checks each spec's bad calls (a ValueError/TypeError
   naming the argument, input unchanged) and good calls (Hypothesis examples,
   derandomized by the ``course`` profile of the root conftest.py: a correct,
   finite result, input unchanged, no other exception type);
2. walks every module of the helpers package and fails when a name in a
   module's ``__all__`` has no spec (unless the module is in ``PENDING``), or a
   spec names something that is not public.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers

HERE = Path(__file__).resolve().parent
PACKAGE = "robustness_specs"

# Modules whose specs are still to be written by the engineers who own them.
# The completeness test skips these (and their submodules); empty the set as
# spec files arrive. Everything else in helpers must be covered.
PENDING: set[str] = set()


def _load_specs() -> dict[str, types.ModuleType]:
    """Import every spec_*.py as ``robustness_specs.<stem>``; return {module name: spec module}."""
    if PACKAGE not in sys.modules:
        package = types.ModuleType(PACKAGE)
        package.__path__ = [str(HERE)]
        sys.modules[PACKAGE] = package
    specs = {}
    for path in sorted(HERE.glob("spec_*.py")):
        module = importlib.import_module(f"{PACKAGE}.{path.stem}")
        target = getattr(module, "MODULE", None)
        assert isinstance(target, str), f"{path.name} must set MODULE = 'helpers.…'"
        assert target not in specs, f"{path.name}: a second spec file for {target}"
        expected_stem = "spec_" + target.removeprefix("helpers.").replace(".", "_")
        assert path.stem == expected_stem, f"{path.name} should be named {expected_stem}.py"
        specs[target] = module
    return specs


SPECS = _load_specs()


def _cases(kind: str):
    for module_name, spec_module in SPECS.items():
        for name, spec in spec_module.SPECS.items():
            label = f"{module_name}.{name}"
            if kind == "bad":
                for i, bad in enumerate(spec.bad):
                    yield pytest.param(label, spec, bad, id=f"{label}-bad{i}")
            elif kind == "good" and spec.good is not None:
                yield pytest.param(label, spec, id=label)
            elif kind == "constant" and spec.func is None:
                yield pytest.param(label, spec, id=label)


_harness = importlib.import_module(f"{PACKAGE}.harness")
run_bad, run_good = _harness.run_bad, _harness.run_good


@pytest.mark.parametrize(("label", "spec", "bad"), list(_cases("bad")))
def test_bad_input_is_refused_clearly(label, spec, bad):
    run_bad(label, spec, bad)


@pytest.mark.parametrize(("label", "spec"), list(_cases("good")))
def test_edge_cases_give_correct_finite_results(label, spec):
    @settings(
        max_examples=spec.max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def run(data):
        run_good(label, spec, data.draw(spec.good, label="args"))

    run()


@pytest.mark.parametrize(("label", "spec"), list(_cases("constant")))
def test_constants(label, spec):
    module_name, _, name = label.rpartition(".")
    spec.check(getattr(importlib.import_module(module_name), name))


# --------------------------------------------------------------------------- completeness


def _pending(module_name: str) -> bool:
    return any(module_name == p or module_name.startswith(p + ".") for p in PENDING)


def _helpers_modules(*, with_pending: bool = False) -> dict[str, types.ModuleType]:
    modules = {"helpers": helpers}
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if with_pending or not _pending(info.name):
            modules[info.name] = importlib.import_module(info.name)
    return modules


def _defined_names(module_name: str, module, modules) -> list[str]:
    """The names of ``module.__all__`` that it defines (not re-exports of a submodule's)."""
    names = []
    for name in getattr(module, "__all__", ()):
        obj = getattr(module, name)
        if isinstance(obj, types.ModuleType):
            continue  # a submodule: covered by its own spec file
        re_exported = any(
            other != module_name
            and other.startswith(module_name + ".")
            and name in getattr(other_module, "__all__", ())
            and getattr(other_module, name, None) is obj
            for other, other_module in modules.items()
        ) or (
            # a package re-exporting a name from a pending module (helpers.check)
            getattr(obj, "__module__", "").startswith("helpers.") and _pending(obj.__module__)
        )
        if not re_exported:
            names.append(name)
    return names


def test_every_public_name_has_a_spec():
    modules = _helpers_modules()
    missing = []
    for module_name, module in modules.items():
        wanted = _defined_names(module_name, module, modules)
        have = SPECS[module_name].SPECS if module_name in SPECS else {}
        missing += [f"{module_name}.{n}" for n in wanted if n not in have]
    assert not missing, (
        "public names without a robustness spec (add them to the module's "
        f"tests/robustness/spec_*.py, see README.md): {missing}"
    )


def test_every_spec_names_a_public_name():
    modules = _helpers_modules(with_pending=True)  # a pending module may have a spec already
    stale = []
    for module_name, spec_module in SPECS.items():
        assert module_name in modules, f"spec for {module_name}, which is not a helpers module"
        public = set(getattr(modules[module_name], "__all__", ()))
        stale += [f"{module_name}.{n}" for n in spec_module.SPECS if n not in public]
    assert not stale, f"specs for names that are not in __all__: {stale}"


def test_pending_modules_exist():
    # a PENDING entry that names nothing would hide a typo
    names = {info.name for info in pkgutil.walk_packages(helpers.__path__, "helpers.")}
    for p in PENDING:
        assert p in names, f"PENDING names {p}, which is not a helpers module"
