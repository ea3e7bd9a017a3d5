"""The exercise checker: right answers pass, equivalent ones pass, wrong ones are
explained without the answer, and nothing a student types makes it raise."""

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.exercises import (
    Exercise,
    all_exercises,
    check,
    compare,
    feedback,
    lookup,
    passes,
    registry,
    reset_tries,
)


@pytest.fixture(autouse=True)
def _fresh_tries():
    reset_tries()
    yield
    reset_tries()


def out(capsys, *args):
    check(*args)
    return capsys.readouterr().out


# --- check: the one call an exercise cell makes ----------------------------------------


def test_right_answer_prints_tick(capsys):
    assert out(capsys, "01.5", 349525).startswith("✅ 01.5: correct.")


def test_equivalent_answer_says_what_was_accepted(capsys):
    assert out(capsys, "00.1", [-5, -5]) == "✅ 00.1: correct (accepted up to scale).\n"


def test_unanswered_is_pending(capsys):
    assert out(capsys, "01.1", ...).startswith("⏳ 01.1: no answer yet")


def test_wrong_answer_gives_hint_then_stronger_hint(capsys):
    first = out(capsys, "01.1", [2.0, 3.0])
    second = out(capsys, "01.1", [2.0, 3.0])
    ex = lookup("01.1")
    assert first.startswith("❌ 01.1: not yet") and f"Hint: {ex.hints[0]}" in first
    assert f"Hint 2: {ex.hints[1]}" in second


def test_unknown_id_is_a_warning_not_a_traceback(capsys):
    text = out(capsys, "01.99", 3)
    assert text.startswith("⚠ unknown exercise id '01.99'") and "01.1" in text
    assert out(capsys, 7, 3).startswith("⚠ the first argument must be the exercise id")


def test_check_takes_exactly_two_positional_arguments():
    with pytest.raises(TypeError):
        check("01.1", [2, -3], [2, -3])
    with pytest.raises(TypeError):
        check(exercise_id="01.1", answer=[2, -3])


@pytest.mark.parametrize(
    "answer",
    [None, "three", {"a": 1}, object(), [[1, 2], [3]], np.nan, [1 + 5j, 2], True, [np.inf, 1]],
)
def test_any_wrong_answer_never_raises_and_never_shows_the_answer(capsys, answer):
    for ex_id in all_exercises():
        text = out(capsys, ex_id, answer)
        assert text[0] in "❌⚠", (ex_id, answer, text)


#: Numbers the feedback may state: shapes, indices, counts, sizes of errors, the id.
_ALLOWED = re.compile(
    r"shape \([\d, ]*\)|index \([\d, ]*\)|\d+ of \d+|expected \d+ (values|parts)"
    r"|got \d+|relative error [\d.e+-]+|\d\d\.\d+:|is [\d.]+°"
)


def _numbers_in(text):
    return {float(x) for x in re.findall(r"-?\d+\.\d+|-?\d+", _ALLOWED.sub("", text))}


@pytest.mark.parametrize("ex_id", list(all_exercises()))
def test_feedback_never_contains_the_expected_value(ex_id):
    expected = lookup(ex_id).answer()
    parts = expected if isinstance(expected, tuple) else (expected,)
    secret = set()
    for part in parts:
        if isinstance(part, str):
            secret.add(part)
            continue
        arr = np.atleast_1d(np.asarray(part, dtype=float)).ravel()
        secret |= {float(f"{v:.{d}g}") for v in arr for d in (2, 3, 4, 6) if abs(v) > 1e-9}
    wrongs = [
        ...,
        0.5,
        [0.5, 0.25],
        np.ones((2, 2)) * 0.5,
        tuple(
            np.asarray(p, dtype=float) * 0 + 0.5 if not isinstance(p, str) else "x" for p in parts
        ),
    ]
    if not isinstance(expected, tuple | str):
        arr = np.asarray(expected, dtype=float)
        wrongs += [arr * 1.01 + 0.013, -arr, arr * 7.0]
    for wrong in wrongs:
        for _ in range(3):  # the hints change with the tries; none may leak
            text = feedback(ex_id, wrong)
            leaked = {s for s in secret if isinstance(s, str) and f"'{s}'" in text}
            nums = _numbers_in(text.split("Hint")[0])
            leaked |= {v for v in secret if not isinstance(v, str) and v in nums and abs(v) > 1}
            assert not leaked, (ex_id, wrong, text)


@pytest.mark.parametrize("ex_id", list(all_exercises()))
def test_the_bank_accepts_its_own_answers(ex_id):
    ex = lookup(ex_id)
    if ex.expected is not None:
        assert passes(ex_id, ex.answer())
        assert not passes(ex_id, ...)


def test_every_notebook_has_a_bank_and_ids_are_consecutive():
    by_nb = {}
    for ex_id in all_exercises():
        nb, k = map(int, ex_id.split("."))
        by_nb.setdefault(nb, []).append(k)
    assert set(range(11)) <= set(by_nb)
    for ks in by_nb.values():
        assert ks == list(range(1, len(ks) + 1))


# --- compare: the verdict and what it says ----------------------------------------------


def test_shape_mismatch_is_reported_never_reshaped():
    ok, detail = compare(np.ones((2, 3)), np.ones((3, 2)))
    assert (
        not ok
        and detail
        == "wrong shape: expected an array of shape (3, 2), got an array of shape (2, 3)"
    )


def test_none_is_reported_as_none():
    assert compare(None, 1.0).detail.startswith("your answer is None")


def test_complex_answer_to_a_real_question_fails():
    ok, detail = compare([1 + 5j, 2], [1, 2])
    assert not ok and "imaginary" in detail
    assert compare([1 + 0j, 2], [1, 2]).ok


def test_complex_expected_values_work_in_any_order():
    assert compare([1 - 2j, 1 + 2j, 3], [3, 1 + 2j, 1 - 2j], up_to="set").ok
    assert not compare([1 + 2j, 1 + 2j, 3], [3, 1 + 2j, 1 - 2j], up_to="set").ok


def test_set_with_complex_conjugates_ignores_order():
    values = np.array([2 + 1j, 2 - 1j, -1 + 0.5j, -1 - 0.5j])
    for perm in ([0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]):
        assert compare(values[perm], values, up_to="set").ok


def test_infinite_expected_values():
    assert compare(np.inf, np.inf).ok
    assert compare([1.0, np.inf], [1.0, np.inf]).ok
    assert not compare([1.0, -np.inf], [1.0, np.inf]).ok
    assert not compare([1.0, np.inf], [1.0, 2.0]).ok


def test_tuple_of_arrays_is_compared_part_by_part():
    U, s, Vt = np.linalg.svd(np.array([[3.0, 0.0], [4.0, 5.0]]))
    expected = (U, s, Vt.T)
    assert compare((-U, s, -Vt.T), expected, up_to=("column_signs", "exact", "column_signs")).ok
    verdict = compare((U, s * 2, Vt.T), expected, up_to=("column_signs", "exact", "column_signs"))
    assert not verdict.ok and verdict.detail.startswith("part 2 of 3")
    assert not compare(U, expected).ok


def test_scale_works_far_from_one():
    v = np.array([1.0, 2.0, -3.0])
    for c in (1e-170, 1e200, -1e150):
        assert compare(c * v, v * 1e-160, up_to="scale").ok
        assert compare(c * v, v * 1e190, up_to="scale").ok


def test_sign_feedback_and_scale_feedback_without_values():
    assert compare([-2.0, 3.0], [2.0, -3.0]).detail == "the size is right but the sign is wrong"
    assert "same factor" in compare([4.0, -6.0], [2.0, -3.0]).detail


def test_entry_feedback_names_the_index_and_relative_size():
    detail = compare([[1.0, 2.0], [3.0, 5.0]], [[1.0, 2.0], [3.0, 4.0]]).detail
    assert detail.startswith("1 of 4 entries are off, the worst at index (1, 1)")
    assert "relative error" in detail and "4" not in detail.split("(relative")[1]


def test_column_signs_accepts_each_column_flipped():
    U = np.linalg.qr(np.random.default_rng(0).standard_normal((4, 3)))[0]
    flipped = U * np.array([1.0, -1.0, -1.0])
    assert compare(flipped, U, up_to="column_signs").ok
    assert not compare(flipped, U, up_to="exact").ok
    assert not compare(flipped[:, ::-1], U, up_to="column_signs").ok


def test_words_and_booleans():
    assert compare(" Indefinite ", "indefinite").ok
    assert not compare("definite", "indefinite").ok
    assert not compare(1, True).ok and compare(True, True).ok


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"up_to": "roughly"}, ValueError),
        ({"atol": -1}, ValueError),
        ({"rtol": np.nan}, ValueError),
        ({"atol": "0.1"}, TypeError),
    ],
)
def test_author_mistakes_raise(kwargs, error):
    with pytest.raises(error):
        compare(1.0, 1.0, **kwargs)


def test_exercise_definitions_are_validated():
    with pytest.raises(ValueError, match="id must look like"):
        Exercise("1.3", expected=1.0)
    with pytest.raises(ValueError, match="up_to"):
        Exercise("01.3", expected=1.0, up_to="nearly")
    with pytest.raises(ValueError, match="kind"):
        Exercise("01.3", expected=1.0, kind="essay")
    with pytest.raises(ValueError, match="only for a proof"):
        Exercise("01.3", expected=None)
    with pytest.raises(TypeError, match="hints"):
        Exercise("01.3", expected=1.0, hints="one string")


def test_lookup_rejects_non_strings():
    with pytest.raises(TypeError, match="exercise_id must be a str"):
        lookup(1.3)
    with pytest.raises(ValueError, match="unknown exercise id '99.1'"):
        lookup("99.1")


def test_expected_given_as_a_function_is_computed_once(monkeypatch):
    calls = []

    def expensive():
        calls.append(1)
        return 2.0

    ex = Exercise("01.9", expected=expensive)
    assert ex.answer() == ex.answer() == 2.0 and len(calls) == 1
    assert registry._resolve.cache_info().currsize >= 1


@given(
    st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=6),
    st.floats(0.1, 10.0),
    st.sampled_from([-1.0, 1.0]),
)
def test_scale_property(values, c, sign):
    v = np.array(values)
    if np.linalg.norm(v) < 1e-3:
        return
    assert compare(sign * c * v, v, up_to="scale", atol=1e-6).ok


@given(
    st.lists(st.floats(-1e6, 1e6) | st.complex_numbers(max_magnitude=1e6), min_size=1, max_size=6)
)
def test_set_property_any_permutation(values):
    v = np.array(values)
    perm = np.random.default_rng(len(values)).permutation(len(values))
    assert compare(v[perm], v, up_to="set").ok
