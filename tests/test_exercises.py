"""The exercise checker: right answers pass, equivalent answers pass, wrong ones never raise."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.exercises import check, compare


def verdict(capsys, *args, **kwargs):
    check(*args, **kwargs)
    return capsys.readouterr().out


def test_correct_answer_prints_tick(capsys):
    out = verdict(capsys, "Ex 1", 3.0, 3.0)
    assert out.startswith("✅ Ex 1: correct.")


def test_wrong_answer_prints_cross_with_detail_and_hint(capsys):
    out = verdict(capsys, "Ex 1", 2.5, 3.0, hint="Look at the trace.")
    assert out.startswith("❌ Ex 1: not yet.")
    assert "off by 0.5" in out
    assert "Hint: Look at the trace." in out


def test_unanswered_exercise_is_pending(capsys):
    out = verdict(capsys, "Ex 1", ..., 3.0)
    assert out.startswith("⏳ Ex 1: no answer yet")


@pytest.mark.parametrize(
    "answer", ["three", None, [1, 2, 3], {"a": 1}, object(), [[1, 2], [3, 4]], np.nan]
)
def test_any_wrong_answer_never_raises(capsys, answer):
    out = verdict(capsys, "Ex", answer, [1.0, 3.0])
    assert out.startswith("❌")


def test_shape_mismatch_is_explained():
    ok, detail = compare(np.ones((2, 3)), np.ones((3, 2)), up_to="column_signs")
    assert not ok
    assert "expected shape (3, 2), got shape (2, 3)" in detail


def test_set_accepts_any_order():
    assert compare([3, 1], [1, 3], up_to="set")[0]
    assert not compare([3, 1], [1, 3])[0]


def test_sign_accepts_negated_vector():
    v = np.array([0.6, 0.8])
    assert compare(-v, v, up_to="sign")[0]
    assert not compare(-v, v)[0]
    assert not compare(np.array([0.8, 0.6]), v, up_to="sign")[0]


def test_scale_accepts_multiples_but_not_zero_or_other_directions():
    v = np.array([1.0, 1.0])
    assert compare([-5, -5], v, up_to="scale")[0]
    ok, detail = compare([0, 0], v, up_to="scale")
    assert not ok and "zero" in detail
    ok, detail = compare([1, -1], v, up_to="scale")
    assert not ok and "90.0°" in detail


def test_column_signs_accepts_each_column_flipped():
    U = np.linalg.qr(np.random.default_rng(0).standard_normal((4, 3)))[0]
    flipped = U * np.array([1.0, -1.0, -1.0])
    assert compare(flipped, U, up_to="column_signs")[0]
    assert not compare(flipped, U, up_to="exact")[0]
    assert not compare(flipped[:, ::-1], U, up_to="column_signs")[0]


def test_non_numeric_expected_uses_equality():
    assert compare("defective", "defective")[0]
    assert not compare("diagonalizable", "defective")[0]


def test_bad_mode_is_an_author_error():
    with pytest.raises(ValueError, match="up_to must be one of"):
        check("Ex", 1.0, 1.0, up_to="roughly")


@given(
    st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=6),
    st.floats(0.1, 10.0),
    st.sampled_from([-1.0, 1.0]),
)
def test_scale_property(values, c, sign):
    v = np.array(values)
    if np.linalg.norm(v) < 1e-3:
        return
    assert compare(sign * c * v, v, up_to="scale", atol=1e-6)[0]
