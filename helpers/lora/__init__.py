"""LoRA: parameter accounting on real models and a LoRA layer in numpy (notebook 10).

Three modules, re-exported here (``from helpers.lora import lora_params``),
all tested in ``tests/test_lora.py``:

1. :mod:`~helpers.lora.configs`: **architecture configs** (:class:`ModelConfig`,
   :data:`CONFIGS`) of real models with their published dimensions, grouped-query
   attention included (``n_kv_heads``).
2. :mod:`~helpers.lora.counting`: a parameter count from the architecture
   (:func:`total_params`, :func:`param_breakdown`), LoRA's trainable-parameter
   count for any choice of adapted matrices (:func:`lora_params`), and **memory
   estimates** for full fine-tuning against LoRA, with every assumption in one
   place (:class:`MemoryAssumptions`).
3. :mod:`~helpers.lora.layer`: **a LoRA layer** (:class:`LoRALinear`): forward
   pass, hand-derived gradients, merging; and :func:`largest_principal_angle`.

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

from . import configs, counting, layer
from .configs import *  # noqa: F403
from .counting import *  # noqa: F403
from .layer import *  # noqa: F403

__all__ = [*configs.__all__, *counting.__all__, *layer.__all__]
