"""The LoRA calculator of notebook 10: trainable parameters, adapter size and memory.

The model is :func:`calculate`, a plain function the tests call; the view is
:class:`LoRACalculator`, an anywidget whose ES module (``lora_calculator.js``)
counts the same way in the browser from each model's matrix shapes. Every
number in the view sits in a ``<span data-field=… data-value=…>`` whose
``data-value`` is the full-precision value :func:`calculate` returns (the DOM
contract the browser test relies on; see :func:`lora_calculator`).

Import the model from this module: ``from helpers.widgets.lora_calculator
import calculate`` (``helpers.widgets.lora_calculator`` itself is the
function).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import anywidget
import ipywidgets as widgets
import traitlets

from ..lora import (
    CONFIGS,
    DEFAULT_MEMORY,
    GB,
    MB,
    MemoryAssumptions,
    full_finetune_bytes,
    get_config,
    lora_finetune_bytes,
    lora_params,
    total_params,
)
from ..validation import as_rank, as_real
from .common import StaticState, widget_esm

__all__ = [
    "FIELDS",
    "TARGET_NAMES",
    "LoRACalculator",
    "LoRACalculatorBox",
    "calculate",
    "lora_calculator",
    "readout_html",
]

#: The readout fields, in display order (the keys of :func:`calculate`'s result).
FIELDS = ("trainable", "total", "percent", "adapter_mb", "full_ft_gb", "lora_ft_gb")

#: Every target name of any bundled model, one checkbox each.
TARGET_NAMES = ("q", "k", "v", "o", "gate", "up", "down")


def _as_targets(targets):
    """A tuple of the targets (a single name stays a str): an iterator is read only once."""
    if isinstance(targets, str) or not isinstance(targets, Iterable):
        return targets  # a name, or something helpers.lora refuses with its own message
    return tuple(targets)


def calculate(model_name, rank, targets, assumptions=DEFAULT_MEMORY) -> dict:
    """The numbers the calculator shows, for one model, rank and set of targets.

    Parameters
    ----------
    model_name : str or ModelConfig
        A name from :data:`helpers.lora.CONFIGS`.
    rank : int
        LoRA rank ``r``.
    targets : collection of str
        Adapted matrices of every block (e.g. ``("q", "v")``).
    assumptions : helpers.lora.MemoryAssumptions, optional
        Bytes per weight, gradient, master copy and optimizer state. The
        default is mixed precision with Adam: 2 + 2 + 4 + 8 = 16 bytes per
        trained parameter, 2 per frozen one.

    Returns
    -------
    dict
        ``trainable`` (int, LoRA parameters), ``total`` (int, model parameters),
        ``percent`` (float, 100·trainable/total), ``adapter_mb`` (float, adapter
        file in MB at ``weight_bytes`` per number), ``full_ft_gb`` (float,
        training memory of full fine-tuning in GB), ``lora_ft_gb`` (float,
        training memory with LoRA in GB). Activations are excluded from both.

    Raises
    ------
    ValueError, TypeError
        From :func:`helpers.lora.lora_params` (unknown model or target, bad rank).

    Examples
    --------
    >>> r = calculate("LLaMA-7B", 8, ("q", "v"))
    >>> r["trainable"], round(r["percent"], 4)
    (4194304, 0.0622)
    """
    if not isinstance(assumptions, MemoryAssumptions):
        raise TypeError(
            f"assumptions must be a MemoryAssumptions, got {type(assumptions).__name__}"
        )
    targets = _as_targets(targets)  # an iterator is read once, not once per count
    config = get_config(model_name)
    trainable = lora_params(config, rank, targets)
    total = total_params(config)
    return {
        "trainable": trainable,
        "total": total,
        "percent": 100.0 * trainable / total,
        "adapter_mb": trainable * assumptions.weight_bytes / MB,
        "full_ft_gb": full_finetune_bytes(config, assumptions) / GB,
        "lora_ft_gb": lora_finetune_bytes(config, rank, targets, assumptions) / GB,
    }


def _span(field: str, value, text: str) -> str:
    data = repr(float(value)) if isinstance(value, float) else str(int(value))
    return (
        f'<span data-field="{field}" data-value="{html.escape(data, quote=True)}">'
        f"{html.escape(text)}</span>"
    )


def readout_html(result: dict, assumptions: MemoryAssumptions = DEFAULT_MEMORY) -> str:
    """HTML table of a :func:`calculate` result, each number beside its assumption.

    Parameters
    ----------
    result : dict
        :func:`calculate`'s result: exactly the keys :data:`FIELDS`.
    assumptions : helpers.lora.MemoryAssumptions, optional
        The assumptions ``result`` was computed with (for the notes).

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``result`` is not a dict, a count is not an integer or a size not a
        number, or ``assumptions`` is not a MemoryAssumptions.
    ValueError
        If the keys are not exactly :data:`FIELDS` or a value is negative or not finite.
    """
    if not isinstance(result, dict):
        raise TypeError(
            f"result must be a dict with keys {list(FIELDS)}, got {type(result).__name__}"
        )
    if set(result) != set(FIELDS):
        raise ValueError(
            f"result must have exactly the keys {list(FIELDS)}, got {sorted(map(str, result))}"
        )
    for field in ("trainable", "total"):
        as_rank(result[field], f"result[{field!r}]", low=1)
    for field in ("percent", "adapter_mb", "full_ft_gb", "lora_ft_gb"):
        as_real(result[field], f"result[{field!r}]", low=0.0)
    if not isinstance(assumptions, MemoryAssumptions):
        raise TypeError(
            f"assumptions must be a MemoryAssumptions, got {type(assumptions).__name__}"
        )
    a = assumptions
    rows = [
        ("LoRA trainable parameters", "trainable", f"{result['trainable']:,}",
         "r·(d_in + d_out) per adapted matrix, per block; biases, norms and heads frozen"),
        ("model parameters", "total", f"{result['total']:,}",
         "counted from the architecture (see ModelConfig.counted)"),
        ("trainable share", "percent", f"{result['percent']:.4g} %",
         "100 · trainable / model parameters"),
        ("adapter file", "adapter_mb", f"{result['adapter_mb']:.2f} MB",
         f"{a.weight_bytes} bytes per number; 1 MB = 10⁶ bytes"),
        ("full fine-tuning memory", "full_ft_gb", f"{result['full_ft_gb']:.1f} GB",
         f"every weight trained: {a.trained_bytes} bytes each (weight {a.weight_bytes} + "
         f"gradient {a.grad_bytes} + fp32 master {a.master_bytes} + Adam moments "
         f"{a.optimizer_bytes}); activations excluded"),
        ("LoRA fine-tuning memory", "lora_ft_gb", f"{result['lora_ft_gb']:.2f} GB",
         f"frozen weights {a.weight_bytes} bytes each; adapters {a.trained_bytes} bytes each; "
         "activations excluded; 1 GB = 10⁹ bytes"),
    ]  # fmt: skip
    body = "".join(
        f"<tr><td>{html.escape(label)}</td>"
        f'<td style="text-align:right;font-weight:600">{_span(field, result[field], text)}</td>'
        f'<td style="opacity:0.75;font-size:90%">{html.escape(note)}</td></tr>'
        for label, field, text, note in rows
    )
    return f'<table class="course-lora-table">{body}</table>'


class LoRACalculator(StaticState, anywidget.AnyWidget):
    """The calculator's view: an anywidget that counts in the browser (``lora_calculator.js``).

    The kernel sends, once, each model's matrix shapes, layer count and
    parameter total (``models``) and the memory assumptions; the state that
    changes is ``model``, ``rank`` and ``targets``. :attr:`value` is the
    readout as the Python model computes it for that state.
    """

    static_kind = "lora_calculator"
    _esm = widget_esm("lora_calculator")
    models = traitlets.Dict().tag(sync=True)
    memory = traitlets.Dict().tag(sync=True)
    assumptions = traitlets.List().tag(sync=True)
    target_names = traitlets.List().tag(sync=True)
    max_rank = traitlets.Int(256).tag(sync=True)
    model = traitlets.Unicode("LLaMA-7B").tag(sync=True)
    rank = traitlets.Int(8).tag(sync=True)
    targets = traitlets.List(traitlets.Unicode(), default_value=["q", "v"]).tag(sync=True)

    @traitlets.validate("model", "rank", "targets", "max_rank")
    def _valid_state(self, proposal):
        # The state on screen is always one calculate() accepts: a refused value
        # (a ValueError/TypeError naming it) leaves the widget as it was.
        name, value = proposal["trait"].name, proposal["value"]
        state = {k: getattr(self, k) for k in ("model", "rank", "targets", "max_rank")}
        state[name] = value
        max_rank = as_rank(state["max_rank"], "max_rank", low=1)
        exact = get_config(state["model"]).name
        if exact != state["model"]:
            raise ValueError(
                f"model must be a bundled model's exact name {exact!r}, got {state['model']!r}"
            )
        calculate(state["model"], state["rank"], tuple(state["targets"]))
        if state["rank"] > max_rank:
            raise ValueError(f"rank must be at most max_rank = {max_rank}, got {state['rank']}")
        return list(value) if name == "targets" else value

    def result(self) -> dict:
        """:func:`calculate` for the state on screen."""
        return calculate(self.model, self.rank, tuple(self.targets))

    @property
    def value(self) -> str:
        """The readout of the state on screen as HTML (:func:`readout_html`)."""
        return readout_html(self.result())

    def static_state(self) -> dict:
        names = ("models", "memory", "assumptions", "target_names", "max_rank")
        state = {k: getattr(self, k) for k in names}
        state.update(model=self.model, rank=self.rank, targets=list(self.targets))
        return state


class LoRACalculatorBox(StaticState, widgets.VBox):
    """What :func:`lora_calculator` returns: a box around one :class:`LoRACalculator`."""

    static_kind = "lora_calculator"

    @property
    def calculator(self) -> LoRACalculator:
        return self.children[0]

    def static_state(self) -> dict:
        return self.calculator.static_state()


def _model_table() -> dict:
    """Each bundled model's targets, matrix shapes, layers and total, for the browser."""
    table = {}
    for name in CONFIGS:
        c = get_config(name)
        table[c.name] = {
            "name": c.name,
            "targets": list(c.targets),
            "shapes": {t: list(c.matrix_shape(t)) for t in c.targets},
            "n_layers": c.n_layers,
            "total": total_params(c),
        }
    return table


def lora_calculator(
    model_name: str = "LLaMA-7B", rank: int = 8, targets=("q", "v"), max_rank: int = 256
) -> LoRACalculatorBox:
    """Pick a model, a rank and the adapted matrices; read off counts and memory.

    The counting runs in the browser (so the calculator also works on the
    static site and in the decks); the numbers equal :func:`calculate`'s
    exactly. A rank typed above ``max_rank``, below 1 or above the smallest
    side of the adapted matrices is refused with a message (never clamped),
    and the numbers keep the last valid choice. Switching to a model that
    lacks a ticked target unticks it and says so; if nothing is left, ``q``
    and ``v`` are ticked, and a rank too large for the new model is lowered,
    with a message.

    Parameters
    ----------
    model_name : str, optional
        Initial model (a key of :data:`helpers.lora.CONFIGS`).
    rank : int, optional
        Initial rank, ``1 ≤ rank ≤ max_rank``.
    targets : collection of str, optional
        Initially checked targets.
    max_rank : int, optional
        Upper end of the rank slider, an integer ``≥ 1``.

    Returns
    -------
    LoRACalculatorBox
        A box whose one child is the :class:`LoRACalculator`; that child
        carries the class ``course-lora-readout`` and ``.value``, the
        readout's HTML, for code that reads the readout. Nothing is printed
        at creation.

    Raises
    ------
    ValueError, TypeError
        If the initial values are invalid (checked with :func:`calculate`),
        or ``max_rank`` is not an integer ``≥ 1`` or is below ``rank``.

    Notes
    -----
    DOM contract (the browser tests rely on it), inside the anywidget's element:

    - container ``.course-lora-calculator`` (``data-paints`` counts redraws);
    - ``select.course-lora-model`` (accessible name "model"); the rank slider
      ``input[type=range].course-lora-rank`` ("rank r") and its box
      ``input.course-lora-rank-text`` ("rank r value");
    - checkboxes ``input.course-lora-target-<name>`` inside their own
      ``label.course-lora-label-<name>`` (disabled when the model lacks it);
    - readout ``.course-lora-readout``: ``span[data-field]`` for each of
      :data:`FIELDS`, ``data-value`` the exact value of :func:`calculate`;
      ``data-state`` the JSON of the state shown (model, rank, targets);
    - status ``.course-lora-status`` (``role=status``, ``aria-live=polite``,
      ``data-kind``).
    """
    max_rank = as_rank(max_rank, "max_rank", low=1)
    if isinstance(targets, str):
        targets = (targets,)
    targets = _as_targets(targets)
    calculate(model_name, rank, targets)  # fail early, before building anything
    if rank > max_rank:
        raise ValueError(f"rank must be at most max_rank = {max_rank}, got {rank}")
    a = DEFAULT_MEMORY
    calculator = LoRACalculator(
        models=_model_table(),
        memory={
            "weight_bytes": a.weight_bytes,
            "trained_bytes": a.trained_bytes,
            "grad_bytes": a.grad_bytes,
            "master_bytes": a.master_bytes,
            "optimizer_bytes": a.optimizer_bytes,
        },
        assumptions=list(a.describe()),
        target_names=list(TARGET_NAMES),
        max_rank=int(max_rank),
        model=get_config(model_name).name,
        rank=int(rank),
        targets=list(targets),
    )
    calculator.add_class("course-lora-readout")
    return LoRACalculatorBox([calculator])
