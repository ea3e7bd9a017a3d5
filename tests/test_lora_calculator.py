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
    lora_finetune_bytes,
    lora_params,
    total_params,
)
from helpers.widgets.lora_calculator import FIELDS, TARGET_NAMES, calculate, lora_calculator

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


def test_model_is_reachable_through_the_package_name():
    assert helpers.widgets.lora_calculator is lora_calculator
    assert helpers.widgets.lora_calculator.calculate is calculate
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


def test_view_follows_the_dom_contract(capsys):
    w = lora_calculator()
    assert capsys.readouterr().out == ""  # nothing printed at creation
    assert isinstance(w, widgets.VBox) and "course-lora-calculator" in w._dom_classes
    model = by_class(w, "course-lora-model")
    assert isinstance(model, widgets.Dropdown) and tuple(model.options) == tuple(CONFIGS)
    rank = by_class(w, "course-lora-rank")
    assert isinstance(rank, widgets.IntSlider) and rank.min == 1
    for name in TARGET_NAMES:
        assert isinstance(by_class(w, f"course-lora-target-{name}"), widgets.Checkbox)
    assert isinstance(by_class(w, "course-lora-status"), widgets.HTML)
    assert_readout_matches(w, "LLaMA-7B", 8, ("q", "v"))
    text = by_class(w, "course-lora-readout").value
    assert "16 bytes each" in text and "activations excluded" in text


def test_view_updates_on_every_control():
    w = lora_calculator()
    model = by_class(w, "course-lora-model")
    rank = by_class(w, "course-lora-rank")
    box = {n: by_class(w, f"course-lora-target-{n}") for n in TARGET_NAMES}
    rank.value = 16
    assert_readout_matches(w, "LLaMA-7B", 16, ("q", "v"))
    box["gate"].value = True
    box["o"].value = True
    assert_readout_matches(w, "LLaMA-7B", 16, ("q", "v", "o", "gate"))
    model.value = "GPT-2 medium"  # no gate projection: its box is disabled and cleared
    assert box["gate"].disabled and not box["gate"].value
    assert_readout_matches(w, "GPT-2 medium", 16, ("q", "v", "o"))
    model.value = "LLaMA-2-13B"
    assert not box["gate"].disabled
    assert_readout_matches(w, "LLaMA-2-13B", 16, ("q", "v", "o"))
    status = by_class(w, "course-lora-status").value
    assert "course-status-ok" in status and "LLaMA-2-13B" in status


def test_view_reports_errors_in_the_status_line():
    w = lora_calculator(model_name="RoBERTa-base", rank=4, targets=("q",))
    assert_readout_matches(w, "RoBERTa-base", 4, ("q",))
    by_class(w, "course-lora-target-q").value = False  # nothing left to adapt
    status = by_class(w, "course-lora-status").value
    assert "course-status-error" in status and "at least one matrix" in status
    assert readout_values(w) == {}  # no stale numbers
    by_class(w, "course-lora-target-down").value = True
    assert_readout_matches(w, "RoBERTa-base", 4, ("down",))
    assert "course-status-ok" in by_class(w, "course-lora-status").value


def test_view_rejects_bad_initial_values():
    with pytest.raises(ValueError, match="unknown model"):
        lora_calculator(model_name="GPT-5")
    with pytest.raises(ValueError, match="valid targets"):
        lora_calculator(model_name="GPT-2 medium", targets=("gate",))
