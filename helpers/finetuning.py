"""Parameter-efficient fine-tuning methods side by side, computed for one model.

Each function counts what a method trains on a :class:`helpers.lora.ModelConfig`
and what it adds at inference. The accounting, method by method:

- **full fine-tuning**: every parameter (:func:`helpers.lora.total_params`);
- **adapters** (Houlsby et al. 2019, arXiv 1902.00751): two bottleneck modules per
  block (after attention and after the MLP), each ``d → m → d`` with biases,
  ``2m·d + m + d`` parameters; their layer norms are not counted;
- **prefix tuning** (Li & Liang 2021, arXiv 2101.00190): ``ℓ`` trained key and
  value vectors in every block, ``2·L·ℓ·d_kv`` (``d_kv = n_kv_heads·d_head``),
  after the reparametrization network used during training is dropped;
- **prompt tuning** (Lester et al. 2021, arXiv 2104.08691): ``ℓ`` trained input
  embeddings, ``ℓ·d_model``;
- **BitFit** (Ben Zaken et al. 2022, arXiv 2106.10199): the biases of the linear
  layers of every block (norm biases not counted); zero for a model without
  biases, such as LLaMA;
- **LoRA** (Hu et al. 2021): :func:`helpers.lora.lora_params`;
- **QLoRA** (Dettmers et al. 2023, arXiv 2305.14314): LoRA's trainable count, on a
  frozen model stored in 4 bits per weight plus its quantization constants.

Memory is the training estimate of :mod:`helpers.lora` (16 bytes per trained
parameter, the frozen weights at their storage size, activations excluded).
"""

from __future__ import annotations

from dataclasses import dataclass

from .lora import DEFAULT_MEMORY, get_config, lora_params, total_params
from .validation import as_rank

__all__ = [
    "METHODS",
    "MethodRow",
    "QLORA_BYTES_PER_WEIGHT",
    "adapter_params",
    "bitfit_params",
    "compare_methods",
    "prefix_params",
    "prompt_params",
]

#: NF4 storage with double quantization: 4 bits per weight plus 8/64 + 32/(64·256)
#: bits of quantization constants (blocks of 64 weights, constants quantized to 8
#: bits in blocks of 256), in bytes.
QLORA_BYTES_PER_WEIGHT = (4 + 8 / 64 + 32 / (64 * 256)) / 8

METHODS = ("full", "adapters", "prefix", "prompt", "BitFit", "LoRA", "QLoRA")


def adapter_params(config, bottleneck: int) -> int:
    """Trainable parameters of Houlsby adapters with bottleneck size ``bottleneck``.

    Parameters
    ----------
    config : str or ModelConfig
        A bundled model name or a config.
    bottleneck : int
        The adapter's inner size ``m``, from 1 to ``d_model``.

    Returns
    -------
    int
        ``2 · L · (2·m·d_model + m + d_model)``.

    Examples
    --------
    >>> adapter_params("RoBERTa-base", 64)
    2379264
    """
    c = get_config(config)
    m = as_rank(bottleneck, "bottleneck", high=c.d_model)
    return 2 * c.n_layers * (2 * m * c.d_model + m + c.d_model)


def prefix_params(config, length: int) -> int:
    """Trainable parameters of prefix tuning with ``length`` prefix positions.

    Parameters
    ----------
    config : str or ModelConfig
    length : int
        Number of prefix positions ``ℓ`` (at least 1).

    Returns
    -------
    int
        ``2 · L · ℓ · d_kv``: a key and a value vector per position and block.

    Examples
    --------
    >>> prefix_params("GPT-2 medium", 10)
    491520
    """
    c = get_config(config)
    n = as_rank(length, "length")
    return 2 * c.n_layers * n * c.d_kv


def prompt_params(config, length: int) -> int:
    """Trainable parameters of prompt tuning with ``length`` soft-prompt tokens.

    Examples
    --------
    >>> prompt_params("LLaMA-7B", 20)
    81920
    """
    c = get_config(config)
    return as_rank(length, "length") * c.d_model


def bitfit_params(config) -> int:
    """Biases of every block's linear layers (q, k, v, o and the MLP); 0 without biases.

    Examples
    --------
    >>> bitfit_params("LLaMA-7B")
    0
    >>> bitfit_params("RoBERTa-base")
    82944
    """
    c = get_config(config)
    if not c.bias:
        return 0
    per_block = sum(c.matrix_shape(t)[0] for t in c.targets)
    return c.n_layers * per_block


@dataclass(frozen=True)
class MethodRow:
    """One method in :func:`compare_methods`.

    Attributes
    ----------
    method : str
    trainable : int
        Parameters the method trains.
    extra_flops : int
        Inference flops added per token (attention to the prefix, adapter layers);
        0 when the trained weights merge into the model.
    mergeable : str
        Whether the trained weights fold into the model's own matrices.
    memory_gb : float
        Training memory estimate in GB (10⁹ bytes), activations excluded.
    """

    method: str
    trainable: int
    extra_flops: int
    mergeable: str
    memory_gb: float


def compare_methods(
    config, *, rank: int = 8, targets=("q", "v"), bottleneck: int = 64, length: int = 20
) -> list[MethodRow]:
    """Compare the seven methods of :data:`METHODS` on one model.

    Parameters
    ----------
    config : str or ModelConfig
    rank, targets
        LoRA's (and QLoRA's) rank and adapted matrices.
    bottleneck : int
        The adapters' inner size.
    length : int
        Prefix positions for prefix tuning, soft tokens for prompt tuning.

    Returns
    -------
    list of MethodRow
        In the order of :data:`METHODS`.

    Examples
    --------
    >>> rows = compare_methods("LLaMA-7B")
    >>> [r.method for r in rows][:3], rows[5].trainable
    (['full', 'adapters', 'prefix'], 4194304)
    """
    c = get_config(config)
    length = as_rank(length, "length")
    mem = DEFAULT_MEMORY
    n = total_params(c)
    gb = 1e9
    per_trained, frozen = mem.trained_bytes, mem.weight_bytes

    def memory(trainable, frozen_bytes):
        return ((n - trainable) * frozen_bytes + trainable * per_trained) / gb

    n_lora = lora_params(c, rank, targets)
    lora_unmerged = 2 * n_lora  # x ↦ B(Ax): 2 flops per adapter entry and token
    # attention over ℓ extra positions: scores q·k and the weighted sum of v, all heads
    attention_extra = 4 * c.n_layers * length * c.d_model
    rows = [
        ("full", n, 0, "(it is the model)", n * per_trained / gb),
        ("adapters", adapter_params(c, bottleneck), None, "no: extra layers", None),
        ("prefix", prefix_params(c, length), attention_extra, "no: extra keys/values", None),
        ("prompt", prompt_params(c, length), attention_extra, "no: extra input tokens", None),
        ("BitFit", bitfit_params(c), 0, "yes: they are the model's biases", None),
        ("LoRA", n_lora, 0, "yes: W₀ + sBA", None),
        ("QLoRA", n_lora, lora_unmerged, "only into a dequantized copy", None),
    ]
    out = []
    for method, trainable, flops, mergeable, memory_gb in rows:
        if flops is None:  # adapters: 2 modules × (d→m, m→d) per block, 2 flops per weight
            flops = 2 * adapter_params(c, bottleneck)
        if memory_gb is None:
            weight = QLORA_BYTES_PER_WEIGHT if method == "QLoRA" else frozen
            memory_gb = memory(trainable, weight)
        out.append(MethodRow(method, int(trainable), int(flops), mergeable, float(memory_gb)))
    return out
