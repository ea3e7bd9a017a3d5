"""Move each course widget in a browser page and compare what it shows with the Python model.

The same checks run in JupyterLab (``test_jupyterlab.py``), on the static site and
in the decks (``test_site.py``): the widgets' views are the same ES modules
everywhere. Each function takes the Playwright locator of one widget (the element
holding its ``.course-…`` container) and drives it through the DOM contract in the
widget's docstring: typed entries, sliders moved with the keyboard, buttons, bad
input. Numbers are compared with the models in ``helpers.widgets``; time is never
measured here (``benchmarks/browser_latency.py`` does that).
"""

from __future__ import annotations

import functools
import json
import math
import time

import numpy as np
from browser_lab import as_rgb, displayed_pixels

from helpers.images import ImageSVD
from helpers.widgets.lora_calculator import FIELDS as LORA_FIELDS
from helpers.widgets.lora_calculator import calculate
from helpers.widgets.matrix_explorer import analyse, explain
from helpers.widgets.qr_stepper import QRStepper
from helpers.widgets.rank_slider import MISMATCH_BOUND
from helpers.widgets.svd_geometry import SVDGeometry

#: How long a check waits for a view that answers through the kernel.
SETTLE_S = 30.0

ICONS = {"ok": "✔", "info": "ℹ", "warning": "⚠", "error": "✖"}


def fields(scope, selector: str) -> dict[str, str]:
    """``data-field`` → ``data-value`` of every span in ``selector`` under ``scope``."""
    return scope.locator(selector).first.evaluate(
        "el => Object.fromEntries([...el.querySelectorAll('[data-field]')]"
        ".map(s => [s.dataset.field, s.dataset.value]))"
    )


def close(shown: str, expected: float, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    value = float(shown)
    return math.isclose(value, expected, rel_tol=rtol, abs_tol=atol)


def status_of(scope, selector: str) -> tuple[str, str]:
    node = scope.locator(selector).first
    return node.get_attribute("data-kind"), node.inner_text().strip()


# --------------------------------------------------------------------------- matrix explorer


def explorer_matrix(root) -> np.ndarray:
    return np.array(json.loads(root.locator(".course-m-plot").first.get_attribute("data-matrix")))


def check_explorer_shows(root, A) -> None:
    A = np.asarray(A, dtype=float).reshape(2, 2)
    np.testing.assert_array_equal(explorer_matrix(root).reshape(2, 2), A)
    expected = analyse(A)
    shown = fields(root, ".course-m-readout")
    assert shown["kind"] == expected["kind"], (A, shown)
    for key in ("lambda1", "lambda2", "det", "trace"):
        assert close(shown[key], expected[key]), (A, key, shown[key], expected[key])
    text, level = explain(A)
    kind, status = status_of(root, ".course-m-status")
    assert (kind, status) == (level, f"{ICONS[level]} {text}"), (A, status)
    assert "−0" not in root.locator(".course-m-readout").first.inner_text()


def set_explorer(root, A) -> None:
    for key, value in zip(("a11", "a12", "a21", "a22"), np.ravel(A), strict=True):
        root.locator(f".course-m-{key}-text").first.fill(repr(float(value)))


def check_matrix_explorer(page, root) -> None:
    """Presets, typed entries, the keyboard on a slider, and bad input."""
    root.locator(".course-matrix-explorer").first.wait_for()
    check_explorer_shows(root, explorer_matrix(root))
    for A in ([[1, 2], [2, 1]], [[0, -1], [1, 0]], [[1, 1], [0, 1]], [[1.5, 0], [0, 1.5]],
              [[0.3, 0.6], [0.1, 0.2]], [[-2.7, 0.4], [1.3, 2.9]]):  # fmt: skip
        set_explorer(root, A)
        check_explorer_shows(root, A)
    preset = root.locator(".course-m-preset").first
    names = preset.locator("option").all_inner_texts()
    singular = next(i for i, n in enumerate(names) if n.startswith("singular")) - 1
    preset.select_option(str(singular))
    check_explorer_shows(root, [[1, 2], [0.5, 1]])
    status = root.locator(".course-m-status").first.inner_text()
    assert "λ₂ = 0:" in status and "negative" not in status
    # the keyboard: three steps of 0.1 on a₁₁
    set_explorer(root, [[2, 1], [1, 2]])
    slider = root.locator(".course-m-a11").first
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    a11 = float(root.locator(".course-m-a11-text").first.input_value())
    assert math.isclose(a11, 2.3, abs_tol=1e-9)
    check_explorer_shows(root, [[a11, 1], [1, 2]])
    # bad input: the error stays, the picture and numbers keep the last valid matrix
    before = explorer_matrix(root)
    box = root.locator(".course-m-a12-text").first
    for typed, words in (("abc", "not a number"), ("", "empty"), ("1e308", "outside"),
                         ("nan", "not a number")):  # fmt: skip
        box.fill(typed)
        kind, text = status_of(root, ".course-m-status")
        assert kind == "error" and words in text, (typed, text)
        np.testing.assert_array_equal(explorer_matrix(root), before)
        assert box.get_attribute("aria-invalid") == "true"
    box.fill("1")
    check_explorer_shows(root, before)


# --------------------------------------------------------------------------- SVD geometry


def svd_matrix(root) -> np.ndarray:
    return np.array(
        json.loads(root.locator(".course-svd-plot").first.get_attribute("data-matrix"))
    )


def check_svd_shows(root, A, stage: int) -> None:
    A = np.asarray(A, dtype=float).reshape(2, 2)
    np.testing.assert_array_equal(svd_matrix(root).reshape(2, 2), A)
    geo = SVDGeometry(A)
    expected = geo.readout()
    shown = fields(root, ".course-svd-readout")
    for key in ("sigma1", "sigma2", "det"):
        assert close(shown[key], expected[key], rtol=1e-9, atol=1e-12 * geo.s[0]), (A, key)
    assert int(shown["rank"]) == expected["rank"]
    for key in ("v_kind", "u_kind"):
        assert shown[key] == expected[key], (A, key, shown[key])
    for key in ("v_angle", "u_angle"):
        assert abs(float(shown[key]) - expected[key]) < 1e-6, (A, key, shown[key])
    assert shown["stage"] == str(stage)
    text = root.locator('.course-svd-readout [data-field="stage"]').first.inner_text()
    assert text == geo.stage(stage).description, (A, stage, text)
    pressed = root.locator(f'.course-svd-stage-button[data-stage="{stage}"]').first
    assert pressed.get_attribute("aria-pressed") == "true"


def set_svd(root, A) -> None:
    for key, value in zip(("a11", "a12", "a21", "a22"), np.ravel(A), strict=True):
        root.locator(f".course-svd-{key}").first.fill(repr(float(value)))


def check_svd_geometry(page, root) -> None:
    """Several matrices at every stage, next ▸ and the arrow keys, and bad input."""
    root.locator(".course-svd-geometry").first.wait_for()
    for A in ([[3, 0], [4, 5]], [[1, 2], [2, 1]], [[1, 2], [2, 4]], [[2, 0], [0, 2]],
              [[0, 0], [0, 0]], [[-1.5, 0.3], [2.2, 0.7]]):  # fmt: skip
        set_svd(root, A)
        for k in range(4):
            root.locator(f'.course-svd-stage-button[data-stage="{k}"]').first.click()
            check_svd_shows(root, A, k)
    root.locator(".course-svd-next").first.click()  # from stage 3 back to 0
    check_svd_shows(root, [[-1.5, 0.3], [2.2, 0.7]], 0)
    button = root.locator('.course-svd-stage-button[data-stage="0"]').first
    button.focus()
    page.keyboard.press("ArrowRight")
    check_svd_shows(root, [[-1.5, 0.3], [2.2, 0.7]], 1)
    # bad input: the error stays through "next", the picture keeps the last valid A
    last = svd_matrix(root)
    bad_entries = (
        ("a11", "nan", "not a number"),
        ("a11", "", "empty"),
        ("a11", "1e999", "beyond"),
        ("a11", "x", "not a number"),
    )
    for key, typed, words in bad_entries:
        root.locator(f".course-svd-{key}").first.fill(typed)
        root.locator(".course-svd-next").first.click()
        kind, text = status_of(root, ".course-svd-status")
        assert kind == "error" and words in text, (typed, text)
        np.testing.assert_array_equal(svd_matrix(root), last)
    set_svd(root, [[3, 0], [4, 1e308]])  # finite entries, but det A overflows
    kind, text = status_of(root, ".course-svd-status")
    assert kind == "error" and "overflows" in text
    set_svd(root, [[3, 0], [4, 5]])
    k = int(fields(root, ".course-svd-readout")["stage"])
    check_svd_shows(root, [[3, 0], [4, 5]], k)
    assert status_of(root, ".course-svd-status")[0] == "ok"


# --------------------------------------------------------------------------- QR stepper


def qr_matrix(root) -> np.ndarray:
    """The matrix the QR stepper factors (its picture's ``data-matrix``)."""
    return np.array(json.loads(root.locator(".course-qr-plot").first.get_attribute("data-matrix")))


def qr_entries(root, shape) -> list[list[str]]:
    """The texts in the QR stepper's entry boxes ``.course-qr-a<i><j>`` (1-based)."""
    m, n = shape
    return [
        [root.locator(f".course-qr-a{i + 1}{j + 1}").first.input_value() for j in range(n)]
        for i in range(m)
    ]


def set_qr_entries(root, A, shown, method: str) -> np.ndarray:
    """Type ``A`` into the boxes, one entry at a time; return the A then on screen.

    Each typed entry is a new matrix: the view takes it when ``method`` can
    factor it (as :class:`QRStepper` decides) and keeps the last one it took
    otherwise, so an entry typed on the way can be taken even if ``A`` is not.
    """
    typed = np.array(shown, dtype=float)
    shown = typed.copy()
    for (i, j), x in np.ndenumerate(np.asarray(A, dtype=float)):
        root.locator(f".course-qr-a{i + 1}{j + 1}").first.fill(repr(float(x)))
        typed[i, j] = x
        try:
            QRStepper(typed, method)
        except ValueError:
            continue
        shown = typed.copy()
    return shown


def check_qr_shows(root, stepper: QRStepper, k: int, *, entries: bool = True) -> None:
    """The picture, readout and controls show step ``k`` of ``stepper`` (its A and method).

    ``entries``: the boxes hold A too (False while a refused entry is on screen).
    """
    plot = root.locator(".course-qr-plot").first
    np.testing.assert_array_equal(qr_matrix(root), stepper.A)
    assert plot.get_attribute("data-method") == stepper.method
    assert plot.get_attribute("data-step") == str(k)
    assert root.locator(".course-qr-method").first.input_value() == stepper.method
    slider = root.locator(".course-qr-step").first
    assert slider.input_value() == str(k) and slider.get_attribute("max") == str(len(stepper) - 1)
    if entries:
        typed = np.array(qr_entries(root, stepper.A.shape), dtype=float)
        np.testing.assert_array_equal(typed, stepper.A)
    expected = stepper.readout(k)
    shown = fields(root, ".course-qr-readout")
    assert int(shown["step"]) == k
    assert shown["title"] == expected["title"], (stepper.method, k)
    assert shown["description"] == stepper.step(k).description, (stepper.method, k)
    for i, row in enumerate(expected["matrix"]):
        for j, x in enumerate(row):
            got = shown[f"m{i}{j}"]
            if x is None:
                assert got == "None", (stepper.method, k, i, j)
            else:
                assert abs(float(got) - x) <= 2e-6, (stepper.method, k, i, j, got, x)
    assert abs(float(shown["orthogonality"]) - expected["orthogonality"]) < 1e-12


def dependent_columns(A) -> list[np.ndarray]:
    """Two versions of ``A`` with dependent columns: its last column replaced by the sum
    of the others (zero if it is alone), and its first two columns by (1, 2, 3)ᵀ and
    twice that.

    In the second, for vectors in space, what Householder has left of column 2
    after the first mirror is rounding noise (for this first column it is not
    exactly zero): the model and the view must both take it as the zero it stands
    for, not choose a mirror from their own noise (they once did, and disagreed).
    """
    D = np.array(A, dtype=float)
    D[:, -1] = D[:, :-1].sum(axis=1)
    cases = [D]
    if D.shape[1] >= 2:
        P = np.array(A, dtype=float)
        P[:, 0] = (1.0, 2.0, 3.0)[: P.shape[0]]
        P[:, 1] = 2 * P[:, 0]
        cases.append(P)
    return cases


def gram_schmidt_error(D, method: str) -> str:
    """The model's message when ``method`` meets the dependent columns of ``D``."""
    try:
        QRStepper(D, method)
    except ValueError as exc:
        return str(exc)
    raise AssertionError(f"{method} factored a matrix with dependent columns: {D.tolist()}")


def check_qr_stepper(page, root, A) -> None:
    """Every step of every method (slider keys and next ▸), the method menu, typed
    entries, and the method switch Gram–Schmidt refuses on dependent columns."""
    root.locator(".course-qr-stepper").first.wait_for()
    menu = root.locator(".course-qr-method").first
    slider = root.locator(".course-qr-step").first
    for method in ("cgs", "mgs", "householder"):
        menu.select_option(method)
        stepper = QRStepper(A, method)
        check_qr_shows(root, stepper, 0)
        slider.focus()
        for k in range(1, len(stepper)):
            page.keyboard.press("ArrowRight")
            check_qr_shows(root, stepper, k)
        root.locator(".course-qr-next").first.click()  # wraps to step 0
        check_qr_shows(root, stepper, 0)
        root.locator(".course-qr-next").first.click()
        check_qr_shows(root, stepper, 1)
    assert status_of(root, ".course-qr-status")[0] == "ok"

    # dependent columns, typed while Gram–Schmidt is on screen: refused, A kept
    D, *more = dependent_columns(A)
    menu.select_option("mgs")
    kept = set_qr_entries(root, D, A, "mgs")
    kind, text = status_of(root, ".course-qr-status")
    assert kind == "error" and gram_schmidt_error(D, "mgs") in text, text
    assert "last valid A" in text, text
    check_qr_shows(root, QRStepper(kept, "mgs"), 0, entries=False)
    # switching to Householder takes the typed A: it factors dependent columns
    menu.select_option("householder")
    for typed in (D, *more):
        if typed is not D:  # typed while Householder is on screen: taken at once
            np.testing.assert_array_equal(set_qr_entries(root, typed, D, "householder"), typed)
        house = QRStepper(typed, "householder")
        check_qr_shows(root, house, 0)
        assert status_of(root, ".course-qr-status")[0] == "ok"
        slider.focus()
        for k in range(1, len(house)):
            page.keyboard.press("ArrowRight")
            check_qr_shows(root, house, k)
        diagonal = np.diag(house.readout(len(house) - 1)["matrix"])
        assert np.min(np.abs(diagonal)) < 1e-6, diagonal  # R is singular
        # the failed switch: the menu goes back to Householder, the picture stays at its step
        last = len(house) - 1
        for method in ("cgs", "mgs"):
            menu.select_option(method)
            kind, text = status_of(root, ".course-qr-status")
            assert kind == "error" and gram_schmidt_error(typed, method) in text, (method, text)
            assert "Still showing Householder" in text, text
            check_qr_shows(root, house, last)
        root.locator(".course-qr-next").first.click()  # the next move clears the message
        check_qr_shows(root, house, 0)
        assert status_of(root, ".course-qr-status")[0] == "ok"
        D = typed

    # a bad entry: flagged, the picture keeps the last valid A; fixed, A back as it was
    box = root.locator(".course-qr-a11").first
    for typed, words in (("abc", "not a number"), ("", "empty"), ("1e999", "beyond")):
        box.fill(typed)
        kind, text = status_of(root, ".course-qr-status")
        assert kind == "error" and words in text, (typed, text)
        assert box.get_attribute("aria-invalid") == "true", typed
        check_qr_shows(root, house, 0, entries=False)
    np.testing.assert_array_equal(set_qr_entries(root, A, D, "householder"), A)
    assert box.get_attribute("aria-invalid") is None
    check_qr_shows(root, QRStepper(A, "householder"), 0)
    assert status_of(root, ".course-qr-status")[0] == "ok"


# --------------------------------------------------------------------------- LoRA calculator


def check_lora_shows(root, model: str, rank: int, targets) -> None:
    expected = calculate(model, rank, tuple(targets))
    shown = fields(root, ".course-lora-readout")
    for key in LORA_FIELDS:
        value = float(shown[key])
        assert value == expected[key], (model, rank, targets, key, shown[key], expected[key])
    state = json.loads(root.locator(".course-lora-readout").last.get_attribute("data-state"))
    assert state == {"model": model, "rank": rank, "targets": list(targets)}


def lora_targets(root) -> list[str]:
    state = json.loads(root.locator(".course-lora-readout").last.get_attribute("data-state"))
    return state["targets"]


def check_lora_calculator(page, root) -> None:
    """Models, ranks typed and keyed, targets, a model lacking a target, and bad ranks."""
    root.locator(".course-lora-calculator").first.wait_for()
    check_lora_shows(root, "LLaMA-7B", 8, ["q", "v"])
    rank_box = root.locator(".course-lora-rank-text").first
    rank_box.fill("64")
    check_lora_shows(root, "LLaMA-7B", 64, ["q", "v"])
    root.locator(".course-lora-rank").first.focus()
    page.keyboard.press("ArrowRight")
    check_lora_shows(root, "LLaMA-7B", 65, ["q", "v"])
    root.locator(".course-lora-target-o").first.check()
    root.locator(".course-lora-target-gate").first.check()
    check_lora_shows(root, "LLaMA-7B", 65, ["q", "v", "o", "gate"])
    for typed, words in (("300", "above"), ("abc", "not a whole number"), ("0", "below 1"),
                         ("", "empty")):  # fmt: skip
        rank_box.fill(typed)
        kind, text = status_of(root, ".course-lora-status")
        assert kind == "error" and words in text, (typed, text)
        check_lora_shows(root, "LLaMA-7B", 65, ["q", "v", "o", "gate"])  # nothing clamped
    rank_box.fill("8")
    for name in ("q", "v", "o"):
        root.locator(f".course-lora-target-{name}").first.uncheck()
    check_lora_shows(root, "LLaMA-7B", 8, ["gate"])
    root.locator(".course-lora-model").first.select_option("GPT-2 medium")  # has no gate
    kind, text = status_of(root, ".course-lora-status")
    assert kind == "warning" and "no gate" in text, text
    check_lora_shows(root, "GPT-2 medium", 8, ["q", "v"])
    assert root.locator(".course-lora-target-gate").first.is_disabled()
    root.locator(".course-lora-model").first.select_option("RoBERTa-base")
    check_lora_shows(root, "RoBERTa-base", 8, ["q", "v"])
    root.locator(".course-lora-target-q").first.uncheck()
    check_lora_shows(root, "RoBERTa-base", 8, ["v"])
    last = root.locator(".course-lora-target-v").first
    last.click()  # unticking the last target is refused: the box stays ticked
    kind, text = status_of(root, ".course-lora-status")
    assert kind == "error" and "at least one" in text
    assert last.is_checked()
    check_lora_shows(root, "RoBERTa-base", 8, ["v"])  # the last valid choice stays
    assert lora_targets(root) == ["v"]


# --------------------------------------------------------------------------- rank slider


def check_rank_slider_static(page, root, image_svd: ImageSVD) -> None:
    """The kernel-free rank slider: ranks moved with the keyboard and set; readouts and
    pixels vs ImageSVD."""
    root.locator(".course-rank-slider").first.wait_for()
    slider = root.locator(".course-rank-k").first
    top = int(slider.get_attribute("max"))
    assert top >= 20

    def shown_is(k):
        got = fields(root, ".course-rank-readout")
        want = image_svd.readout(k)
        assert int(got["k"]) == k and int(got["storage"]) == want["storage"]
        assert close(got["ratio"], want["ratio"], rtol=1e-12)
        assert close(got["energy"], want["energy"], rtol=1e-12)
        assert abs(float(got["psnr"]) - want["psnr"]) < 1e-3, (k, got["psnr"], want["psnr"])
        image = root.locator("canvas.course-rank-image").first
        assert image.get_attribute("data-k") == str(k)
        # the pixels: ImageSVD's rank k, at most MISMATCH_BOUND of the values one level off
        shown, _ = displayed_pixels(image)
        want = as_rgb(image_svd.reconstruct(k))
        assert shown.shape == want.shape, (k, shown.shape, want.shape)
        diff = np.abs(shown.astype(np.int16) - want.astype(np.int16))
        assert diff.max() <= 1, (k, int(diff.max()))
        assert np.count_nonzero(diff) <= MISMATCH_BOUND * diff.size, (k, np.count_nonzero(diff))

    for k in (1, 5, top):
        slider.evaluate(f"e => {{ e.value = '{k}'; e.dispatchEvent(new Event('input')); }}")
        shown_is(k)
    slider.focus()
    page.keyboard.press("ArrowLeft")
    shown_is(top - 1)


# --------------------------------------------------------------------------- recommender (11)


@functools.cache
def recommender_grid():
    """Notebook 11's grid (cell "focus = ..."), rebuilt here with one BLAS thread as there."""
    from threadpoolctl import threadpool_limits

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


REC_SHOWN_JS = """(root) => {
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


def rec_shown(root) -> dict:
    return root.evaluate(REC_SHOWN_JS)


def check_rec_agrees(root, grid, i: int, j: int, timeout: float = SETTLE_S) -> dict:
    """Wait until the widget shows grid point (i, j); check every number against the model."""
    deadline = time.monotonic() + timeout
    while True:
        view = rec_shown(root)
        if view["rankIndex"] == str(i) and view["lamIndex"] == str(j) and view["state"] == "ok":
            break
        assert time.monotonic() < deadline, f"the recommender did not reach ({i}, {j}): {view}"
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
    # the view records how long its redraw took (benchmarks/browser_latency.py times it)
    assert math.isfinite(view["updateMs"]) and view["updateMs"] >= 0, view["updateMs"]
    return view


def rec_type(root, which: str, text: str) -> None:
    box = root.locator(f"input.course-rec-{which}-text").first
    box.fill(text)
    box.press("Enter")


def check_recommender(page, root) -> None:
    """Notebook 11's explorer: keys on both sliders, typed grid values, bad input, vs the grid.

    After every move the rank and λ shown, the held-out and training RMSE and the
    top-five list must be what :meth:`RecommenderGrid.readout` gives for the
    settings shown. A typed value off the grid gives a status message and leaves
    every part of the picture at the last valid setting.
    """
    grid = recommender_grid()
    root.locator(".course-recommender").first.wait_for()
    # the notebook starts the explorer at rank 5, λ = 5 (recommender_explorer(grid, 5, 5.0))
    i, j = grid.index(5, 5.0)
    check_rec_agrees(root, grid, i, j)

    # the keyboard on the rank slider: right, left twice, End, Home
    root.locator("input.course-rec-rank").first.focus()
    for key, step in (("ArrowRight", +1), ("ArrowLeft", -1), ("ArrowLeft", -1)):
        page.keyboard.press(key)
        i += step
        check_rec_agrees(root, grid, i, j)
    page.keyboard.press("End")
    i = len(grid.ranks) - 1
    check_rec_agrees(root, grid, i, j)
    page.keyboard.press("Home")
    i = 0
    check_rec_agrees(root, grid, i, j)

    # the keyboard on the λ slider
    root.locator("input.course-rec-lambda").first.focus()
    page.keyboard.press("ArrowLeft")
    j -= 1
    check_rec_agrees(root, grid, i, j)
    page.keyboard.press("End")
    j = len(grid.lams) - 1
    check_rec_agrees(root, grid, i, j)

    # typed values on the grid, in other spellings too
    for which, text, to in (("rank", "20", (4, None)), ("lambda", "0.1", (None, 0)),
                            ("rank", "1e1", (3, None)), ("lambda", "1", (None, 1))):  # fmt: skip
        rec_type(root, which, text)
        i = to[0] if to[0] is not None else i
        j = to[1] if to[1] is not None else j
        check_rec_agrees(root, grid, i, j)
    # the overfitting corner the notebook prints: rank 20, λ = 0.1
    rec_type(root, "rank", "20")
    rec_type(root, "lambda", "0.1")
    i, j = len(grid.ranks) - 1, 0
    view = check_rec_agrees(root, grid, i, j)
    assert float(view["fields"]["rmse_test"]) > grid.baselines["user + item biases"]

    # bad input: a message, and every part of the picture stays at the last valid point
    before = rec_shown(root)
    for which, text, words in (("rank", "7", "not on the grid"), ("rank", "abc", "not a number"),
                               ("lambda", "", "empty"), ("lambda", "-1", "not on the grid"),
                               ("lambda", "1e400", "beyond the largest float"),
                               ("rank", "2.5", "not on the grid")):  # fmt: skip
        rec_type(root, which, text)
        view = rec_shown(root)
        assert view["state"] == "error" and words in view["message"], (text, view["message"])
        box = root.locator(f"input.course-rec-{which}-text").first
        assert box.get_attribute("aria-invalid") == "true", text
        for key in ("fields", "rankIndex", "lamIndex", "rankShown", "lamShown", "circle", "top"):
            assert view[key] == before[key], (text, key)
    # the next valid move clears the message and agrees again
    rec_type(root, "rank", "5")
    check_rec_agrees(root, grid, grid.ranks.index(5), j)
    assert root.locator("input.course-rec-rank-text").first.get_attribute("aria-invalid") is None
