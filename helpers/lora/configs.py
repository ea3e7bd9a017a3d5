"""Architecture configs of real Transformers, with their sources (notebook 10).

:class:`ModelConfig` holds the dimensions that decide a parameter count;
:data:`CONFIGS` holds the bundled models, each with the source of every number
and a sentence on what is counted; :func:`get_config` looks one up by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..validation import as_flag, as_rank

__all__ = ["ModelConfig", "CONFIGS", "get_config"]

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
        Attention (query) heads, ``d_head = d_model / n_heads`` each. The q and o
        projections are ``d_model × d_model`` whatever the number of heads.
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
    n_kv_heads : int, optional
        Key/value heads, for grouped-query attention (Ainslie et al. 2023,
        arXiv 2305.13245): every group of ``n_heads / n_kv_heads`` query heads
        shares one key and one value head, so the k and v projections map
        ``d_model`` to ``n_kv_heads · d_head`` (``d_out × d_in =
        (n_kv_heads·d_head) × d_model``). ``None`` (default) means
        ``n_heads``: ordinary multi-head attention. Must divide ``n_heads``.
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
    n_kv_heads: int | None = None

    def __post_init__(self):
        for attr in ("name", "mlp", "norm", "lm_head", "source", "counted"):
            value = getattr(self, attr)
            if not isinstance(value, str):
                raise TypeError(f"{attr} must be a str, got {value!r} ({type(value).__name__})")
        for attr in ("n_layers", "d_model", "n_heads", "d_ff", "vocab_size"):
            as_rank(getattr(self, attr), attr)
        for attr in ("n_positions", "type_vocab_size", "relative_positions", "conv_kernel"):
            as_rank(getattr(self, attr), attr, low=0)
        for attr in ("bias", "embedding_norm", "final_norm", "pooler"):
            as_flag(getattr(self, attr), attr)  # bias="yes" would be truthy
        if not isinstance(self.module_names, dict):
            raise TypeError(f"module_names must be a dict, got {type(self.module_names).__name__}")
        # A frozen dataclass: fill in the default (and copy the caller's dict) with
        # object.__setattr__.
        object.__setattr__(self, "module_names", dict(self.module_names))
        if self.d_model % self.n_heads:
            raise ValueError(
                f"d_model = {self.d_model} must be a multiple of n_heads = {self.n_heads}"
            )
        if self.n_kv_heads is None:
            object.__setattr__(self, "n_kv_heads", self.n_heads)
        as_rank(self.n_kv_heads, "n_kv_heads", high=self.n_heads)
        if self.n_heads % self.n_kv_heads:
            raise ValueError(
                f"n_kv_heads = {self.n_kv_heads} must divide n_heads = {self.n_heads}: each "
                f"key/value head serves a whole group of query heads"
            )
        if self.mlp not in ("gelu", "swiglu"):
            raise ValueError(f"mlp must be 'gelu' or 'swiglu', got {self.mlp!r}")
        if self.norm not in ("layernorm", "rmsnorm"):
            raise ValueError(f"norm must be 'layernorm' or 'rmsnorm', got {self.norm!r}")
        if self.lm_head not in ("tied", "untied", "none"):
            raise ValueError(f"lm_head must be 'tied', 'untied' or 'none', got {self.lm_head!r}")

    @property
    def d_head(self) -> int:
        """Size of one attention head, ``d_model / n_heads``."""
        return self.d_model // self.n_heads

    @property
    def d_kv(self) -> int:
        """Output size of the k and v projections, ``n_kv_heads · d_head``."""
        return self.n_kv_heads * self.d_head

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
        if not isinstance(target, str) or target not in self.targets:
            raise ValueError(
                f"unknown target {target!r} for {self.name}; "
                f"valid targets: {', '.join(self.targets)}"
            )
        if target in ("k", "v"):
            return (self.d_kv, self.d_model)
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

_SRC_LLAMA3_8 = (
    "Hugging Face config.json of meta-llama/Meta-Llama-3-8B: hidden_size 4096, "
    "intermediate_size 14336, num_hidden_layers 32, num_attention_heads 32, "
    "num_key_value_heads 8 (grouped-query attention), vocab_size 128256, "
    "tie_word_embeddings false, RMSNorm, no biases; Llama Team, 'The Llama 3 Herd of "
    "Models' (arXiv 2407.21783), Table 3. Published size 8.03B."
)
_SRC_MISTRAL7 = (
    "Jiang et al. 2023, 'Mistral 7B' (arXiv 2310.06825), Table 1: dim 4096, n_layers 32, "
    "head_dim 128, hidden_dim 14336, n_heads 32, n_kv_heads 8, vocab_size 32000 (the "
    "same numbers in the Hugging Face config.json of mistralai/Mistral-7B-v0.1, with "
    "tie_word_embeddings false, RMSNorm, no biases). Sliding-window attention adds no "
    "parameters. Published size 7.24B."
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
    "token embedding, every block (q, k, v, o — k and v of size n_kv_heads·d_head × "
    "d_model; gate, up, down; two RMSNorm weights; no biases), the final RMSNorm and the "
    "separate (untied) LM head."
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
            "LLaMA-3-8B", 32, 4096, 32, 14336, 128256, 0, "swiglu", False, "rmsnorm",
            "untied", source=_SRC_LLAMA3_8, counted=_LLAMA_COUNTED, module_names=_LLAMA_NAMES,
            n_kv_heads=8,
        ),
        ModelConfig(
            "Mistral-7B-v0.1", 32, 4096, 32, 14336, 32000, 0, "swiglu", False, "rmsnorm",
            "untied", source=_SRC_MISTRAL7, counted=_LLAMA_COUNTED, module_names=_LLAMA_NAMES,
            n_kv_heads=8,
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
