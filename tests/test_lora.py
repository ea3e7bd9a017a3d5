"""Tests of helpers.lora: parameter counts pinned against independent formulas and
published totals, LoRA counts against Hu et al. 2021, memory, and the numpy layer."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.lora import (
    CONFIGS,
    DEFAULT_MEMORY,
    GB,
    LoRALinear,
    MemoryAssumptions,
    ModelConfig,
    adapter_megabytes,
    full_finetune_bytes,
    get_config,
    largest_principal_angle,
    lora_finetune_bytes,
    lora_params,
    param_breakdown,
    svd_storage,
    total_params,
)

# ---------------------------------------------------------------------------
# Totals: independent closed forms, written from the architectures, not the code.


def gpt2_style(L, d, V, P):
    """GPT-2/GPT-3 with tied head: per block 12d² + 13d (weights, biases, 2 LayerNorms)."""
    return V * d + P * d + L * (12 * d * d + 13 * d) + 2 * d


def llama_style(L, d, f, V):
    """LLaMA: embedding + untied head 2Vd; per block 4d² + 3df + 2d; final RMSNorm d."""
    return 2 * V * d + L * (4 * d * d + 3 * d * f + 2 * d) + d


def llama_gqa_style(L, d, f, V, h, kv):
    """Grouped-query LLaMA: as llama_style, but k and v are (kv·d/h) × d: 2d² + 2d·(kv·d/h)."""
    d_kv = kv * d // h
    return 2 * V * d + L * (2 * d * d + 2 * d * d_kv + 3 * d * f + 2 * d) + d


def roberta_style(L, d, V, P):
    """RoBERTa (AutoModel): embeddings (V + P + 1)d + LN 2d, blocks as GPT-2, pooler d² + d."""
    return (V + P + 1) * d + 2 * d + L * (12 * d * d + 13 * d) + d * d + d


def deberta_v2_style(L, d, f, V, rel, k):
    """DeBERTa-v2: word emb + LN, rel. table + LN, conv (k·d² + d) + LN, blocks with biases."""
    block = 4 * (d * d + d) + (d * f + f) + (f * d + d) + 4 * d
    return V * d + 2 * d + rel * d + 2 * d + k * d * d + d + 2 * d + L * block


INDEPENDENT = {
    "GPT-3 175B": gpt2_style(96, 12288, 50257, 2048),
    "LLaMA-7B": llama_style(32, 4096, 11008, 32000),
    "LLaMA-2-13B": llama_style(40, 5120, 13824, 32000),
    "LLaMA-3-8B": llama_gqa_style(32, 4096, 14336, 128256, 32, 8),
    "Mistral-7B-v0.1": llama_gqa_style(32, 4096, 14336, 32000, 32, 8),
    "RoBERTa-base": roberta_style(12, 768, 50265, 514),
    "RoBERTa-large": roberta_style(24, 1024, 50265, 514),
    "GPT-2 medium": gpt2_style(24, 1024, 50257, 1024),
    "GPT-2 large": gpt2_style(36, 1280, 50257, 1024),
    "DeBERTa-v2-XXLarge": deberta_v2_style(48, 1536, 6144, 128100, 512, 3),
}

# Counts of the released checkpoints (Hugging Face ``num_parameters()``), as
# published by many independent sources; see each ModelConfig.source.
PUBLISHED = {
    "LLaMA-7B": 6_738_415_616,
    "LLaMA-2-13B": 13_015_864_320,
    "RoBERTa-base": 124_645_632,
    "RoBERTa-large": 355_359_744,
    "GPT-2 medium": 354_823_168,
    "GPT-2 large": 774_030_080,
}


def test_every_bundled_config_has_an_independent_formula():
    assert set(INDEPENDENT) == set(CONFIGS)
    for name in ("GPT-3 175B", "LLaMA-7B", "LLaMA-2-13B", "RoBERTa-base", "RoBERTa-large"):
        assert name in CONFIGS
    assert "GPT-2 medium" in CONFIGS


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_total_matches_independent_formula(name):
    assert total_params(name) == INDEPENDENT[name]
    assert total_params(CONFIGS[name]) == INDEPENDENT[name]


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_total_matches_published_count(name):
    assert total_params(name) == PUBLISHED[name]


def test_gpt3_is_about_175_billion():
    n = total_params("GPT-3 175B")
    assert n == 174_604_259_328
    assert abs(n - 175e9) / 175e9 < 0.003


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_breakdown_sums_to_total_and_is_nonnegative(name):
    parts = param_breakdown(name)
    assert set(parts) == {"embeddings", "attention", "mlp", "norms", "lm_head", "pooler", "other"}
    assert all(v >= 0 for v in parts.values())
    assert sum(parts.values()) == total_params(name)


def test_breakdown_details():
    llama = param_breakdown("LLaMA-7B")
    assert llama["lm_head"] == 32000 * 4096  # untied
    assert llama["norms"] == 32 * 2 * 4096 + 4096  # RMSNorm: a weight only
    assert param_breakdown("GPT-2 medium")["lm_head"] == 0  # tied
    assert param_breakdown("RoBERTa-base")["pooler"] == 768 * 768 + 768
    assert param_breakdown("DeBERTa-v2-XXLarge")["other"] == 3 * 1536**2 + 1536 + 2 * 1536


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_configs_document_their_sources(name):
    c = CONFIGS[name]
    assert c.name == name
    assert len(c.source) > 40 and len(c.counted) > 40
    assert set(c.module_names) == set(c.targets)
    assert c.d_head * c.n_heads == c.d_model


def test_true_dimensions():
    g3 = CONFIGS["GPT-3 175B"]
    assert (g3.n_layers, g3.d_model, g3.n_heads, g3.d_ff, g3.vocab_size, g3.n_positions) == (
        96, 12288, 96, 49152, 50257, 2048,
    )  # fmt: skip
    assert g3.d_head == 128
    ll = CONFIGS["LLaMA-7B"]
    assert (ll.n_layers, ll.d_model, ll.n_heads, ll.d_ff, ll.vocab_size) == (
        32, 4096, 32, 11008, 32000,
    )  # fmt: skip
    assert ll.mlp == "swiglu" and ll.norm == "rmsnorm" and ll.lm_head == "untied" and not ll.bias
    l13 = CONFIGS["LLaMA-2-13B"]
    assert (l13.n_layers, l13.d_model, l13.n_heads, l13.d_ff) == (40, 5120, 40, 13824)
    rb = CONFIGS["RoBERTa-base"]
    assert (rb.n_layers, rb.d_model, rb.n_heads, rb.d_ff, rb.vocab_size, rb.n_positions) == (
        12, 768, 12, 3072, 50265, 514,
    )  # fmt: skip
    rl = CONFIGS["RoBERTa-large"]
    assert (rl.n_layers, rl.d_model, rl.n_heads, rl.d_ff) == (24, 1024, 16, 4096)
    gm = CONFIGS["GPT-2 medium"]
    assert (gm.n_layers, gm.d_model, gm.n_heads, gm.d_ff, gm.vocab_size, gm.n_positions) == (
        24, 1024, 16, 4096, 50257, 1024,
    )  # fmt: skip
    assert gm.lm_head == "tied"


def test_model_config_validation():
    base = CONFIGS["GPT-2 medium"]
    with pytest.raises(ValueError, match="mlp must be"):
        dataclasses.replace(base, mlp="relu")
    with pytest.raises(ValueError, match="norm must be"):
        dataclasses.replace(base, norm="batchnorm")
    with pytest.raises(ValueError, match="lm_head must be"):
        dataclasses.replace(base, lm_head="shared")
    with pytest.raises(ValueError, match="multiple of n_heads"):
        dataclasses.replace(base, n_heads=7)
    with pytest.raises(ValueError, match="n_layers must be at least 1"):
        dataclasses.replace(base, n_layers=0)
    with pytest.raises(TypeError, match="d_model must be an integer"):
        dataclasses.replace(base, d_model=1024.5)
    with pytest.raises(ValueError, match="unknown target 'gate' for GPT-2 medium"):
        base.matrix_shape("gate")


def test_matrix_shapes():
    ll = CONFIGS["LLaMA-7B"]
    assert ll.targets == ("q", "k", "v", "o", "gate", "up", "down")
    assert ll.matrix_shape("q") == (4096, 4096)
    assert ll.matrix_shape("gate") == (11008, 4096)
    assert ll.matrix_shape("up") == (11008, 4096)
    assert ll.matrix_shape("down") == (4096, 11008)
    assert CONFIGS["RoBERTa-base"].targets == ("q", "k", "v", "o", "up", "down")


def test_get_config():
    assert get_config("LLaMA-7B") is CONFIGS["LLaMA-7B"]
    assert get_config("GPT-3\xa0175B") is CONFIGS["GPT-3 175B"]  # as a browser shows it
    c = CONFIGS["GPT-2 large"]
    assert get_config(c) is c
    with pytest.raises(ValueError, match="unknown model 'llama'; valid models: GPT-3 175B"):
        get_config("llama")
    with pytest.raises(TypeError, match="model must be a ModelConfig or a name"):
        get_config(7)


# ---------------------------------------------------------------------------
# LoRA counts


def independent_lora(L, shapes, r):
    return L * sum(r * (a + b) for a, b in shapes)


def test_lora_counts_of_the_paper():
    # Table 2: RoBERTa r = 8 on Wq, Wv (authors' scripts: --lora_r 8).
    assert lora_params("RoBERTa-base", 8, ("q", "v")) == 294_912  # paper: 0.3M
    assert lora_params("RoBERTa-large", 8, ("q", "v")) == 786_432  # paper: 0.8M
    # DeBERTa XXL: --lora_r 16 in deberta_v2_xxlarge_mnli.sh.
    assert lora_params("DeBERTa-v2-XXLarge", 16, ("q", "v")) == 4_718_592  # paper: 4.7M
    # Table 3: GPT-2 r = 4 on Wq, Wv (paper prints 0.35M and 0.77M).
    assert lora_params("GPT-2 medium", 4, ("q", "v")) == 393_216
    assert lora_params("GPT-2 large", 4, ("q", "v")) == 737_280
    # Table 4: 4.7M and 37.7M on GPT-3.
    assert lora_params("GPT-3 175B", 1, ("q", "v")) == 4_718_592
    assert lora_params("GPT-3 175B", 8, ("q", "v")) == 37_748_736
    assert lora_params("GPT-3 175B", 4, ("q", "k", "v", "o")) == 37_748_736


def test_gpt3_table5_budget_is_the_same_for_every_column():
    columns = [
        (("q",), 8), (("k",), 8), (("v",), 8), (("o",), 8),
        (("q", "k"), 4), (("q", "v"), 4), (("q", "k", "v", "o"), 2),
    ]  # fmt: skip
    counts = {lora_params("GPT-3 175B", r, t) for t, r in columns}
    assert counts == {18_874_368}  # the paper's "18M"
    assert adapter_megabytes(18_874_368) == pytest.approx(37.748736)


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_lora_counts_match_independent_formula(name):
    c = CONFIGS[name]
    d, f, L = c.d_model, c.d_ff, c.n_layers
    square, kv = [(d, d)], [(c.n_kv_heads * d // c.n_heads, d)]  # k, v: grouped-query aware
    assert lora_params(c, 8, ("q", "v")) == independent_lora(L, square + kv, 8)
    if c.n_kv_heads == c.n_heads:
        assert lora_params(c, 8, ("q", "v")) == 2 * L * 2 * d * 8
    every = square + kv * 2 + square + [(f, d), (d, f)] + ([(f, d)] if c.mlp == "swiglu" else [])
    assert lora_params(c, 16, c.targets) == independent_lora(L, every, 16)
    assert lora_params(c, 3, "down") == L * 3 * (d + f)


def test_llama_default_and_all_linear():
    assert lora_params("LLaMA-7B", 8) == 4_194_304
    assert lora_params("LLaMA-7B", 16) == 8_388_608
    assert lora_params("LLaMA-7B", 8, ("q", "k", "v", "o")) == 8_388_608
    all7 = ("q", "k", "v", "o", "gate", "up", "down")
    assert lora_params("LLaMA-7B", 8, all7) == 32 * 8 * (4 * 8192 + 3 * (4096 + 11008))


@settings(max_examples=50, deadline=None)
@given(
    name=st.sampled_from(sorted(CONFIGS)),
    rank=st.integers(1, 768),
    data=st.data(),
)
def test_lora_count_is_linear_in_rank_and_additive_in_targets(name, rank, data):
    c = CONFIGS[name]
    targets = data.draw(st.lists(st.sampled_from(c.targets), min_size=1, unique=True))
    n = lora_params(c, rank, targets)
    assert n == rank * lora_params(c, 1, targets)
    assert n == sum(lora_params(c, rank, (t,)) for t in targets)
    assert n > 0
    # An adapter is smaller than the matrix it adapts exactly when
    # r·(d_in + d_out) < d_in·d_out, i.e. r below half the harmonic mean of the
    # sides; near full rank it is not, and the adapters can even outnumber the
    # whole model (RoBERTa-base with every target at r = 752).
    for t in targets:
        d_out, d_in = c.matrix_shape(t)
        smaller = rank * (d_in + d_out) < d_in * d_out
        assert (lora_params(c, rank, (t,)) < c.n_layers * d_in * d_out) == smaller
    if 2 * rank < min(c.d_model, c.d_ff):
        assert n < total_params(c)


def test_lora_params_errors():
    with pytest.raises(
        ValueError, match=r"unknown target 'x' for LLaMA-7B; valid targets: q, k, v"
    ):
        lora_params("LLaMA-7B", 8, ("q", "x"))
    with pytest.raises(ValueError, match="valid targets: q, k, v, o, up, down"):
        lora_params("GPT-2 medium", 8, ("gate",))
    with pytest.raises(ValueError, match=r"rank must be an integer from 1 to 768 .* got 0"):
        lora_params("RoBERTa-base", 0)
    with pytest.raises(
        ValueError, match=r"from 1 to 768 for targets q, v of RoBERTa-base.*got 769"
    ):
        lora_params("RoBERTa-base", 769)
    with pytest.raises(ValueError, match="from 1 to 4096"):
        lora_params("LLaMA-7B", 5000, ("q", "down"))
    assert lora_params("LLaMA-7B", 4096, ("q", "down")) > 0
    with pytest.raises(TypeError, match="rank must be an integer"):
        lora_params("LLaMA-7B", 8.0)
    with pytest.raises(TypeError, match="rank must be an integer"):
        lora_params("LLaMA-7B", True)
    with pytest.raises(ValueError, match="at least one matrix; valid targets for LLaMA-7B"):
        lora_params("LLaMA-7B", 8, ())
    with pytest.raises(ValueError, match="must not repeat"):
        lora_params("LLaMA-7B", 8, ("q", "q"))
    with pytest.raises(TypeError, match="targets must be a collection"):
        lora_params("LLaMA-7B", 8, 3)
    with pytest.raises(ValueError, match="unknown target 3"):
        lora_params("LLaMA-7B", 8, (3,))
    with pytest.raises(ValueError, match="unknown model"):
        lora_params("LLaMA-8B", 8)


def test_adapter_megabytes_and_svd_storage():
    assert adapter_megabytes(294_912) == pytest.approx(0.589824)
    assert adapter_megabytes(294_912, 4) == pytest.approx(1.179648)
    assert adapter_megabytes(0) == 0.0
    with pytest.raises(ValueError, match="n_params must be at least 0"):
        adapter_megabytes(-1)
    with pytest.raises(ValueError, match="bytes_per_param must be at least 1"):
        adapter_megabytes(10, 0)
    assert svd_storage(3, 2, 1) == 6
    assert svd_storage(4096, 4096, 8) == 8 * 8193
    with pytest.raises(ValueError, match="rank must be at least 1 and at most 2"):
        svd_storage(3, 2, 3)


# ---------------------------------------------------------------------------
# Memory


def test_memory_defaults_are_16_bytes_per_trained_parameter():
    assert DEFAULT_MEMORY.trained_bytes == 16
    n = total_params("LLaMA-7B")
    assert full_finetune_bytes("LLaMA-7B") == 16 * n
    assert lora_finetune_bytes("LLaMA-7B", 8) == 2 * n + 16 * 4_194_304
    assert full_finetune_bytes("LLaMA-7B") / GB == pytest.approx(107.814649856)
    lines = DEFAULT_MEMORY.describe()
    assert any("activations" in s for s in lines) and any("10⁹" in s for s in lines)


def test_memory_with_other_assumptions():
    fp32 = MemoryAssumptions(weight_bytes=4, grad_bytes=4, master_bytes=0, optimizer_bytes=8)
    assert fp32.trained_bytes == 16
    n = total_params("GPT-2 medium")
    assert lora_finetune_bytes("GPT-2 medium", 4, assumptions=fp32) == 4 * n + 16 * 393_216
    sgd = MemoryAssumptions(optimizer_bytes=0, master_bytes=0)
    assert full_finetune_bytes("GPT-2 medium", sgd) == 4 * n
    with pytest.raises(ValueError, match="weight_bytes must be at least 1"):
        MemoryAssumptions(weight_bytes=0)
    with pytest.raises(ValueError, match="optimizer_bytes must be at least 0"):
        MemoryAssumptions(optimizer_bytes=-8)
    with pytest.raises(TypeError, match="assumptions must be a MemoryAssumptions"):
        full_finetune_bytes("GPT-2 medium", 16)
    with pytest.raises(TypeError, match="assumptions must be a MemoryAssumptions"):
        lora_finetune_bytes("GPT-2 medium", 4, assumptions={"weight_bytes": 2})


# ---------------------------------------------------------------------------
# The numpy layer


def make_layer(rng, d_out=5, d_in=4, rank=2, alpha=3.0):
    layer = LoRALinear(rng.standard_normal((d_out, d_in)), rank, alpha=alpha, seed=1)
    layer.B = rng.standard_normal(layer.B.shape)  # as if after some training
    return layer


def test_initial_layer_is_exactly_w0(rng):
    W0 = rng.standard_normal((6, 4))
    layer = LoRALinear(W0, rank=3, alpha=8.0, seed=0)
    X = rng.standard_normal((7, 4))
    assert np.array_equal(layer.B, np.zeros((6, 3)))
    assert np.array_equal(layer.forward(X), X @ W0.T)
    assert np.array_equal(layer.merge(), W0)
    assert layer.scaling == 8.0 / 3
    assert layer.n_trainable == 3 * (6 + 4)
    assert layer.A.shape == (3, 4)
    assert np.std(LoRALinear(np.zeros((50, 400)), 20, seed=0).A) == pytest.approx(0.05, rel=0.05)


def test_default_alpha_is_rank_and_seed_is_reproducible(rng):
    W0 = rng.standard_normal((6, 4))
    a, b = LoRALinear(W0, 2, seed=5), LoRALinear(W0, 2, seed=5)
    assert a.alpha == 2.0 and a.scaling == 1.0
    assert np.array_equal(a.A, b.A)
    assert not np.array_equal(a.A, LoRALinear(W0, 2, seed=6).A)
    assert "rank=2" in repr(a) and "trainable=20" in repr(a)


def test_w0_is_frozen_copy(rng):
    W0 = rng.standard_normal((3, 3))
    layer = LoRALinear(W0, 1)
    W0[0, 0] = 100.0
    assert layer.W0[0, 0] != 100.0
    with pytest.raises(ValueError, match="read-only"):
        layer.W0[0, 0] = 1.0


def test_forward_equals_merged_weight(rng):
    layer = make_layer(rng)
    X = rng.standard_normal((8, 4))
    expected = X @ (layer.W0 + layer.scaling * layer.B @ layer.A).T
    np.testing.assert_allclose(layer.forward(X), expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.forward(X), X @ layer.merge().T, rtol=1e-12, atol=1e-12)
    assert np.linalg.matrix_rank(layer.delta()) <= layer.rank


def test_backward_matches_closed_forms(rng):
    layer = make_layer(rng)
    X = rng.standard_normal((8, 4))
    dH = rng.standard_normal((8, 5))
    g = layer.backward(X, dH)
    G = dH.T @ X  # ∂L/∂W for the merged weight
    s = layer.scaling
    np.testing.assert_allclose(g.dB, s * G @ layer.A.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(g.dA, s * layer.B.T @ G, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(g.dX, dH @ layer.merge(), rtol=1e-12, atol=1e-12)


def finite_difference(f, P, h=1e-6):
    """Central differences of the scalar f with respect to every entry of P (in place)."""
    grad = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]
        P[idx] = old + h
        up = f()
        P[idx] = old - h
        down = f()
        P[idx] = old
        grad[idx] = (up - down) / (2 * h)
    return grad


@settings(max_examples=30, deadline=None)
@given(
    d_out=st.integers(1, 6),
    d_in=st.integers(1, 6),
    n=st.integers(1, 5),
    alpha=st.floats(0.1, 20.0),
    seed=st.integers(0, 2**16),
)
def test_gradients_match_finite_differences(d_out, d_in, n, alpha, seed):
    rng = np.random.default_rng(seed)
    rank = int(rng.integers(1, min(d_out, d_in) + 1))
    layer = LoRALinear(rng.standard_normal((d_out, d_in)), rank, alpha=alpha, seed=seed)
    layer.B = rng.standard_normal(layer.B.shape)
    X = rng.standard_normal((n, d_in))
    Y = rng.standard_normal((n, d_out))

    def loss():
        return 0.5 * np.sum((layer.forward(X) - Y) ** 2)

    g = layer.backward(X, layer.forward(X) - Y)
    for analytic, P in ((g.dA, layer.A), (g.dB, layer.B)):
        numeric = finite_difference(loss, P)
        scale = max(1.0, np.abs(numeric).max())
        assert np.abs(analytic - numeric).max() <= 1e-6 * scale
    numeric_dX = finite_difference(loss, X)
    assert np.abs(g.dX - numeric_dX).max() <= 1e-6 * max(1.0, np.abs(numeric_dX).max())


def test_layer_input_errors(rng):
    layer = LoRALinear(rng.standard_normal((5, 4)), 2)
    with pytest.raises(ValueError, match=r"d_in is 4 \(W0 is 5 × 4\): X must have shape \(n, 4\)"):
        layer.forward(np.ones((3, 5)))
    with pytest.raises(ValueError, match=r"1-D array of shape \(4,\); for one input x use"):
        layer.forward(np.ones(4))
    with pytest.raises(ValueError, match="X contains NaN"):
        layer.forward(np.full((2, 4), np.nan))
    X = np.ones((3, 4))
    with pytest.raises(ValueError, match=r"dH has 2 rows but X has 3"):
        layer.backward(X, np.ones((2, 5)))
    with pytest.raises(ValueError, match=r"dH has 4 columns but the layer's d_out is 5"):
        layer.backward(X, np.ones((3, 4)))
    with pytest.raises(ValueError, match="dH must be 2-D"):
        layer.backward(X, np.ones(5))
    with pytest.raises(ValueError, match="X has 3 columns"):
        layer.backward(np.ones((3, 3)), np.ones((3, 5)))


def test_layer_construction_errors(rng):
    W0 = rng.standard_normal((5, 4))
    with pytest.raises(ValueError, match="rank must be at least 1 and at most 4, got 5"):
        LoRALinear(W0, 5)
    with pytest.raises(ValueError, match="rank must be at least 1"):
        LoRALinear(W0, 0)
    with pytest.raises(TypeError, match="rank must be an integer"):
        LoRALinear(W0, 2.5)
    with pytest.raises(ValueError, match="alpha must be positive and finite"):
        LoRALinear(W0, 2, alpha=0.0)
    with pytest.raises(ValueError, match="alpha must be positive and finite"):
        LoRALinear(W0, 2, alpha=float("inf"))
    with pytest.raises(TypeError, match="alpha must be a real number"):
        LoRALinear(W0, 2, alpha="8")
    with pytest.raises(ValueError, match="W0 must be a 2-D matrix"):
        LoRALinear(np.ones(4), 1)
    assert isinstance(ModelConfig, type)


def test_layer_accepts_lists_and_integers(rng):
    W0 = rng.standard_normal((2, 3))
    layer = LoRALinear(W0, 1, seed=0)
    layer.B = np.ones((2, 1))
    X = [[1, 2, 3], [0, -1, 4]]
    expected = np.array(X, dtype=float) @ layer.merge().T
    np.testing.assert_allclose(layer.forward(X), expected, rtol=1e-12, atol=1e-12)
    g = layer.backward(np.array(X), [[1, 0], [0, 1]])
    np.testing.assert_allclose(g.dB, layer.scaling * np.eye(2) @ np.array(X) @ layer.A.T)


@settings(max_examples=50, deadline=None)
@given(m=st.integers(2, 9), data=st.data(), seed=st.integers(0, 2**16))
def test_largest_principal_angle_matches_scipy(m, data, seed):
    from scipy.linalg import subspace_angles

    p = data.draw(st.integers(1, m))
    q = data.draw(st.integers(p, m))
    rng = np.random.default_rng(seed)
    P, Q = rng.standard_normal((m, p)), rng.standard_normal((m, q))
    assert largest_principal_angle(P, Q) == pytest.approx(subspace_angles(P, Q).max(), abs=1e-10)


def test_largest_principal_angle_small_angles_and_errors():
    eps = 1e-9
    P = np.array([[1.0], [eps], [0.0]])
    Q = np.array([[1.0], [0.0], [0.0]])
    assert largest_principal_angle(P, Q) == pytest.approx(eps, rel=1e-6)
    assert largest_principal_angle(Q, Q) == 0.0
    assert largest_principal_angle(np.eye(3)[:, :1], np.eye(3)[:, 1:]) == pytest.approx(np.pi / 2)
    with pytest.raises(ValueError, match="same number of rows, got 3 and 2"):
        largest_principal_angle(np.ones((3, 1)), np.ones((2, 1)))
    with pytest.raises(ValueError, match="more columns than Q, got 2 > 1"):
        largest_principal_angle(np.eye(3)[:, :2], np.eye(3)[:, :1])


# --------------------------------------------------------------------------- issue 20 and GQA

# Published sizes of grouped-query models, as their model pages round them.
PUBLISHED_ROUNDED = {"LLaMA-3-8B": 8.03e9, "Mistral-7B-v0.1": 7.24e9}


@pytest.mark.parametrize("name", sorted(PUBLISHED_ROUNDED))
def test_grouped_query_totals_match_published_sizes(name):
    n = total_params(name)
    assert abs(n - PUBLISHED_ROUNDED[name]) / PUBLISHED_ROUNDED[name] < 0.005
    c = CONFIGS[name]
    assert (c.n_layers, c.d_model, c.n_heads, c.n_kv_heads, c.d_ff) == (32, 4096, 32, 8, 14336)


def test_grouped_query_shapes_and_lora_counts():
    c = get_config("LLaMA-3-8B")
    assert c.d_kv == 1024
    assert c.matrix_shape("k") == c.matrix_shape("v") == (1024, 4096)
    assert c.matrix_shape("q") == c.matrix_shape("o") == (4096, 4096)
    assert lora_params(c, 8, ("q", "v")) == 32 * 8 * ((4096 + 4096) + (1024 + 4096))
    assert lora_params(c, 1024, ("k",)) == 32 * 1024 * (1024 + 4096)
    with pytest.raises(ValueError, match="rank must be an integer from 1 to 1024"):
        lora_params(c, 1025, ("q", "k"))


def test_n_kv_heads_defaults_to_n_heads_and_must_divide_it():
    base = dict(name="t", n_layers=1, d_model=8, n_heads=4, d_ff=16, vocab_size=10,
                n_positions=0, mlp="gelu", bias=False, norm="rmsnorm", lm_head="none")  # fmt: skip
    assert ModelConfig(**base).n_kv_heads == 4
    assert ModelConfig(**base).matrix_shape("k") == (8, 8)
    with pytest.raises(ValueError, match="n_kv_heads = 3 must divide n_heads = 4"):
        ModelConfig(**base, n_kv_heads=3)
    with pytest.raises(ValueError, match="n_kv_heads must be at least 1 and at most 4"):
        ModelConfig(**base, n_kv_heads=8)
    with pytest.raises(TypeError, match="n_kv_heads must be an integer"):
        ModelConfig(**base, n_kv_heads=2.0)


@pytest.mark.parametrize("attr", ["bias", "embedding_norm", "final_norm", "pooler"])
def test_model_config_flags_are_checked_at_construction(attr):
    # bias="yes" used to be accepted until total_params failed.
    base = dict(name="t", n_layers=1, d_model=8, n_heads=4, d_ff=16, vocab_size=10,
                n_positions=0, mlp="gelu", bias=False, norm="rmsnorm", lm_head="none")  # fmt: skip
    base[attr] = "yes"
    with pytest.raises(TypeError, match=f"{attr} must be True or False"):
        ModelConfig(**base)


def test_model_config_copies_module_names():
    names = {"q": "q_proj"}
    c = ModelConfig("t", 1, 8, 4, 16, 10, 0, "gelu", False, "rmsnorm", "none", module_names=names)
    names["q"] = "changed"
    assert c.module_names == {"q": "q_proj"}


def test_an_iterator_of_targets_is_read_once():
    expected = lora_finetune_bytes("LLaMA-7B", 8, ("q", "v"))
    assert lora_finetune_bytes("LLaMA-7B", 8, iter(["q", "v"])) == expected
    assert lora_params("LLaMA-7B", 8, (t for t in "qv")) == lora_params("LLaMA-7B", 8)


def test_principal_angle_uses_the_column_space_not_the_columns():
    # A rank-deficient P spans a line: its angle with that line is 0, not arbitrary.
    P = np.array([[1.0, 2.0], [0.0, 0.0], [0.0, 0.0]])
    Q = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    assert largest_principal_angle(P, Q) == 0.0
    P2 = np.array([[1.0, 1.0], [1.0, 1.0], [0.0, 0.0]])  # the line x = y
    assert largest_principal_angle(P2, np.array([[1.0], [0.0], [0.0]]) @ np.ones((1, 2))) == (
        pytest.approx(np.pi / 4)
    )


def test_principal_angle_of_a_zero_matrix_is_refused():
    with pytest.raises(ValueError, match="B is the zero matrix|Q is the zero matrix"):
        largest_principal_angle(np.eye(3)[:, :1], np.zeros((3, 2)))
    with pytest.raises(ValueError, match="P is the zero matrix"):
        largest_principal_angle(np.zeros((3, 1)), np.eye(3)[:, :2])


@pytest.mark.parametrize("scale", [1e200, 1e-170])
def test_principal_angle_at_any_scale(scale):
    angle = largest_principal_angle(scale * np.array([[1.0], [0.0]]), [[1.0], [1.0]])
    assert angle == pytest.approx(np.pi / 4)


def test_lora_layer_names_a_bad_seed_and_keeps_no_reference():
    with pytest.raises(TypeError, match="seed must be"):
        LoRALinear(np.eye(2), rank=1, seed=0.5)
    W0 = np.eye(2)
    layer = LoRALinear(W0, rank=1)
    W0[0, 0] = 5.0
    assert layer.W0[0, 0] == 1.0
