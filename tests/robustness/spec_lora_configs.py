"""Robustness spec of helpers.lora.configs."""

import dataclasses

from hypothesis import strategies as st

from helpers.lora import configs

from .harness import Args, Spec, ensure
from .inputs import args, bad_int_values, refuse_each

MODULE = "helpers.lora.configs"

_BASE = dict(name="t", n_layers=2, d_model=8, n_heads=4, d_ff=16, vocab_size=10, n_positions=0,
             mlp="gelu", bias=False, norm="rmsnorm", lm_head="none")  # fmt: skip


def _with(**change):
    return Args((), {**_BASE, **change})


_bad_configs = (
    tuple(
        refuse_each(attr, bad_int_values(), lambda v, attr=attr: _with(**{attr: v}))[i]
        for attr in ("n_layers", "d_model", "n_heads", "d_ff", "vocab_size")
        for i in (0, 2, 6)
    )
    + refuse_each("bias", ["yes", 1, None], lambda v: _with(bias=v))
    + refuse_each("mlp", ["relu", None], lambda v: _with(mlp=v))
    + refuse_each("norm", ["batchnorm"], lambda v: _with(norm=v))
    + refuse_each("lm_head", ["shared"], lambda v: _with(lm_head=v))
    + refuse_each("n_kv_heads", [3, 8, 0, 2.0, "2"], lambda v: _with(n_kv_heads=v))
    + refuse_each("n_heads", [3], lambda v: _with(n_heads=v))
    + refuse_each("name", [None, 3], lambda v: _with(name=v))
)

SPECS = {
    "ModelConfig": Spec(
        func=configs.ModelConfig,
        bad=_bad_configs,
        good=st.sampled_from([1, 2, 4]).map(lambda kv: _with(n_kv_heads=kv)),
        check=lambda c, call: ensure(c.matrix_shape("k") == (call.kwargs["n_kv_heads"] * 2, 8)),
    ),
    "CONFIGS": Spec(
        func=None,
        check=lambda d: ensure(
            all(isinstance(c, configs.ModelConfig) and c.name == k for k, c in d.items())
            and all(dataclasses.replace(c) == c for c in d.values())
        ),
    ),
    "get_config": Spec(
        func=configs.get_config,
        bad=refuse_each("model", [None, 3, ["LLaMA-7B"]], lambda m: args(m))
        + refuse_each("unknown model", ["GPT-5", ""], lambda m: args(m)),
        good=st.sampled_from(sorted(configs.CONFIGS)).map(lambda m: args(m.replace(" ", "\xa0"))),
        check=lambda c, call: ensure(c.name == call.args[0].replace("\xa0", " ")),
    ),
}
