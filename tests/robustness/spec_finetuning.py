"""Robustness spec of helpers.finetuning."""

from hypothesis import strategies as st

from helpers import finetuning as ft
from helpers.lora import CONFIGS

from .harness import Spec, constant, ensure
from .inputs import args, bad_int_values, refuse_each

MODULE = "helpers.finetuning"

_models = st.sampled_from(sorted(CONFIGS))
_bad_model = ["GPT-5", 3, None]


def _size_spec(func, size_name):
    return Spec(
        func=func,
        bad=refuse_each("model", _bad_model, lambda c: args(c, 4))
        + refuse_each(size_name, bad_int_values(), lambda n: args("LLaMA-7B", n)),
        good=st.builds(lambda c, n: args(c, n), _models, st.integers(1, 64)),
        check=lambda value, call: ensure(isinstance(value, int) and value > 0),
    )


SPECS = {
    "METHODS": constant(lambda v: ensure(len(v) == 7 and v[0] == "full")),
    "QLORA_BYTES_PER_WEIGHT": constant(lambda v: ensure(0.5 < v < 0.52)),
    "MethodRow": Spec(
        func=ft.MethodRow,
        bad=(),
        good=st.just(args("LoRA", 1, 0, "yes", 1.0)),
        check=lambda row, call: ensure(row.method == "LoRA"),
    ),
    "adapter_params": _size_spec(ft.adapter_params, "bottleneck"),
    "prefix_params": _size_spec(ft.prefix_params, "length"),
    "prompt_params": _size_spec(ft.prompt_params, "length"),
    "bitfit_params": Spec(
        func=ft.bitfit_params,
        bad=refuse_each("model", _bad_model, lambda c: args(c)),
        good=_models.map(lambda c: args(c)),
        check=lambda value, call: ensure(value >= 0),
    ),
    "compare_methods": Spec(
        func=ft.compare_methods,
        bad=refuse_each("model", _bad_model, lambda c: args(c))
        + refuse_each("length", bad_int_values(), lambda n: args("LLaMA-7B", length=n))
        + refuse_each("bottleneck", bad_int_values(), lambda n: args("LLaMA-7B", bottleneck=n)),
        good=_models.map(lambda c: args(c)),
        check=lambda rows, call: ensure([r.method for r in rows] == list(ft.METHODS)),
    ),
}
