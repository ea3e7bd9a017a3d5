"""Robustness spec of helpers.widgets.lora_calculator (the Python side of notebook 10's widget)."""

import importlib

from hypothesis import strategies as st

from helpers.lora import CONFIGS, DEFAULT_MEMORY, get_config, lora_params

from .harness import Bad, Spec, constant, ensure
from .inputs import args, bad_int_values, refuse_each

MODULE = "helpers.widgets.lora_calculator"
# the package's ``lora_calculator`` is the function: the module comes by its path
lc = importlib.import_module(MODULE)

_names = st.sampled_from(sorted(CONFIGS))
_choices = st.tuples(
    _names, st.integers(1, 64), st.sampled_from([("q", "v"), ("q", "k", "v", "o"), ("o",)])
)
_bad_targets = [3, [], ["q", "q"], ["x"], [3], None]
_bad_model = [None, 3, "GPT-5"]


def _calculated(r, call):
    name, rank, targets = call.args[:3]
    ensure(set(r) == set(lc.FIELDS))
    ensure(r["trainable"] == lora_params(name, rank, targets) and type(r["trainable"]) is int)
    ensure(0 < r["percent"] < 100 and r["lora_ft_gb"] < r["full_ft_gb"])


def _result():
    return lc.calculate("LLaMA-7B", 8, ("q", "v"))


_bad_results = [
    (None, "result"),
    ([1], "result"),
    ({"trainable": 1}, "result"),
    ({**_result(), "trainable": 2.5}, "result['trainable']"),
    ({**_result(), "total": True}, "result['total']"),
    ({**_result(), "percent": float("nan")}, "result['percent']"),
    ({**_result(), "adapter_mb": "1"}, "result['adapter_mb']"),
    ({**_result(), "lora_ft_gb": -1.0}, "result['lora_ft_gb']"),
]


def _view(**kw):
    return lc.LoRACalculator(**kw)


def _view_ok(view, call):
    kw = call.kwargs
    ensure((view.model, view.rank, view.targets) == (kw["model"], kw["rank"], list(kw["targets"])))
    ensure(view.result() == lc.calculate(kw["model"], kw["rank"], kw["targets"]))


def _box_state(*a, **kw):
    return lc.lora_calculator(*a, **kw).static_state()


def _box_ok(state, call):
    name, rank, targets = call.args[:3]
    ensure((state["model"], state["rank"], state["targets"]) == (name, rank, list(targets)))
    ensure(set(state["models"]) == set(CONFIGS) and state["max_rank"] >= rank)


_valid = dict(model="LLaMA-7B", rank=8, targets=["q", "v"])

SPECS = {
    "FIELDS": constant(lambda f: ensure(f[0] == "trainable" and len(f) == 6)),
    "TARGET_NAMES": constant(
        lambda names: ensure(set(names) == {t for c in CONFIGS for t in get_config(c).targets})
    ),
    "calculate": Spec(
        func=lc.calculate,
        bad=refuse_each(("model", "model_name"), _bad_model, lambda m: args(m, 8, ("q",)))
        + refuse_each("rank", [*bad_int_values(), 10**6], lambda r: args("LLaMA-7B", r, ("q",)))
        + refuse_each("targets", _bad_targets, lambda t: args("LLaMA-7B", 8, t))
        + refuse_each("gate", [("gate",)], lambda t: args("GPT-2 medium", 8, t))
        + refuse_each("assumptions", [None, 16, {}], lambda a: args("LLaMA-7B", 8, ("q",), a)),
        good=_choices.map(lambda t: args(*t)),
        check=_calculated,
    ),
    "readout_html": Spec(
        func=lc.readout_html,
        bad=tuple(Bad(args(r), name) for r, name in _bad_results)
        + refuse_each("assumptions", [None, 16], lambda a: args(_result(), a)),
        good=_choices.map(lambda t: args(lc.calculate(*t), DEFAULT_MEMORY)),
        check=lambda text, call: ensure(
            all(f'data-field="{f}"' in text for f in lc.FIELDS) and "nan" not in text
        ),
    ),
    "LoRACalculator": Spec(
        func=_view,
        bad=refuse_each(
            "rank", [*bad_int_values()[1:], 300], lambda r: args(**{**_valid, "rank": r})
        )
        + refuse_each(
            "model", [*_bad_model, "LLaMA\xa07B"], lambda m: args(**{**_valid, "model": m})
        )
        + refuse_each("targets", _bad_targets, lambda t: args(**{**_valid, "targets": t}))
        + refuse_each("max_rank", [0, 4, 2.5, True], lambda m: args(**{**_valid, "max_rank": m})),
        good=_choices.map(lambda t: args(model=t[0], rank=t[1], targets=list(t[2]))),
        check=_view_ok,
    ),
    "LoRACalculatorBox": Spec(
        func=_box_state,
        good=_choices.map(lambda t: args(*t)),
        check=_box_ok,
        max_examples=5,
    ),
    "lora_calculator": Spec(
        func=lc.lora_calculator,
        bad=refuse_each(("model", "model_name"), _bad_model, lambda m: args(m))
        + refuse_each("rank", [*bad_int_values(), 300], lambda r: args("LLaMA-7B", r))
        + refuse_each("targets", _bad_targets[:-1], lambda t: args("LLaMA-7B", 8, t))
        + refuse_each("max_rank", bad_int_values(), lambda m: args("LLaMA-7B", 1, ("q",), m)),
        good=_choices.map(lambda t: args(*t)),
        check=lambda box, call: _box_ok(box.static_state(), call),
        max_examples=10,
    ),
}
