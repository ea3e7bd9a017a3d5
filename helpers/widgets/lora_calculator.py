"""The LoRA calculator of notebook 10: trainable parameters, adapter size and memory.

The model is :func:`calculate`, a plain function the tests call; the view is
:func:`lora_calculator`, which only wires controls to it. Every number in the
view sits in a ``<span data-field=… data-value=…>`` whose ``data-value`` is the
full-precision value :func:`calculate` returned (the DOM contract the browser
test relies on).

Because the package re-exports the function ``lora_calculator`` under the same
name as this module, the model is also reachable as
``helpers.widgets.lora_calculator.calculate``.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

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
from .common import guarded, new_status, status_html

__all__ = ["calculate", "lora_calculator", "FIELDS", "TARGET_NAMES"]

#: The readout fields, in display order (the keys of :func:`calculate`'s result).
FIELDS = ("trainable", "total", "percent", "adapter_mb", "full_ft_gb", "lora_ft_gb")

#: Every target name of any bundled model, one checkbox each.
TARGET_NAMES = ("q", "k", "v", "o", "gate", "up", "down")


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
    """HTML table of a :func:`calculate` result, each number beside its assumption."""
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
        f'<td style="color:#555;font-size:90%">{html.escape(note)}</td></tr>'
        for label, field, text, note in rows
    )
    return f'<table class="course-lora-table">{body}</table>'


def lora_calculator(
    model_name: str = "LLaMA-7B", rank: int = 8, targets=("q", "v"), max_rank: int = 256
) -> widgets.VBox:
    """Pick a model, a rank and the adapted matrices; read off counts and memory.

    Parameters
    ----------
    model_name : str, optional
        Initial model (a key of :data:`helpers.lora.CONFIGS`).
    rank : int, optional
        Initial rank.
    targets : collection of str, optional
        Initially checked targets.
    max_rank : int, optional
        Upper end of the rank slider.

    Returns
    -------
    ipywidgets.VBox
        With the classes of the course's DOM contract: ``course-lora-calculator``
        (outer box), ``course-lora-model``, ``course-lora-rank``,
        ``course-lora-target-<name>``, ``course-lora-readout``,
        ``course-lora-status``. Nothing is printed at creation.

    Raises
    ------
    ValueError, TypeError
        If the initial values are invalid (checked with :func:`calculate`).
    """
    calculate(model_name, rank, targets)  # fail early, before building anything
    model = widgets.Dropdown(options=list(CONFIGS), value=get_config(model_name).name,
                             description="model")  # fmt: skip
    model.add_class("course-lora-model")
    slider = widgets.IntSlider(value=rank, min=1, max=max_rank, step=1, description="rank r")
    slider.add_class("course-lora-rank")
    boxes = {}
    for name in TARGET_NAMES:
        box = widgets.Checkbox(value=name in targets, description=name, indent=False,
                               layout=widgets.Layout(width="auto"))  # fmt: skip
        box.add_class(f"course-lora-target-{name}")
        boxes[name] = box
    readout = widgets.HTML()
    readout.add_class("course-lora-readout")
    status = new_status()
    status.add_class("course-lora-status")
    assumptions = widgets.HTML(
        "<b>Assumptions</b><ul>"
        + "".join(f"<li>{html.escape(s)}</li>" for s in DEFAULT_MEMORY.describe())
        + "</ul>"
    )

    @guarded(status)
    def update(change=None):
        config = get_config(model.value)
        for name, box in boxes.items():
            valid = name in config.targets
            box.disabled = not valid
            if not valid and box.value:
                box.value = False  # re-enters update via observe; harmless
        chosen = tuple(n for n, b in boxes.items() if b.value and n in config.targets)
        try:
            result = calculate(config, slider.value, chosen)
        except ValueError:
            readout.value = ""
            raise
        readout.value = readout_html(result)
        status.value = status_html(
            f"{config.name}: r = {slider.value} on {', '.join(chosen)} "
            f"(valid targets: {', '.join(config.targets)})",
            "ok",
        )

    model.observe(update, names="value")
    slider.observe(update, names="value")
    for box in boxes.values():
        box.observe(update, names="value")
    update()
    box = widgets.VBox(
        [
            widgets.HTML("<b>LoRA calculator</b>"),
            model,
            slider,
            widgets.HBox([widgets.HTML("targets:"), *boxes.values()]),
            readout,
            assumptions,
            status,
        ]
    )
    box.add_class("course-lora-calculator")
    return box
