"""helpers.finetuning: each method's count from its own formula, and the guards."""

import pytest

from helpers.finetuning import (
    METHODS,
    QLORA_BYTES_PER_WEIGHT,
    adapter_params,
    bitfit_params,
    compare_methods,
    prefix_params,
    prompt_params,
)
from helpers.lora import CONFIGS, lora_params, total_params


@pytest.mark.parametrize("name", list(CONFIGS))
def test_counts_follow_the_dimensions(name):
    c = CONFIGS[name]
    d, L = c.d_model, c.n_layers
    assert adapter_params(name, 16) == 2 * L * (2 * 16 * d + 16 + d)
    assert prefix_params(name, 5) == 2 * L * 5 * c.n_kv_heads * c.d_head
    assert prompt_params(name, 7) == 7 * d
    b = bitfit_params(name)
    assert (b == 0) == (not c.bias)


def test_grouped_query_prefix_is_smaller_than_multi_head():
    c = CONFIGS["LLaMA-3-8B"]
    assert c.n_kv_heads < c.n_heads
    assert prefix_params(c, 10) * c.n_heads == 2 * c.n_layers * 10 * c.d_model * c.n_kv_heads


def test_bitfit_counts_the_linear_biases_of_roberta_base():
    # q, k, v, o (768 each), the MLP's up (3072) and down (768), 12 blocks
    assert bitfit_params("RoBERTa-base") == 12 * (4 * 768 + 3072 + 768)


def test_compare_methods_rows():
    rows = compare_methods("LLaMA-7B", rank=4, targets=("q", "k"), bottleneck=8, length=3)
    assert [r.method for r in rows] == list(METHODS)
    by = {r.method: r for r in rows}
    n = total_params("LLaMA-7B")
    assert by["full"].trainable == n and by["full"].memory_gb == pytest.approx(16 * n / 1e9)
    assert by["LoRA"].trainable == by["QLoRA"].trainable == lora_params("LLaMA-7B", 4, ("q", "k"))
    assert by["LoRA"].extra_flops == 0 and by["adapters"].extra_flops > 0
    lora = by["LoRA"].trainable
    assert by["QLoRA"].memory_gb == pytest.approx(
        ((n - lora) * QLORA_BYTES_PER_WEIGHT + 16 * lora) / 1e9
    )
    assert by["QLoRA"].memory_gb < by["LoRA"].memory_gb < by["full"].memory_gb


@pytest.mark.parametrize("bad", [0, -1, 2.5, "8", True])
def test_bad_sizes_are_refused(bad):
    with pytest.raises((ValueError, TypeError)):
        adapter_params("LLaMA-7B", bad)
    with pytest.raises((ValueError, TypeError)):
        prefix_params("LLaMA-7B", bad)
    with pytest.raises((ValueError, TypeError)):
        compare_methods("LLaMA-7B", length=bad)


def test_unknown_model_is_refused():
    with pytest.raises(ValueError):
        prompt_params("GPT-5", 3)
    with pytest.raises(ValueError):
        adapter_params("RoBERTa-base", 769)
