"""Notebook 11's recommender explorer in JupyterLab: moved with the keyboard and typed values.

The test runs notebook 11 in a private JupyterLab, then drives the widget
through the DOM contract in ``helpers/widgets/recommender.py``: after every
move, the rank and λ shown, the held-out and training RMSE and the top-five
list must be exactly what :meth:`RecommenderGrid.readout` gives for the
settings shown, computed here from the same data the notebook uses. A typed
value off the grid must give a status message and leave every part of the
picture at the last valid setting.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from browser_lab import notebook_or_skip, open_and_run, problems_on_page
from threadpoolctl import threadpool_limits

NOTEBOOK = "11_low_rank_beyond_svd.ipynb"


@pytest.fixture(scope="module")
def grid():
    """The notebook's grid (cell "focus = ..."), rebuilt here with one BLAS thread as there."""
    from helpers.completion import holdout_split, load_movielens
    from helpers.widgets.recommender import build_grid

    with threadpool_limits(1):
        data = load_movielens(n_items=200, min_ratings=20)
        train, test = holdout_split(data.mask, test_fraction=0.2, seed=0)
        focus = int(np.argmax(test.sum(axis=1)))
        return build_grid(
            data.R, train, test, data.titles, ranks=(1, 2, 5, 10, 20),
            lams=(0.1, 1.0, 5.0, 20.0), user=focus, user_id=int(data.user_ids[focus]),
            n_iter=8,
        )  # fmt: skip


SHOWN_JS = """(root) => {
    const w = root.querySelector('.course-recommender');
    const f = Object.fromEntries([...w.querySelectorAll('.course-rec-readout [data-field]')]
        .map(s => [s.dataset.field, s.dataset.value]));
    const circle = w.querySelector('circle.course-rec-current');
    return {
        state: w.dataset.state,
        message: w.querySelector('.course-rec-message').textContent,
        fields: f,
        rankIndex: w.querySelector('input.course-rec-rank').value,
        lamIndex: w.querySelector('input.course-rec-lambda').value,
        rankShown: w.querySelector('output.course-rec-rank-value').textContent,
        lamShown: w.querySelector('output.course-rec-lambda-value').textContent,
        circle: [circle.dataset.rank, circle.dataset.lambda],
        top: [...w.querySelectorAll('ol.course-rec-top > li')].map(li =>
            [Number(li.dataset.item), Number(li.dataset.score), li.textContent]),
        updateMs: Number(w.dataset.updateMs),
    };
}"""


def shown(root) -> dict:
    return root.evaluate(SHOWN_JS)


def check_agrees(root, grid, i: int, j: int, timeout: float = 30.0) -> dict:
    """Wait until the widget shows grid point (i, j); check every number against the model."""
    deadline = time.monotonic() + timeout
    while True:
        view = shown(root)
        if view["rankIndex"] == str(i) and view["lamIndex"] == str(j) and view["state"] == "ok":
            break
        if time.monotonic() > deadline:
            pytest.fail(f"the recommender did not reach grid point ({i}, {j}): {view}")
        root.page.wait_for_timeout(50)
    rank, lam = grid.ranks[i], grid.lams[j]
    expected = grid.readout(rank, lam)
    f = view["fields"]
    # the settings shown, in every place they are shown
    assert int(f["rank"]) == rank and view["rankShown"] == str(rank)
    assert float(f["lambda"]) == lam and float(view["lamShown"]) == lam
    assert view["circle"] == [f["rank"], f["lambda"]]
    # the numbers for those settings: the JSON float, so exact up to the BLAS thread count
    assert math.isclose(float(f["rmse_test"]), expected["rmse_test"], rel_tol=1e-9)
    assert math.isclose(float(f["rmse_train"]), expected["rmse_train"], rel_tol=1e-9)
    assert [item for item, _, _ in view["top"]] == [c for c, *_ in expected["top"]]
    for (_, score, text), (_, title, want, _) in zip(view["top"], expected["top"], strict=True):
        assert math.isclose(score, want, rel_tol=1e-9), (title, score, want)
        assert text.startswith(f"{title}: predicted {want:.2f}"), (text, title)
    assert view["message"] == ""
    return view


def type_into(root, which: str, text: str) -> None:
    box = root.locator(f"input.course-rec-{which}-text").first
    box.fill(text)
    box.press("Enter")


def test_recommender(lab, lab_page, grid):
    page = lab_page
    open_and_run(lab, page, notebook_or_skip(NOTEBOOK))
    widget = page.locator(".course-recommender").first
    widget.wait_for(timeout=60_000)
    widget.scroll_into_view_if_needed()
    root = page.locator(".jp-OutputArea-output", has=widget).first

    # the notebook starts the explorer at rank 5, λ = 5 (recommender_explorer(grid, 5, 5.0))
    i, j = grid.index(5, 5.0)
    check_agrees(root, grid, i, j)

    # the keyboard on the rank slider: right, left twice, End, Home
    rank = root.locator("input.course-rec-rank").first
    rank.focus()
    for key, step in (("ArrowRight", +1), ("ArrowLeft", -1), ("ArrowLeft", -1)):
        page.keyboard.press(key)
        i += step
        check_agrees(root, grid, i, j)
    page.keyboard.press("End")
    i = len(grid.ranks) - 1
    check_agrees(root, grid, i, j)
    page.keyboard.press("Home")
    i = 0
    check_agrees(root, grid, i, j)

    # the keyboard on the λ slider
    lam = root.locator("input.course-rec-lambda").first
    lam.focus()
    page.keyboard.press("ArrowLeft")
    j -= 1
    check_agrees(root, grid, i, j)
    page.keyboard.press("End")
    j = len(grid.lams) - 1
    check_agrees(root, grid, i, j)

    # typed values on the grid, in other spellings too
    for which, text, to in (("rank", "20", (4, None)), ("lambda", "0.1", (None, 0)),
                            ("rank", "1e1", (3, None)), ("lambda", "1", (None, 1))):  # fmt: skip
        type_into(root, which, text)
        i = to[0] if to[0] is not None else i
        j = to[1] if to[1] is not None else j
        check_agrees(root, grid, i, j)
    # the overfitting corner the notebook prints: rank 20, λ = 0.1
    type_into(root, "rank", "20")
    type_into(root, "lambda", "0.1")
    i, j = len(grid.ranks) - 1, 0
    view = check_agrees(root, grid, i, j)
    assert float(view["fields"]["rmse_test"]) > grid.baselines["user + item biases"]

    # bad input: a message, and every part of the picture stays at the last valid point
    before = shown(root)
    for which, text, words in (("rank", "7", "not on the grid"), ("rank", "abc", "not a number"),
                               ("lambda", "", "empty"), ("lambda", "-1", "not on the grid"),
                               ("lambda", "1e400", "beyond the largest float"),
                               ("rank", "2.5", "not on the grid")):  # fmt: skip
        type_into(root, which, text)
        view = shown(root)
        assert view["state"] == "error" and words in view["message"], (text, view["message"])
        box = root.locator(f"input.course-rec-{which}-text").first
        assert box.get_attribute("aria-invalid") == "true", text
        for key in ("fields", "rankIndex", "lamIndex", "rankShown", "lamShown", "circle", "top"):
            assert view[key] == before[key], (text, key)
    # the next valid move clears the message and agrees again
    type_into(root, "rank", "5")
    view = check_agrees(root, grid, grid.ranks.index(5), j)
    assert root.locator("input.course-rec-rank-text").first.get_attribute("aria-invalid") is None
    assert view["updateMs"] < 50, f"a redraw took {view['updateMs']} ms"
    assert not problems_on_page(page)
