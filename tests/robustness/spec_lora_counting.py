"""Robustness spec of helpers.lora.counting."""

from hypothesis import strategies as st

from helpers.lora import CONFIGS, counting

from .harness import Spec, constant, ensure
from .inputs import args, bad_int_values, refuse_each

MODULE = "helpers.lora.counting"

_names = st.sampled_from(sorted(CONFIGS))
_bad_model = refuse_each("model", [None, 3], lambda m: args(m)) + refuse_each(
    "unknown model", ["GPT-5"], lambda m: args(m)
)
_bad_targets = [3, [], ["q", "q"], ["x"], [3]]


def _lora_args(name, rank, targets):
    return args(name, rank, targets)


_lora = st.tuples(
    _names, st.integers(1, 64), st.sampled_from([("q", "v"), ("q", "k"), "o", ["up"]])
).map(lambda t: args(t[0], t[1], tuple(t[2]) if not isinstance(t[2], str) else t[2]))

SPECS = {
    "MB": constant(lambda v: ensure(v == 10**6)),
    "GB": constant(lambda v: ensure(v == 10**9)),
    "DEFAULT_MEMORY": constant(lambda m: ensure(m.trained_bytes == 16)),
    "total_params": Spec(
        func=counting.total_params,
        bad=_bad_model,
        good=_names.map(lambda n: args(n)),
        check=lambda n, call: ensure(
            type(n) is int and n == sum(counting.param_breakdown(call.args[0]).values())
        ),
    ),
    "param_breakdown": Spec(
        func=counting.param_breakdown,
        bad=_bad_model,
        good=_names.map(lambda n: args(n)),
        check=lambda parts, call: ensure(all(type(v) is int and v >= 0 for v in parts.values())),
    ),
    "lora_params": Spec(
        func=counting.lora_params,
        bad=refuse_each("rank", [*bad_int_values(), 10**6], lambda r: args("LLaMA-7B", r))
        + refuse_each("targets", _bad_targets, lambda t: args("LLaMA-7B", 8, t))
        + refuse_each("gate", ["gate"], lambda t: args("GPT-2 medium", 8, t)),
        good=_lora,
        check=lambda n, call: ensure(type(n) is int and n > 0),
    ),
    "adapter_megabytes": Spec(
        func=counting.adapter_megabytes,
        bad=refuse_each("n_params", bad_int_values(low=0), lambda n: args(n))
        + refuse_each("bytes_per_param", bad_int_values(), lambda b: args(10, b)),
        good=st.tuples(st.integers(0, 10**12), st.sampled_from([1, 2, 4])).map(lambda t: args(*t)),
        check=lambda mb, call: ensure(mb == call.args[0] * call.args[1] / 10**6),
    ),
    "svd_storage": Spec(
        func=counting.svd_storage,
        bad=refuse_each("m", bad_int_values(), lambda m: args(m, 2, 1))
        + refuse_each("rank", [*bad_int_values(), 3], lambda r: args(2, 2, r)),
        good=st.tuples(st.integers(1, 100), st.integers(1, 100)).map(
            lambda t: args(t[0], t[1], 1)
        ),
        check=lambda n, call: ensure(n == call.args[0] + call.args[1] + 1),
    ),
    "MemoryAssumptions": Spec(
        func=counting.MemoryAssumptions,
        bad=refuse_each("weight_bytes", bad_int_values(), lambda b: args(b))
        + refuse_each("grad_bytes", bad_int_values(low=0), lambda b: args(2, b)),
        good=st.tuples(st.integers(1, 8), st.integers(0, 8)).map(lambda t: args(*t)),
        check=lambda a, call: ensure(a.trained_bytes == call.args[0] + call.args[1] + 4 + 8),
    ),
    "full_finetune_bytes": Spec(
        func=counting.full_finetune_bytes,
        bad=_bad_model + refuse_each("assumptions", [None, 16], lambda a: args("LLaMA-7B", a)),
        good=_names.map(lambda n: args(n)),
        check=lambda b, call: ensure(b == 16 * counting.total_params(call.args[0])),
    ),
    "lora_finetune_bytes": Spec(
        func=counting.lora_finetune_bytes,
        bad=refuse_each("rank", bad_int_values(), lambda r: args("LLaMA-7B", r))
        + refuse_each("targets", _bad_targets, lambda t: args("LLaMA-7B", 8, t))
        + refuse_each("assumptions", [None], lambda a: args("LLaMA-7B", 8, ("q",), a)),
        good=_lora,
        check=lambda b, call: ensure(
            b == 2 * counting.total_params(call.args[0]) + 16 * counting.lora_params(*call.args)
        ),
    ),
}
