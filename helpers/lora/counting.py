"""Counting: parameters of a model, LoRA's trainable parameters, training memory (notebook 10).

Conventions
-----------
A weight matrix maps ``d_in`` inputs to ``d_out`` outputs and is stored as
``W ∈ ℝ^{d_out × d_in}``; LoRA adds ``ΔW = (α/r)·B A`` with ``B ∈ ℝ^{d_out × r}``
and ``A ∈ ℝ^{r × d_in}``, so one adapted matrix costs ``r·(d_in + d_out)``
trainable numbers. Units: 1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from dataclasses import dataclass

from ..validation import as_rank
from .configs import ModelConfig, get_config

__all__ = [
    "total_params",
    "param_breakdown",
    "lora_params",
    "adapter_megabytes",
    "svd_storage",
    "MemoryAssumptions",
    "DEFAULT_MEMORY",
    "full_finetune_bytes",
    "lora_finetune_bytes",
    "MB",
    "GB",
]

#: One megabyte and one gigabyte, in bytes (decimal units).
MB = 10**6
GB = 10**9


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
    d_kv = c.d_kv  # k and v: d_model → n_kv_heads·d_head (grouped-query attention)
    attention = L * (2 * (d * d + b * d) + 2 * (d * d_kv + b * d_kv))
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
