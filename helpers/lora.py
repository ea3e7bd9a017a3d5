"""LoRA: parameter accounting on real models and a LoRA layer in numpy (notebook 10).

Three things live here, each tested in ``tests/test_lora.py``:

1. **Architecture configs** (:class:`ModelConfig`, :data:`CONFIGS`) of real models
   with their published dimensions, a parameter count from the architecture
   (:func:`total_params`, :func:`param_breakdown`) and LoRA's trainable-parameter
   count for any choice of adapted matrices (:func:`lora_params`).
2. **Memory estimates** for full fine-tuning against LoRA, with every
   assumption in one place (:class:`MemoryAssumptions`).
3. **A LoRA layer** (:class:`LoRALinear`): forward pass, hand-derived
   gradients, merging.

Conventions
-----------
A weight matrix maps ``d_in`` inputs to ``d_out`` outputs and is stored as
``W ∈ ℝ^{d_out × d_in}`` (PyTorch's ``nn.Linear`` layout; ``d = d_out`` and
``k = d_in`` in Hu et al. 2021). LoRA adds ``ΔW = (α/r)·B A`` with
``B ∈ ℝ^{d_out × r}`` and ``A ∈ ℝ^{r × d_in}``, so one adapted matrix costs
``r·(d_in + d_out)`` trainable numbers.

Inputs are a *row batch* ``X ∈ ℝ^{n × d_in}`` (one example per row), and the
layer computes ``H = X W₀ᵀ + (α/r)·X Aᵀ Bᵀ``, which is ``h = W₀x + (α/r)BAx``
for each row ``x``.

Units: 1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes (decimal, as disk sizes are quoted).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from .validation import as_matrix, as_rank

__all__ = [
    "ModelConfig",
    "CONFIGS",
    "get_config",
    "total_params",
    "param_breakdown",
    "lora_params",
    "adapter_megabytes",
    "svd_storage",
    "largest_principal_angle",
    "MemoryAssumptions",
    "DEFAULT_MEMORY",
    "full_finetune_bytes",
    "lora_finetune_bytes",
    "LoRAGradients",
    "LoRALinear",
    "MB",
    "GB",
]

#: One megabyte and one gigabyte, in bytes (decimal units).
MB = 10**6
GB = 10**9

_ATTENTION = ("q", "k", "v", "o")


@dataclass(frozen=True)
class ModelConfig:
    """The dimensions of a Transformer that decide its parameter count.

    Attributes
    ----------
    name : str
        Display name (the calculator's dropdown label).
    n_layers : int
        Number of Transformer blocks.
    d_model : int
        Hidden size.
    n_heads : int
        Attention heads (``d_model / n_heads`` per head). Heads do not change the
        count: the q, k, v, o projections are ``d_model × d_model`` either way.
    d_ff : int
        Inner size of the MLP.
    vocab_size : int
        Rows of the token-embedding matrix.
    n_positions : int
        Rows of the learned absolute position embedding (0: none, e.g. RoPE).
    mlp : {"gelu", "swiglu"}
        ``"gelu"``: two matrices, ``up`` (d_model → d_ff) and ``down``
        (d_ff → d_model). ``"swiglu"``: three, ``gate`` and ``up``
        (d_model → d_ff) and ``down`` (d_ff → d_model).
    bias : bool
        Whether every linear layer has a bias vector.
    norm : {"layernorm", "rmsnorm"}
        LayerNorm has a weight and a bias (2·d_model numbers), RMSNorm a weight.
    lm_head : {"tied", "untied", "none"}
        Output projection to the vocabulary: shared with the token embedding
        (counted once), a separate matrix, or not part of the counted model.
    type_vocab_size : int
        Rows of a token-type (segment) embedding (RoBERTa: 1).
    embedding_norm : bool
        A norm right after the embeddings (BERT-style encoders).
    final_norm : bool
        A norm after the last block (pre-norm decoders).
    pooler : bool
        A ``d_model × d_model`` dense layer with bias on the first token.
    relative_positions : int
        Rows of a shared relative-position embedding (DeBERTa-v2), followed by
        a LayerNorm when nonzero.
    conv_kernel : int
        Width of DeBERTa-v2's convolution after the first block (0: none); it
        is a ``d_model → d_model`` Conv1d with bias, then a LayerNorm.
    source : str
        Where each number comes from.
    counted : str
        In words, what :func:`total_params` counts for this model.
    module_names : dict
        The target names used here mapped to the module names in the Hugging
        Face implementation (what PEFT's ``target_modules`` expects).
    """

    name: str
    n_layers: int
    d_model: int
    n_heads: int
    d_ff: int
    vocab_size: int
    n_positions: int
    mlp: str
    bias: bool
    norm: str
    lm_head: str
    type_vocab_size: int = 0
    embedding_norm: bool = False
    final_norm: bool = True
    pooler: bool = False
    relative_positions: int = 0
    conv_kernel: int = 0
    source: str = ""
    counted: str = ""
    module_names: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self):
        for attr in ("n_layers", "d_model", "n_heads", "d_ff", "vocab_size"):
            as_rank(getattr(self, attr), attr)
        for attr in ("n_positions", "type_vocab_size", "relative_positions", "conv_kernel"):
            as_rank(getattr(self, attr), attr, low=0)
        if self.mlp not in ("gelu", "swiglu"):
            raise ValueError(f"mlp must be 'gelu' or 'swiglu', got {self.mlp!r}")
        if self.norm not in ("layernorm", "rmsnorm"):
            raise ValueError(f"norm must be 'layernorm' or 'rmsnorm', got {self.norm!r}")
        if self.lm_head not in ("tied", "untied", "none"):
            raise ValueError(f"lm_head must be 'tied', 'untied' or 'none', got {self.lm_head!r}")
        if self.d_model % self.n_heads:
            raise ValueError(
                f"d_model = {self.d_model} must be a multiple of n_heads = {self.n_heads}"
            )

    @property
    def d_head(self) -> int:
        """Size of one attention head, ``d_model / n_heads``."""
        return self.d_model // self.n_heads

    @property
    def targets(self) -> tuple[str, ...]:
        """The matrices of one block that LoRA can adapt, by name."""
        mlp = ("gate", "up", "down") if self.mlp == "swiglu" else ("up", "down")
        return _ATTENTION + mlp

    def matrix_shape(self, target: str) -> tuple[int, int]:
        """Return ``(d_out, d_in)`` of one block's matrix ``target``.

        Raises
        ------
        ValueError
            If ``target`` is not one of :attr:`targets`.
        """
        if target not in self.targets:
            raise ValueError(
                f"unknown target {target!r} for {self.name}; "
                f"valid targets: {', '.join(self.targets)}"
            )
        if target in _ATTENTION:
            return (self.d_model, self.d_model)
        if target == "down":
            return (self.d_model, self.d_ff)
        return (self.d_ff, self.d_model)  # up, gate


_SRC_GPT3 = (
    "Brown et al. 2020 (arXiv 2005.14165), Table 2.1, row 'GPT-3 175B': 96 layers, "
    "d_model 12288, 96 heads of 128, context 2048; Section 2.1: d_ff = 4·d_model and "
    "'the same model and architecture as GPT-2', so GPT-2's 50257-token BPE vocabulary, "
    "biases, LayerNorms and tied output embedding are assumed. The weights are not public."
)
_SRC_LLAMA7 = (
    "Hugging Face config.json of huggyllama/llama-7b (same numbers in "
    "meta-llama/Llama-2-7b-hf): hidden_size 4096, intermediate_size 11008, "
    "num_hidden_layers 32, num_attention_heads 32, vocab_size 32000, "
    "tie_word_embeddings false, RMSNorm, no biases; Touvron et al. 2023 "
    "(arXiv 2302.13971), Table 2. Published count 6,738,415,616."
)
_SRC_LLAMA13 = (
    "Hugging Face config.json of meta-llama/Llama-2-13b-hf: hidden_size 5120, "
    "intermediate_size 13824, num_hidden_layers 40, num_attention_heads 40, "
    "vocab_size 32000, untied, RMSNorm, no biases. Published count 13,015,864,320."
)
_SRC_RB = (
    "Hugging Face config.json of FacebookAI/roberta-base: hidden_size 768, "
    "num_hidden_layers 12, num_attention_heads 12, intermediate_size 3072, "
    "vocab_size 50265, max_position_embeddings 514, type_vocab_size 1. "
    "AutoModel count (with pooler) 124,645,632."
)
_SRC_RL = (
    "Hugging Face config.json of FacebookAI/roberta-large: hidden_size 1024, "
    "num_hidden_layers 24, num_attention_heads 16, intermediate_size 4096, "
    "vocab_size 50265, max_position_embeddings 514, type_vocab_size 1. "
    "AutoModel count (with pooler) 355,359,744."
)
_SRC_GPT2M = (
    "Hugging Face config.json of openai-community/gpt2-medium: n_layer 24, n_embd 1024, "
    "n_head 16, n_positions 1024, vocab_size 50257, n_inner = 4·n_embd; tied LM head. "
    "Published count 354,823,168."
)
_SRC_GPT2L = (
    "Hugging Face config.json of openai-community/gpt2-large: n_layer 36, n_embd 1280, "
    "n_head 20, n_positions 1024, vocab_size 50257, n_inner = 4·n_embd; tied LM head. "
    "Published count 774,030,080."
)
_SRC_DEBERTA = (
    "Configuration of microsoft/deberta-v2-xxlarge (as mirrored in PaddleNLP's "
    "pretrained_init_configuration): hidden_size 1536, num_hidden_layers 48, "
    "num_attention_heads 24, intermediate_size 6144, vocab_size 128100, "
    "position_biased_input false, type_vocab_size 0, relative_attention with "
    "position_buckets 256 (a 512-row table), share_att_key true, conv_kernel_size 3. "
    "He et al. 2021 call it 1.5B; no exact published count was found to pin against."
)

_GPT_NAMES = {
    "q": "attn.c_attn (q slice)",
    "k": "attn.c_attn (k slice)",
    "v": "attn.c_attn (v slice)",
    "o": "attn.c_proj",
    "up": "mlp.c_fc",
    "down": "mlp.c_proj",
}
_LLAMA_NAMES = {t: f"{t}_proj" for t in ("q", "k", "v", "o", "gate", "up", "down")}
_ROBERTA_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "o": "attention.output.dense",
    "up": "intermediate.dense",
    "down": "output.dense",
}
_DEBERTA_NAMES = {
    "q": "attention.self.query_proj",
    "k": "attention.self.key_proj",
    "v": "attention.self.value_proj",
    "o": "attention.output.dense",
    "up": "intermediate.dense",
    "down": "output.dense",
}

_GPT_COUNTED = (
    "token and position embeddings, every block (q, k, v, o, MLP, all with biases; "
    "two LayerNorms), the final LayerNorm; the LM head is tied to the token embedding, "
    "so it adds nothing."
)
_LLAMA_COUNTED = (
    "token embedding, every block (q, k, v, o; gate, up, down; two RMSNorm weights; "
    "no biases), the final RMSNorm and the separate (untied) LM head."
)
_ROBERTA_COUNTED = (
    "word, position and token-type embeddings with their LayerNorm, every block "
    "(q, k, v, o, MLP, all with biases; two LayerNorms), and the pooler — what "
    "Hugging Face's AutoModel holds. Not counted: the masked-LM head and any "
    "classification head."
)
_DEBERTA_COUNTED = (
    "word embedding with its LayerNorm, the relative-position table with its LayerNorm, "
    "the convolution after block 1, every block (q, k, v, o, MLP with biases; two "
    "LayerNorms) — DebertaV2Model. Not counted: pooler and classification head."
)

#: The bundled configurations, by name.
CONFIGS: dict[str, ModelConfig] = {
    c.name: c
    for c in (
        ModelConfig(
            "GPT-3 175B", 96, 12288, 96, 49152, 50257, 2048, "gelu", True, "layernorm",
            "tied", source=_SRC_GPT3, counted=_GPT_COUNTED, module_names=_GPT_NAMES,
        ),
        ModelConfig(
            "LLaMA-7B", 32, 4096, 32, 11008, 32000, 0, "swiglu", False, "rmsnorm",
            "untied", source=_SRC_LLAMA7, counted=_LLAMA_COUNTED, module_names=_LLAMA_NAMES,
        ),
        ModelConfig(
            "LLaMA-2-13B", 40, 5120, 40, 13824, 32000, 0, "swiglu", False, "rmsnorm",
            "untied", source=_SRC_LLAMA13, counted=_LLAMA_COUNTED, module_names=_LLAMA_NAMES,
        ),
        ModelConfig(
            "RoBERTa-base", 12, 768, 12, 3072, 50265, 514, "gelu", True, "layernorm",
            "none", type_vocab_size=1, embedding_norm=True, final_norm=False, pooler=True,
            source=_SRC_RB, counted=_ROBERTA_COUNTED, module_names=_ROBERTA_NAMES,
        ),
        ModelConfig(
            "RoBERTa-large", 24, 1024, 16, 4096, 50265, 514, "gelu", True, "layernorm",
            "none", type_vocab_size=1, embedding_norm=True, final_norm=False, pooler=True,
            source=_SRC_RL, counted=_ROBERTA_COUNTED, module_names=_ROBERTA_NAMES,
        ),
        ModelConfig(
            "GPT-2 medium", 24, 1024, 16, 4096, 50257, 1024, "gelu", True, "layernorm",
            "tied", source=_SRC_GPT2M, counted=_GPT_COUNTED, module_names=_GPT_NAMES,
        ),
        ModelConfig(
            "GPT-2 large", 36, 1280, 20, 5120, 50257, 1024, "gelu", True, "layernorm",
            "tied", source=_SRC_GPT2L, counted=_GPT_COUNTED, module_names=_GPT_NAMES,
        ),
        ModelConfig(
            "DeBERTa-v2-XXLarge", 48, 1536, 24, 6144, 128100, 0, "gelu", True, "layernorm",
            "none", embedding_norm=True, final_norm=False, relative_positions=512,
            conv_kernel=3, source=_SRC_DEBERTA, counted=_DEBERTA_COUNTED,
            module_names=_DEBERTA_NAMES,
        ),
    )
}  # fmt: skip


def get_config(model) -> ModelConfig:
    """Return a bundled :class:`ModelConfig` by name (a config passes through).

    Parameters
    ----------
    model : str or ModelConfig
        A key of :data:`CONFIGS` (no-break spaces, as a browser renders the
        calculator's dropdown labels, count as spaces), or a config.

    Returns
    -------
    ModelConfig

    Raises
    ------
    TypeError
        If ``model`` is neither a string nor a config.
    ValueError
        If no bundled config has that name; the message lists the names.

    Examples
    --------
    >>> get_config("LLaMA-7B").d_ff
    11008
    """
    if isinstance(model, ModelConfig):
        return model
    if not isinstance(model, str):
        raise TypeError(f"model must be a ModelConfig or a name, got {type(model).__name__}")
    # A browser shows a dropdown label's spaces as no-break spaces; accept the name as shown.
    model = model.replace("\xa0", " ")
    if model not in CONFIGS:
        raise ValueError(f"unknown model {model!r}; valid models: {', '.join(CONFIGS)}")
    return CONFIGS[model]


def param_breakdown(config) -> dict[str, int]:
    """Count a model's parameters by component.

    Parameters
    ----------
    config : ModelConfig or str

    Returns
    -------
    dict
        ``embeddings`` (token, position, token-type, relative-position tables and
        the norms that act on them), ``attention`` (q, k, v, o with biases),
        ``mlp``, ``norms`` (the per-block norms and the final norm), ``lm_head``
        (only when untied), ``pooler``, ``other`` (DeBERTa's convolution). The
        values sum to :func:`total_params`.

    Examples
    --------
    >>> b = param_breakdown("LLaMA-7B")
    >>> b["lm_head"] == 32000 * 4096
    True
    """
    c = get_config(config)
    d, f, L = c.d_model, c.d_ff, c.n_layers
    norm = 2 * d if c.norm == "layernorm" else d
    b = int(c.bias)
    embeddings = (c.vocab_size + c.n_positions + c.type_vocab_size) * d
    embeddings += norm if c.embedding_norm else 0
    if c.relative_positions:
        embeddings += c.relative_positions * d + norm
    attention = L * 4 * (d * d + b * d)
    n_up = 2 if c.mlp == "swiglu" else 1
    mlp = L * (n_up * (d * f + b * f) + (f * d + b * d))
    norms = L * 2 * norm + (norm if c.final_norm else 0)
    lm_head = c.vocab_size * d if c.lm_head == "untied" else 0
    pooler = d * d + d if c.pooler else 0
    other = d * d * c.conv_kernel + d + norm if c.conv_kernel else 0
    return {
        "embeddings": embeddings,
        "attention": attention,
        "mlp": mlp,
        "norms": norms,
        "lm_head": lm_head,
        "pooler": pooler,
        "other": other,
    }


def total_params(config) -> int:
    """Count every parameter of a model from its architecture.

    What is counted for each bundled model is spelled out in its
    :attr:`ModelConfig.counted`; :func:`param_breakdown` gives the parts.

    Parameters
    ----------
    config : ModelConfig or str

    Returns
    -------
    int

    Examples
    --------
    >>> total_params("LLaMA-7B")
    6738415616
    >>> total_params("GPT-2 medium")
    354823168
    """
    return sum(param_breakdown(config).values())


def _as_targets(targets, c: ModelConfig) -> tuple[str, ...]:
    """Validate a collection of target names for config ``c``."""
    if isinstance(targets, str):
        targets = (targets,)
    if not isinstance(targets, Iterable):
        raise TypeError(
            f"targets must be a collection of names such as ('q', 'v'), "
            f"got {type(targets).__name__}"
        )
    targets = tuple(targets)
    for t in targets:
        if not isinstance(t, str) or t not in c.targets:
            raise ValueError(
                f"unknown target {t!r} for {c.name}; valid targets: {', '.join(c.targets)}"
            )
    if not targets:
        raise ValueError(
            f"targets must name at least one matrix; valid targets for {c.name}: "
            f"{', '.join(c.targets)}"
        )
    if len(set(targets)) != len(targets):
        raise ValueError(f"targets must not repeat a name, got {targets}")
    return targets


def lora_params(config, rank, targets=("q", "v")) -> int:
    """Count LoRA's trainable parameters: ``r·(d_in + d_out)`` per adapted matrix per block.

    Parameters
    ----------
    config : ModelConfig or str
        The model (a :class:`ModelConfig` or the name of a bundled one).
    rank : int
        The LoRA rank ``r``, from 1 to the smallest side of the adapted matrices.
    targets : collection of str, optional
        Which matrices of every block get an adapter; any of
        ``config.targets`` (``q, k, v, o`` and the MLP's ``up, down`` — plus
        ``gate`` for SwiGLU models). Default: ``("q", "v")``, the paper's choice.

    Returns
    -------
    int
        ``n_layers · Σ_targets r·(d_in + d_out)``. Biases, norms, embeddings and
        task heads are not counted (LoRA freezes them).

    Raises
    ------
    TypeError
        If ``rank`` is not an integer or ``targets`` is not a collection.
    ValueError
        If a target is unknown, repeated or missing, or ``rank`` is outside
        ``1 … min(d_in, d_out)``; the message lists the valid choices.

    Examples
    --------
    >>> lora_params("RoBERTa-base", 8)          # Hu et al. 2021, Table 2: 0.3M
    294912
    >>> lora_params("LLaMA-7B", 8, ("q", "k", "v", "o"))
    8388608
    """
    c = get_config(config)
    targets = _as_targets(targets, c)
    shapes = [c.matrix_shape(t) for t in targets]
    high = min(min(s) for s in shapes)
    if isinstance(rank, bool) or not isinstance(rank, numbers.Integral):
        raise TypeError(f"rank must be an integer, got {rank!r} ({type(rank).__name__})")
    if not 1 <= rank <= high:
        raise ValueError(
            f"rank must be an integer from 1 to {high} for targets {', '.join(targets)} of "
            f"{c.name} (the smallest adapted matrix has a side of {high}), got {rank}"
        )
    r = int(rank)
    return c.n_layers * sum(r * (d_out + d_in) for d_out, d_in in shapes)


def adapter_megabytes(n_params, bytes_per_param=2) -> float:
    """Size of ``n_params`` stored numbers in MB (10⁶ bytes).

    Parameters
    ----------
    n_params : int
        How many numbers.
    bytes_per_param : int, optional
        2 for fp16/bf16 (default), 4 for fp32.

    Returns
    -------
    float

    Examples
    --------
    >>> adapter_megabytes(18_874_368)        # GPT-3, r = 4 on q and v, fp16
    37.748736
    """
    n = as_rank(n_params, "n_params", low=0)
    b = as_rank(bytes_per_param, "bytes_per_param")
    return n * b / MB


def svd_storage(m, n, rank) -> int:
    """Numbers stored by a rank-``r`` truncated SVD of an ``m × n`` matrix: ``r(m + n + 1)``.

    ``U_r`` has ``m·r`` entries, ``V_r`` has ``n·r`` and ``Σ_r`` has ``r`` (only its
    diagonal). Compare with ``m·n`` for the matrix itself.

    Examples
    --------
    >>> svd_storage(1000, 1000, 50)
    100050
    """
    m, n = as_rank(m, "m"), as_rank(n, "n")
    r = as_rank(rank, "rank", high=min(m, n))
    return r * (m + n + 1)


def largest_principal_angle(P, Q) -> float:
    """The largest principal angle between the column spaces of ``P`` and ``Q``, in radians.

    It is 0 when the spaces coincide and π/2 when some direction of one is
    orthogonal to the other. Computed as ``arcsin ‖(I − Q̂Q̂ᵀ) P̂‖₂`` with
    orthonormal bases ``P̂``, ``Q̂`` of the two spaces, which stays accurate for
    small angles (unlike ``arccos`` of the cosines).

    Parameters
    ----------
    P, Q : array_like, shapes (m, p) and (m, q)
        Matrices with full column rank, ``p ≤ q``, and the same number of rows.

    Returns
    -------
    float
        The angle in radians, in ``[0, π/2]``.

    Raises
    ------
    ValueError
        If the row counts differ or ``P`` has more columns than ``Q``.

    Examples
    --------
    >>> angle = largest_principal_angle([[1.0], [0.0]], [[1.0], [1.0]])
    >>> round(float(np.degrees(angle)), 9)
    45.0
    """
    P = as_matrix(P, "P")
    Q = as_matrix(Q, "Q")
    if P.shape[0] != Q.shape[0]:
        raise ValueError(
            f"P and Q must have the same number of rows, got {P.shape[0]} and {Q.shape[0]}"
        )
    if P.shape[1] > Q.shape[1]:
        raise ValueError(f"P must not have more columns than Q, got {P.shape[1]} > {Q.shape[1]}")
    P_hat = np.linalg.qr(P)[0]
    Q_hat = np.linalg.qr(Q)[0]
    residual = P_hat - Q_hat @ (Q_hat.T @ P_hat)
    return float(np.arcsin(min(1.0, np.linalg.norm(residual, 2))))


@dataclass(frozen=True)
class MemoryAssumptions:
    """Bytes per parameter for a training-memory estimate (activations excluded).

    The default is mixed-precision training with Adam as accounted by
    Rajbhandari et al. 2020 (ZeRO, Section 3.1): 2 bytes for the bf16/fp16
    weight, 2 for its gradient, and 12 for the optimizer's fp32 state (a
    master copy of the weight, 4, and Adam's two moments, 8): 16 bytes for
    every *trained* parameter. A *frozen* parameter costs its weight only.

    Attributes
    ----------
    weight_bytes : int
        Storage of each weight used in the forward pass.
    grad_bytes : int
        Gradient of each trained weight.
    master_bytes : int
        fp32 master copy of each trained weight (0 when training in fp32).
    optimizer_bytes : int
        Optimizer state per trained weight (Adam: two fp32 moments = 8).

    Notes
    -----
    Not included: activations (they depend on batch size, sequence length and
    checkpointing), temporary buffers, the CUDA context and memory fragmentation.
    """

    weight_bytes: int = 2
    grad_bytes: int = 2
    master_bytes: int = 4
    optimizer_bytes: int = 8

    def __post_init__(self):
        as_rank(self.weight_bytes, "weight_bytes")
        for attr in ("grad_bytes", "master_bytes", "optimizer_bytes"):
            as_rank(getattr(self, attr), attr, low=0)

    @property
    def trained_bytes(self) -> int:
        """Bytes per trained parameter: weight + gradient + master copy + optimizer."""
        return self.weight_bytes + self.grad_bytes + self.master_bytes + self.optimizer_bytes

    def describe(self) -> list[str]:
        """The assumptions as sentences, for display next to the numbers."""
        return [
            f"weights stored in {self.weight_bytes} bytes each (bf16/fp16 = 2, fp32 = 4)",
            f"each trained weight adds a {self.grad_bytes}-byte gradient, a "
            f"{self.master_bytes}-byte fp32 master copy and {self.optimizer_bytes} bytes "
            f"of optimizer state (Adam: two fp32 moments): {self.trained_bytes} bytes in all",
            "frozen weights (LoRA's W₀) need no gradient and no optimizer state",
            "activations, buffers and framework overhead are excluded",
            "1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes",
        ]


#: Mixed precision with Adam, 16 bytes per trained parameter (see MemoryAssumptions).
DEFAULT_MEMORY = MemoryAssumptions()


def _as_assumptions(assumptions) -> MemoryAssumptions:
    if not isinstance(assumptions, MemoryAssumptions):
        raise TypeError(
            f"assumptions must be a MemoryAssumptions, got {type(assumptions).__name__}"
        )
    return assumptions


def full_finetune_bytes(config, assumptions=DEFAULT_MEMORY) -> int:
    """Training memory of full fine-tuning in bytes: every parameter is trained.

    Parameters
    ----------
    config : ModelConfig or str
    assumptions : MemoryAssumptions, optional

    Returns
    -------
    int
        ``total_params · trained_bytes`` (activations excluded).

    Examples
    --------
    >>> full_finetune_bytes("LLaMA-7B") / GB   # 16 bytes per parameter
    107.814649856
    """
    a = _as_assumptions(assumptions)
    return total_params(config) * a.trained_bytes


def lora_finetune_bytes(config, rank, targets=("q", "v"), assumptions=DEFAULT_MEMORY) -> int:
    """Training memory of LoRA in bytes: frozen weights plus trained adapters.

    Parameters
    ----------
    config : ModelConfig or str
    rank : int
    targets : collection of str, optional
    assumptions : MemoryAssumptions, optional

    Returns
    -------
    int
        ``total_params · weight_bytes + lora_params · trained_bytes``
        (activations excluded).
    """
    a = _as_assumptions(assumptions)
    trainable = lora_params(config, rank, targets)
    return total_params(config) * a.weight_bytes + trainable * a.trained_bytes


class LoRAGradients(NamedTuple):
    """Gradients returned by :meth:`LoRALinear.backward`."""

    dA: np.ndarray
    dB: np.ndarray
    dX: np.ndarray


class LoRALinear:
    """A frozen linear map ``W₀`` plus a trainable low-rank update ``(α/r)·B A``.

    Row convention: an input batch ``X`` is ``n × d_in`` and the output is

    ``H = X W₀ᵀ + (α/r) · (X Aᵀ) Bᵀ``,   i.e. ``h = W₀x + (α/r)·B A x`` per row.

    Parameters
    ----------
    W0 : array_like, shape (d_out, d_in)
        The frozen weight (copied and made read-only).
    rank : int
        ``r``, from 1 to ``min(d_out, d_in)``.
    alpha : float, optional
        The scale numerator ``α`` (positive). Default ``None`` means ``α = r``,
        a scale ``α/r`` of 1.
    seed : int or numpy.random.Generator, optional
        Seed for ``A``.

    Attributes
    ----------
    W0 : numpy.ndarray
        Read-only frozen weight.
    A : numpy.ndarray, shape (rank, d_in)
        Gaussian entries with standard deviation ``1/√d_in`` (fan-in scaling).
    B : numpy.ndarray, shape (d_out, rank)
        Zeros, so the layer starts as exactly ``W₀`` (Hu et al. 2021, Section 4.1).

    Examples
    --------
    >>> layer = LoRALinear(np.eye(3), rank=1, alpha=2.0, seed=0)
    >>> layer.scaling, layer.n_trainable
    (2.0, 6)
    >>> np.array_equal(layer.merge(), np.eye(3))    # B = 0: no change yet
    True
    """

    def __init__(self, W0, rank, alpha=None, seed=0):
        W0 = as_matrix(W0, "W0", copy=True)
        W0.setflags(write=False)
        d_out, d_in = W0.shape
        self.rank = as_rank(rank, "rank", high=min(d_out, d_in))
        if alpha is None:
            alpha = float(self.rank)
        if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real):
            raise TypeError(f"alpha must be a real number, got {type(alpha).__name__}")
        if not (math.isfinite(alpha) and alpha > 0):
            raise ValueError(f"alpha must be positive and finite, got {alpha!r}")
        self.alpha = float(alpha)
        self.W0 = W0
        rng = np.random.default_rng(seed)
        self.A = rng.standard_normal((self.rank, d_in)) / np.sqrt(d_in)
        self.B = np.zeros((d_out, self.rank))

    @property
    def scaling(self) -> float:
        """The factor ``α/r`` in front of ``B A``."""
        return self.alpha / self.rank

    @property
    def shape(self) -> tuple[int, int]:
        """``(d_out, d_in)`` of the layer."""
        return self.W0.shape

    @property
    def n_trainable(self) -> int:
        """Trainable numbers: ``r·(d_in + d_out)``."""
        d_out, d_in = self.shape
        return self.rank * (d_in + d_out)

    def delta(self) -> np.ndarray:
        """The update ``ΔW = (α/r)·B A`` (``d_out × d_in``, rank ≤ r)."""
        return self.scaling * (self.B @ self.A)

    def merge(self) -> np.ndarray:
        """The merged weight ``W₀ + (α/r)·B A``: one matrix, no extra cost at inference."""
        return self.W0 + self.delta()

    def _check_input(self, X) -> np.ndarray:
        d_out, d_in = self.shape
        if (
            type(X) is np.ndarray
            and X.dtype == np.float64
            and X.ndim == 2
            and X.shape[1] == d_in
            and X.shape[0] > 0
            and np.isfinite(X).all()
        ):
            return X  # the common case, checked cheaply (training loops call this often)
        if np.ndim(X) == 1:
            raise ValueError(
                f"X must be a row batch of shape (n, d_in) = (n, {d_in}), got a 1-D array "
                f"of shape {np.shape(X)}; for one input x use X = x[None, :]"
            )
        X = as_matrix(X, "X")
        if X.shape[1] != d_in:
            raise ValueError(
                f"X has {X.shape[1]} columns but the layer's d_in is {d_in} "
                f"(W0 is {d_out} × {d_in}): X must have shape (n, {d_in})"
            )
        return X

    def forward(self, X) -> np.ndarray:
        """Return ``H = X W₀ᵀ + (α/r)·(X Aᵀ) Bᵀ`` for a row batch ``X`` (n × d_in).

        Raises
        ------
        ValueError
            If ``X`` is not 2-D or its number of columns is not ``d_in``.
        """
        X = self._check_input(X)
        return X @ self.W0.T + self.scaling * ((X @ self.A.T) @ self.B.T)

    def backward(self, X, dH) -> LoRAGradients:
        """Gradients of a loss ``L`` given ``dH = ∂L/∂H`` for the batch ``X``.

        With ``s = α/r`` and ``G = ∂L/∂W = dHᵀ X`` (the gradient with respect
        to the merged weight):

        - ``∂L/∂B = s · G Aᵀ = s · dHᵀ (X Aᵀ)``      (d_out × r)
        - ``∂L/∂A = s · Bᵀ G = s · (dH B)ᵀ X``      (r × d_in)
        - ``∂L/∂X = dH (W₀ + s B A)``               (n × d_in)

        ``W₀`` gets no gradient: it is frozen. ``G`` itself (d_out × d_in) is
        never formed; the products are taken in the cheap order.

        Raises
        ------
        ValueError
            If ``X`` or ``dH`` has the wrong shape; the message names the dimension.
        """
        X = self._check_input(X)
        d_out = self.shape[0]
        if np.ndim(dH) != 2:
            raise ValueError(f"dH must be 2-D of shape (n, d_out), got shape {np.shape(dH)}")
        if not (type(dH) is np.ndarray and dH.dtype == np.float64 and np.isfinite(dH).all()):
            dH = as_matrix(dH, "dH")
        if dH.shape[0] != X.shape[0]:
            raise ValueError(
                f"dH has {dH.shape[0]} rows but X has {X.shape[0]}: one gradient row per "
                f"input row (n = {X.shape[0]})"
            )
        if dH.shape[1] != d_out:
            raise ValueError(
                f"dH has {dH.shape[1]} columns but the layer's d_out is {d_out}: "
                f"dH must have shape ({X.shape[0]}, {d_out})"
            )
        s = self.scaling
        XA = X @ self.A.T  # n × r
        dHB = dH @ self.B  # n × r
        dB = s * (dH.T @ XA)
        dA = s * (dHB.T @ X)
        dX = dH @ self.W0 + s * (dHB @ self.A)
        return LoRAGradients(dA, dB, dX)

    def __repr__(self) -> str:
        d_out, d_in = self.shape
        return (
            f"LoRALinear(d_out={d_out}, d_in={d_in}, rank={self.rank}, alpha={self.alpha:g}, "
            f"trainable={self.n_trainable})"
        )
