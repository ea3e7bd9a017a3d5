"""Browser check of notebook 07's elimination stepper, through its DOM contract.

``check_elimination(page, root)`` runs the same way in JupyterLab
(``test_jupyterlab.py::test_widget``), on the static site and in the decks
(``test_site.py`` finds it by the widget's kind): it steps the widget with the
buttons and the keyboard, switches pivoting and presets, types entries and bad
input, and compares every number shown with :class:`EliminationStepper`, the
Python model (exactly: the view does the same floating-point operations).
"""

from __future__ import annotations

import json

import numpy as np

from helpers.widgets.elimination import ELIMINATION_PRESETS, EliminationStepper

ICONS = {"ok": "✔", "info": "ℹ", "warning": "⚠", "error": "✖"}


def elim_fields(root) -> dict[str, str]:
    """``data-field`` → ``data-value`` of the readout."""
    return root.locator(".course-elim-readout").first.evaluate(
        "el => Object.fromEntries([...el.querySelectorAll('[data-field]')]"
        ".map(s => [s.dataset.field, s.dataset.value]))"
    )


def elim_status(root) -> tuple[str, str]:
    node = root.locator(".course-elim-status").first
    return node.get_attribute("data-kind"), node.inner_text().strip()


def elim_matrix(root) -> list[list[float]]:
    """The matrix on screen (the picture's ``data-matrix``)."""
    return json.loads(root.locator(".course-elim-plot").first.get_attribute("data-matrix"))


def elim_pivoting(root) -> bool:
    return root.locator(".course-elim-plot").first.get_attribute("data-pivoting") == "true"


def _value(text: str):
    return None if text == "None" else float(text)


def check_elim_shows(root, A, pivoting: bool, k: int, status: bool = True) -> EliminationStepper:
    """The widget shows step ``k`` of ``EliminationStepper(A, pivoting)``, number for number."""
    assert elim_matrix(root) == [[float(x) for x in row] for row in A]
    assert elim_pivoting(root) is pivoting
    assert root.locator(".course-elim-pivoting").first.is_checked() is pivoting
    stepper = EliminationStepper(A, pivoting)
    want = stepper.readout(k)
    got = elim_fields(root)
    assert int(got["step"]) == k and int(got["steps"]) == want["steps"], (got["step"], k)
    assert root.locator(".course-elim-plot").first.get_attribute("data-step") == str(k)
    assert root.locator(".course-elim-step").first.input_value() == str(k)
    for key in ("kind", "title", "description"):
        assert got[key] == want[key], (key, got[key], want[key])
    for key in ("column", "pivot_row"):
        assert (None if got[key] == "None" else int(got[key])) == want[key], key
    assert _value(got["pivot"]) == want["pivot"]
    assert json.loads(got["multipliers"]) == want["multipliers"]
    assert json.loads(got["perm"]) == want["perm"]
    assert float(got["growth"]) == want["growth"], (got["growth"], want["growth"])
    assert float(got["residual"]) == want["residual"], (got["residual"], want["residual"])
    n = len(want["W"])
    for i in range(n):
        for j in range(n):
            assert float(got[f"w{i}{j}"]) == want["W"][i][j], (k, i, j)
            assert _value(got[f"l{i}{j}"]) == want["L"][i][j], (k, i, j)
    if status:
        text, kind = stepper.status(k)
        assert elim_status(root) == (kind, f"{ICONS[kind]} {text}")
    assert (
        root.locator(".course-elim-plot svg")
        .first.get_attribute("aria-label")
        .startswith(f"Step {k}: {want['title']}.")
    )
    return stepper


def set_elim_entries(root, A) -> None:
    """Type ``A`` into the entry boxes (the size menu first, if it differs)."""
    n = len(A)
    size = root.locator(".course-elim-size").first
    if size.input_value() != str(n):
        size.select_option(str(n))
    for i in range(n):
        for j in range(n):
            root.locator(f".course-elim-a{i + 1}{j + 1}").first.fill(repr(float(A[i][j])))


def choose_preset(root, name: str) -> list[list[float]]:
    rows = dict(ELIMINATION_PRESETS)[name]
    index = [p for p, _ in ELIMINATION_PRESETS].index(name)
    root.locator(".course-elim-preset").first.select_option(str(index))
    return rows


def check_elimination(page, root) -> None:
    """Buttons, keys, pivoting, presets, typed entries and bad input, against the model."""
    root.locator(".course-elim-stepper").first.wait_for()
    A = elim_matrix(root)
    pivoting = elim_pivoting(root)
    k = int(elim_fields(root)["step"])
    check_elim_shows(root, A, pivoting, k)
    # next ▸ through every step, wrapping to 0; ◂ back
    root.locator(".course-elim-back").first.click()
    k = max(0, k - 1)
    check_elim_shows(root, A, pivoting, k)
    steps = len(EliminationStepper(A, pivoting))
    for _ in range(steps):
        root.locator(".course-elim-next").first.click()
        k = 0 if k == steps - 1 else k + 1
        check_elim_shows(root, A, pivoting, k)
    # the keyboard: arrows on the step slider, End, Enter on a button, Space on the checkbox
    slider = root.locator(".course-elim-step").first
    slider.focus()
    page.keyboard.press("Home")
    check_elim_shows(root, A, pivoting, 0)
    for k in range(1, steps):
        page.keyboard.press("ArrowRight")
        check_elim_shows(root, A, pivoting, k)
    page.keyboard.press("ArrowLeft")
    check_elim_shows(root, A, pivoting, steps - 2)
    root.locator(".course-elim-next").first.focus()
    page.keyboard.press("Enter")
    check_elim_shows(root, A, pivoting, steps - 1)
    root.locator(".course-elim-pivoting").first.focus()
    page.keyboard.press("Space")
    pivoting = not pivoting
    k = min(steps - 1, len(EliminationStepper(A, pivoting)) - 1)  # the step is kept
    check_elim_shows(root, A, pivoting, k)
    # every preset, with and without pivoting, at its first and last step
    for name, _ in ELIMINATION_PRESETS:
        A = choose_preset(root, name)
        for piv in (pivoting, not pivoting):
            box = root.locator(".course-elim-pivoting").first
            box.check() if piv else box.uncheck()
            slider.focus()
            page.keyboard.press("Home")
            check_elim_shows(root, A, piv, 0)
            page.keyboard.press("End")
            check_elim_shows(root, A, piv, len(EliminationStepper(A, piv)) - 1)
    # the ε-pivot preset: a huge multiplier and ρ without pivoting, none with it
    A = choose_preset(root, ELIMINATION_PRESETS[0][0])
    root.locator(".course-elim-pivoting").first.uncheck()
    slider.focus()
    page.keyboard.press("End")
    got = elim_fields(root)
    assert json.loads(got["multipliers"]) == [1e20] and float(got["growth"]) == 1e20
    assert elim_status(root)[0] == "warning"
    root.locator(".course-elim-pivoting").first.check()
    got = elim_fields(root)
    assert json.loads(got["perm"]) == [2, 1] and float(got["growth"]) == 1.0
    assert elim_status(root)[0] == "ok"
    # typed entries, and a zero pivot without pivoting: the steps stop there, with an error
    root.locator(".course-elim-pivoting").first.uncheck()
    set_elim_entries(root, [[0.0, 1.0], [1.0, 0.0]])
    slider.focus()
    page.keyboard.press("Home")
    stepper = check_elim_shows(root, [[0.0, 1.0], [1.0, 0.0]], False, 0)
    assert len(stepper) == 2
    page.keyboard.press("End")
    check_elim_shows(root, [[0.0, 1.0], [1.0, 0.0]], False, 1)
    kind, text = elim_status(root)
    assert kind == "error" and "zero pivot" in text
    assert elim_fields(root)["kind"] == "breakdown"
    set_elim_entries(root, [[2.0, -1.0, 0.5], [4.0, 1.0, 3.0], [-6.0, 2.0, 7.0]])
    slider.focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    check_elim_shows(root, [[2.0, -1.0, 0.5], [4.0, 1.0, 3.0], [-6.0, 2.0, 7.0]], False, 1)
    # bad input: an error, the box marked, the picture and numbers keep the last valid A
    last = elim_matrix(root)
    box = root.locator(".course-elim-a12").first
    for typed, words in (("abc", "not a number"), ("", "empty"), ("nan", "not a number"),
                         ("1e308", "outside ±1e150"), ("1e999", "beyond")):  # fmt: skip
        box.fill(typed)
        kind, text = elim_status(root)
        assert kind == "error" and words in text, (typed, text)
        assert box.get_attribute("aria-invalid") == "true"
        check_elim_shows(root, last, False, 1, status=False)
        root.locator(".course-elim-next").first.click()  # stepping keeps the message
        check_elim_shows(root, last, False, 2, status=False)
        assert elim_status(root)[0] == "error"
        slider.focus()
        page.keyboard.press("ArrowLeft")
    box.fill("-1")
    assert box.get_attribute("aria-invalid") == "false"
    check_elim_shows(root, last, False, 1)
    # a zero matrix is refused the same way
    set_elim_entries(root, [[1.0, 0.0], [0.0, 1.0]])
    root.locator(".course-elim-a11").first.fill("0")
    root.locator(".course-elim-a22").first.fill("0")
    kind, text = elim_status(root)
    assert kind == "error" and "zero matrix" in text
    check_elim_shows(root, [[0.0, 0.0], [0.0, 1.0]], False, 0, status=False)
    root.locator(".course-elim-a22").first.fill("1")
    # the size menu pads with the identity
    root.locator(".course-elim-size").first.select_option("4")
    A4 = np.eye(4)
    A4[0, 0] = 0.0
    check_elim_shows(root, A4.tolist(), False, 0)
    assert root.locator(".course-elim-a44").first.input_value() == "1"
