"""Robustness spec of helpers.widgets.common: the pieces every widget shares."""

import math
from decimal import Decimal

import anywidget
import ipywidgets as widgets
from hypothesis import strategies as st

from helpers.widgets import common

from .harness import Spec, constant, ensure
from .inputs import args, bad_int_values, refuse_each

MODULE = "helpers.widgets.common"


class _Demo(common.StaticState, anywidget.AnyWidget):
    static_kind = "demo"
    _esm = "export default { render() {} };"

    def static_state(self) -> dict:
        return {"x": 1}


def _bundle(kind):
    widget = _Demo()
    widget.static_kind = kind
    return widget._repr_mimebundle_()


def _bundle_ok(bundle, call):
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    ensure(data[common.STATIC_MIME] == {"kind": call.args[0], "state": {"x": 1}})


def _parsed(text: str) -> float:
    text = text.replace("−", "-")
    return {"NaN": math.nan, "∞": math.inf, "-∞": -math.inf}.get(text) or float(text)


def _formatted(text, call):
    x, decimals = float(call.args[0]), call.kwargs.get("decimals", 3)
    ensure(isinstance(text, str) and not text.startswith("-"), f"{text!r}: the sign is −")
    if math.isnan(x):
        return ensure(text == "NaN")
    if math.isinf(x) or x == 0:
        return ensure(_parsed(text) == x)
    error = abs(Decimal(text.replace("−", "-")) - Decimal(x))  # exact: no overflow near 1.8e308
    if 1e-3 <= abs(x) < 1e6:
        ensure(error <= Decimal("0.5001") * Decimal(10) ** -decimals, f"{x!r} shown as {text!r}")
    else:  # d digits of the mantissa
        bound = Decimal("0.5001") * Decimal(10) ** -decimals * abs(Decimal(x)) * 10
        ensure(error <= bound, f"{x!r} shown as {text!r}")


def _guarded_call(status, message="k must be at least 1", callback=None):
    def fail():
        raise ValueError(message)

    wrapped = common.guarded(status)(fail if callback is None else callback)
    wrapped()
    return status.value


def _html_status(kind):
    return widgets.HTML() if kind == "HTML" else kind


SPECS = {
    "STATIC_MIME": constant(lambda v: ensure(v == "application/vnd.course.widget-state+json")),
    "StaticState": Spec(
        func=_bundle,
        good=st.sampled_from(["matrix_explorer", "qr_stepper"]).map(lambda k: args(k)),
        check=_bundle_ok,
        max_examples=2,
    ),
    "format_number": Spec(
        func=common.format_number,
        bad=refuse_each("x", [None, "1.5", True, [1.0], 1 + 1j], lambda x: args(x))
        + refuse_each("decimals", [*bad_int_values(low=0), 18], lambda d: args(1.0, decimals=d)),
        good=st.tuples(
            st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([1e-3, 999999.9999]),
            st.integers(0, 6),
        ).map(lambda t: args(t[0], decimals=t[1])),
        check=_formatted,
        max_examples=60,
    ),
    "status_html": Spec(
        func=common.status_html,
        bad=refuse_each("text", [None, 3, ["a"]], lambda t: args(t))
        + refuse_each("kind", ["fatal", None, ["ok"], 3], lambda k: args("x", k)),
        good=st.tuples(
            st.text(max_size=20), st.sampled_from(["ok", "info", "warning", "error"])
        ).map(lambda t: args(*t)),
        check=lambda out, call: ensure(
            f"course-status-{call.args[1]}" in out and "<script" not in out
        ),
    ),
    "new_status": Spec(
        func=common.new_status,
        good=st.just(args()),
        check=lambda status, call: ensure(isinstance(status, widgets.HTML) and status.value == ""),
        max_examples=1,
    ),
    "guarded": Spec(
        func=lambda status, *rest: _guarded_call(_html_status(status), *rest),
        bad=refuse_each("status", [None, "status", 3], lambda s: args(s))
        + refuse_each("callback", [3, "fail"], lambda c: args("HTML", "m", c)),
        good=st.text(min_size=1, max_size=20).map(lambda m: args("HTML", m)),
        check=lambda value, call: ensure("course-status-error" in value and "ValueError" in value),
    ),
    "widget_esm": Spec(
        func=common.widget_esm,
        bad=refuse_each("name", [None, 3, "../common", "common", "pixel_view", "nope"], args),
        good=st.sampled_from(["matrix_explorer", "svd_geometry", "qr_stepper"]).map(args),
        check=lambda text, call: ensure(
            "export default" in text and text.count("export default") == 1
        ),
        max_examples=3,
    ),
}
