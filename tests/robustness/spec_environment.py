"""Robustness spec of helpers.environment."""

from pathlib import Path

from hypothesis import strategies as st

from helpers import environment as env

from .harness import Spec, constant, ensure
from .inputs import args, bad_flag_values, refuse_each

MODULE = "helpers.environment"

SPECS = {
    "REQUIREMENTS": constant(
        lambda p: ensure(isinstance(p, Path) and p.name == "requirements.txt")
    ),
    "CORE_PACKAGES": constant(lambda t: ensure(isinstance(t, tuple) and "numpy" in t)),
    "normalise": Spec(
        func=env.normalise,
        bad=refuse_each("name", [None, 3, b"numpy"], lambda n: args(n)),
        good=st.sampled_from(["NumPy", "jupyter_server.terminals", "a--b"]).map(lambda n: args(n)),
        check=lambda r, call: ensure(r == r.lower() and "_" not in r and "." not in r),
    ),
    "pinned_versions": Spec(
        func=env.pinned_versions,
        bad=refuse_each("path", [None, 3], lambda p: args(p))
        + refuse_each("missing.txt", ["missing.txt"], lambda p: args(p)),
        good=st.just(args()),
        check=lambda pins, call: ensure("numpy" in pins),
    ),
    "installed_version": Spec(
        func=env.installed_version,
        bad=refuse_each("package", [None, 3, ""], lambda p: args(p)),
        good=st.sampled_from(["numpy", "no-such-package-xyz"]).map(lambda p: args(p)),
        check=lambda v, call: ensure((v is None) == (call.args[0] != "numpy")),
    ),
    "check_versions": Spec(
        func=env.check_versions,
        bad=refuse_each("packages", [3, [3], [], [""]], lambda p: args(p, verbose=False))
        + refuse_each("verbose", bad_flag_values(), lambda f: args(verbose=f)),
        good=st.sampled_from(["numpy", ("numpy", "scipy"), ["pillow"]]).map(
            lambda p: args(p, verbose=False)
        ),
        check=lambda ok, call: ensure(isinstance(ok, bool)),
    ),
}
