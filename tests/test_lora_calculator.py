"""Tests of the LoRA calculator: the model function and the DOM contract of the view."""

import re

import ipywidgets as widgets
import pytest

import helpers.widgets
from helpers.lora import (
    CONFIGS,
    GB,
    MB,
    MemoryAssumptions,
    full_finetune_bytes,
    get_config,
    lora_finetune_bytes,
    lora_params,
    total_params,
)
from helpers.widgets.lora_calculator import FIELDS, calculate, lora_calculator

SPAN = re.compile(r'<span data-field="([a-z_]+)" data-value="([^"]+)">')


def test_calculate_returns_exactly_the_contract_fields():
    r = calculate("LLaMA-7B", 8, ("q", "v"))
    assert tuple(r) == FIELDS
    assert set(FIELDS) == {
        "trainable",
        "total",
        "percent",
        "adapter_mb",
        "full_ft_gb",
        "lora_ft_gb",
    }
    assert isinstance(r["trainable"], int) and isinstance(r["total"], int)
    assert all(isinstance(r[k], float) for k in FIELDS[2:])


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_calculate_agrees_with_helpers_lora(name):
    targets = ("q", "k", "v", "o")
    r = calculate(name, 16, targets)
    n, t = total_params(name), lora_params(name, 16, targets)
    assert r["trainable"] == t and r["total"] == n
    assert r["percent"] == pytest.approx(100 * t / n, rel=1e-15)
    assert r["adapter_mb"] == pytest.approx(2 * t / MB, rel=1e-15)
    assert r["full_ft_gb"] == pytest.approx(16 * n / GB, rel=1e-15)
    assert r["lora_ft_gb"] == pytest.approx((2 * n + 16 * t) / GB, rel=1e-15)
    assert r["full_ft_gb"] == full_finetune_bytes(name) / GB
    assert r["lora_ft_gb"] == lora_finetune_bytes(name, 16, targets) / GB


def test_calculate_known_values():
    r = calculate("GPT-3 175B", 4, ("q", "v"))
    assert r["trainable"] == 18_874_368
    assert r["adapter_mb"] == pytest.approx(37.748736)
    assert r["percent"] == pytest.approx(0.0108098, rel=1e-6)
    fp32 = MemoryAssumptions(weight_bytes=4, grad_bytes=4, master_bytes=0)
    assert calculate("GPT-3 175B", 4, ("q", "v"), fp32)["adapter_mb"] == pytest.approx(75.497472)


def test_calculate_accepts_the_label_as_a_browser_shows_it():
    assert calculate("GPT-2\xa0medium", 4, ("q", "v")) == calculate("GPT-2 medium", 4, ("q", "v"))


def test_calculate_errors():
    with pytest.raises(ValueError, match="unknown model"):
        calculate("GPT-4", 8, ("q",))
    with pytest.raises(ValueError, match="valid targets: q, k, v, o, up, down"):
        calculate("RoBERTa-base", 8, ("gate",))
    with pytest.raises(ValueError, match="rank must be an integer from 1 to 768"):
        calculate("RoBERTa-base", 1000, ("q",))
    with pytest.raises(TypeError, match="assumptions must be a MemoryAssumptions"):
        calculate("RoBERTa-base", 8, ("q",), 16)


def test_model_is_reachable_through_the_package_and_the_module():
    import importlib

    assert helpers.widgets.lora_calculator is lora_calculator
    module = importlib.import_module("helpers.widgets.lora_calculator")
    assert module.calculate is calculate and helpers.widgets.calculate is calculate
    assert "lora_calculator" in helpers.widgets.__all__


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def by_class(root, cls):
    found = [w for w in walk(root) if cls in w._dom_classes]
    assert len(found) == 1, f"expected one widget with class {cls}, found {len(found)}"
    return found[0]


def readout_values(root):
    text = by_class(root, "course-lora-readout").value
    return dict(SPAN.findall(text))


def as_number(text):
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def assert_readout_matches(root, model, rank, targets):
    expected = calculate(model, rank, targets)
    shown = readout_values(root)
    assert set(shown) == set(FIELDS)
    for field in FIELDS:
        value = as_number(shown[field])
        assert value == expected[field], field
        assert type(value) is type(expected[field])


def test_view_holds_a_small_state_and_reads_out_like_the_model(capsys):
    from helpers.widgets import STATIC_MIME
    from helpers.widgets.lora_calculator import LoRACalculator

    w = lora_calculator()
    assert capsys.readouterr().out == ""  # nothing printed at creation
    assert isinstance(w, widgets.VBox)
    calc = by_class(w, "course-lora-readout")  # what notebook 10 reads
    assert isinstance(calc, LoRACalculator)
    assert (calc.model, calc.rank, calc.targets, calc.max_rank) == ("LLaMA-7B", 8, ["q", "v"], 256)
    assert set(calc.models) == set(CONFIGS)
    assert_readout_matches(w, "LLaMA-7B", 8, ("q", "v"))
    calc.rank, calc.targets, calc.model = 16, ["q", "v", "o"], "GPT-2 medium"
    assert_readout_matches(w, "GPT-2 medium", 16, ("q", "v", "o"))
    state = w._repr_mimebundle_()[STATIC_MIME]
    assert state["kind"] == "lora_calculator" and state["state"]["rank"] == 16
    shapes = state["state"]["models"]["LLaMA-7B"]["shapes"]
    assert shapes["gate"] == list(get_config("LLaMA-7B").matrix_shape("gate"))


@pytest.mark.parametrize(
    ("bad", "error"),
    [(0, ValueError), (-3, ValueError), (2.5, TypeError), (None, TypeError), (True, TypeError),
     ("8", TypeError)],
)  # fmt: skip
def test_max_rank_must_be_a_whole_number_at_least_1(bad, error):
    # issue 20, item 6: 2.5 and None were accepted, 0 raised a traitlets error
    with pytest.raises(error, match="max_rank"):
        lora_calculator(max_rank=bad)


def test_the_view_refuses_a_state_the_model_refuses_and_keeps_its_own():
    # issue 20, item 4 (Python side): the numbers on screen are always calculate()'s
    from helpers.widgets.lora_calculator import LoRACalculator

    calc = by_class(lora_calculator(rank=8, targets=("q", "v")), "course-lora-readout")
    assert isinstance(calc, LoRACalculator)
    for name, bad, error in (
        ("rank", 0, ValueError),
        ("rank", 300, ValueError),  # above max_rank = 256: refused, not clamped
        ("rank", 2.5, TypeError),
        ("rank", True, TypeError),
        ("model", "GPT-5", ValueError),
        ("targets", ["x"], ValueError),
        ("targets", [], ValueError),
        ("max_rank", 4, ValueError),  # below the rank on screen
    ):
        with pytest.raises(error, match=name if name != "model" else "model"):
            setattr(calc, name, bad)
    assert (calc.model, calc.rank, calc.targets, calc.max_rank) == ("LLaMA-7B", 8, ["q", "v"], 256)
    assert calc.result() == calculate("LLaMA-7B", 8, ("q", "v"))


def test_an_iterator_of_targets_is_read_once():
    # issue 20, item 10: lora_params and lora_finetune_bytes each consumed the iterator
    assert calculate("LLaMA-7B", 8, iter(["q", "v"])) == calculate("LLaMA-7B", 8, ("q", "v"))
    calc = by_class(lora_calculator(targets=iter(["q", "v"])), "course-lora-readout")
    assert calc.targets == ["q", "v"]


def test_rank_above_max_rank_is_refused_not_clamped():
    with pytest.raises(ValueError, match="max_rank"):
        lora_calculator(rank=300, max_rank=256)
    assert by_class(lora_calculator(rank=300, max_rank=512), "course-lora-readout").rank == 300


def test_view_rejects_bad_initial_values():
    with pytest.raises(ValueError, match="unknown model"):
        lora_calculator(model_name="GPT-5")
    with pytest.raises(ValueError, match="valid targets"):
        lora_calculator(model_name="GPT-2 medium", targets=("gate",))
