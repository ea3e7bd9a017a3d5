"""The randomized SVD explorer (notebook 08): model against numpy, view's arithmetic in node."""

import json
import math
import shutil
import subprocess
import time

import numpy as np
import pytest
import traitlets

import helpers.widgets
from helpers.decompositions import randomized_range_finder
from helpers.widgets.common import STATIC_MIME, widget_esm
from helpers.widgets.randomized_svd import (
    RSVD_LIMITS,
    RandomizedSVDModel,
    corollary_10_10,
    randomized_svd_widget,
)

MODEL = RandomizedSVDModel()


def test_matrices_have_the_stated_spectra():
    for name in ("fast", "slow"):
        s = np.linalg.svd(MODEL.matrix(name), compute_uv=False)
        assert np.allclose(s, MODEL.sigma(name), rtol=1e-10)
    j = np.arange(1, 41)
    assert np.allclose(MODEL.sigma("fast"), 0.7 ** (j - 1))
    assert np.allclose(MODEL.sigma("slow"), 1 / np.sqrt(j))


def test_reorthonormalized_errors_match_the_course_range_finder_algorithm():
    A, Om = MODEL.matrix("slow"), MODEL.omegas
    for q in (0, 2):
        want = []
        for d in range(Om.shape[0]):
            Q = np.linalg.qr(A @ Om[d][:, :12])[0]
            for _ in range(q):
                Q = np.linalg.qr(A @ np.linalg.qr(A.T @ Q)[0])[0]
            want.append(np.linalg.norm(A - Q @ (Q.T @ A), 2))
        assert np.allclose(MODEL.errors("slow", 10, 2, q, True), want, rtol=1e-8)


def test_errors_respect_the_bound_and_sigma_k1_is_the_floor_at_rank_k():
    for spectrum in ("fast", "slow"):
        for q in (0, 1, 3):
            r = MODEL.readout(spectrum, 8, 4, q, True)
            assert r["mean_error"] <= r["bound"]
            assert r["min_error"] >= MODEL.sigma(spectrum)[r["ell"]] * (1 - 1e-9)  # σ_(ℓ+1)


def test_bound_is_the_notebooks_formula():
    s = MODEL.sigma("slow")
    k, p, q = 10, 10, 1
    lead = (1 + np.sqrt(k / (p - 1))) * s[k] ** 3
    tail = np.e * np.sqrt(k + p) / p * np.sqrt(np.sum(s[k:] ** 6))
    assert corollary_10_10(s, k, p, q) == pytest.approx((lead + tail) ** (1 / 3))
    assert corollary_10_10(s, 1, 5, 0) is None and corollary_10_10(s, 5, 1, 0) is None


def test_plain_powers_fail_where_the_notebook_says():
    r = MODEL.readout("fast", 10, 5, 5, False)
    assert r["j_lost"] == 11  # 0.7^(10·11) < ε ≤ 0.7^(9·11)
    assert MODEL.message("fast", 10, 5, 5, False)[1] == "warning"
    assert r["mean_error"] > 3 * MODEL.readout("fast", 10, 5, 5, True)["mean_error"]
    assert MODEL.readout("fast", 10, 5, 1, False)["j_lost"] is None


def test_messages():
    assert MODEL.message("slow", 1, 0, 0)[1] == "info"
    text, kind = MODEL.message("slow", 10, 5, 0)
    assert kind == "ok" and "below the bound" in text


def test_bad_settings_are_refused_naming_the_argument():
    with pytest.raises(ValueError, match="spectrum"):
        MODEL.readout("medium", 10, 5, 0)
    with pytest.raises(TypeError, match="spectrum"):
        MODEL.readout(3, 10, 5, 0)
    for name, (low, high) in RSVD_LIMITS.items():
        values = {"k": 10, "p": 5, "q": 0}
        for bad in (low - 1, high + 1):
            with pytest.raises(ValueError, match=name):
                MODEL.readout("slow", **{**values, name: bad})
        with pytest.raises(TypeError, match=name):
            MODEL.readout("slow", **{**values, name: 2.5})
    with pytest.raises(TypeError, match="reorthonormalize"):
        MODEL.readout("slow", 10, 5, 0, "yes")


def test_a_move_is_quick_and_the_model_keeps_no_caller_reference():
    start = time.perf_counter()
    MODEL.readout("slow", 20, 15, 6, True)
    assert time.perf_counter() - start < 0.05
    A = MODEL.matrix("fast")
    A[0, 0] = 99.0
    assert MODEL.matrix("fast")[0, 0] != 99.0


def test_widget_state_and_static_copy():
    w = randomized_svd_widget(spectrum="fast", k=4, p=2, q=1)
    assert w.readout() == MODEL.readout("fast", 4, 2, 1, True)
    bundle = w._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data[STATIC_MIME]["kind"] == "randomized_svd"
    assert data[STATIC_MIME]["state"]["k"] == 4
    with pytest.raises((ValueError, traitlets.TraitError)):
        w.k = 0
    with pytest.raises((ValueError, traitlets.TraitError)):
        w.spectrum = "medium"
    with pytest.raises(ValueError, match="k"):
        randomized_svd_widget(k=21)


def test_reexported():
    names = {"RandomizedSVDModel", "RandomizedSVDWidget", "randomized_svd_widget"}
    assert names <= set(helpers.widgets.__all__)


def test_range_finder_agrees_with_helpers_on_one_draw():
    # the model's algorithm is Algorithm 4.4, as helpers.decompositions implements it
    A = MODEL.matrix("slow")
    Q = randomized_range_finder(A, 12, n_iter=1, seed=0)
    err = np.linalg.norm(A - Q @ (Q.T @ A), 2)
    assert MODEL.sigma("slow")[12] <= err <= 3 * MODEL.sigma("slow")[10]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_views_arithmetic_is_the_models():
    """rsvdReadout and rsvdMessage in randomized_svd.js give the model's numbers."""
    cases = [
        ("slow", 10, 5, 0, True),
        ("slow", 10, 5, 3, True),
        ("fast", 6, 2, 1, True),
        ("fast", 10, 5, 1, False),
        ("slow", 1, 0, 0, True),
        ("fast", 20, 15, 6, True),
        ("fast", 10, 5, 5, False),  # plain powers past ε: compared loosely
    ]
    names = ("fast", "slow")
    data = {
        "A": {n: MODEL.matrix(n).ravel().tolist() for n in names},
        "sigma": {n: MODEL.sigma(n).tolist() for n in names},
        "omegas": MODEL.omegas.tolist(),
        "m": 60,
        "n": 40,
    }
    source = widget_esm("randomized_svd").replace("export default { render };", "")
    script = (
        source
        + f"\nconst data = {json.dumps(data)};\n"
        + "for (const k of Object.keys(data.A)) data.A[k] = Float64Array.from(data.A[k]);\n"
        + f"const cases = {json.dumps(cases)};\n"
        + "console.log(JSON.stringify(cases.map((c) => { const r = rsvdReadout(data, ...c);"
        + " return [r, rsvdMessage(r)]; })));"
    )
    out = subprocess.run(
        ["node", "--input-type=module"], input=script, capture_output=True, text=True, check=True
    )
    for case, (shown, message) in zip(cases, json.loads(out.stdout), strict=True):
        want = MODEL.readout(*case)
        assert set(shown) == set(want)
        noisy = want["j_lost"] is not None
        for key, value in want.items():
            if isinstance(value, (bool, str)) or value is None:
                assert shown[key] == value, (key, case)
            elif noisy and key in ("mean_error", "min_error", "max_error", "ratio"):
                assert shown[key] > 0.3 * value, (key, case)  # rounding noise, same order
            else:
                assert math.isclose(shown[key], value, rel_tol=1e-6, abs_tol=1e-14), (key, case)
        if not noisy:
            assert tuple(message) == MODEL.message(*case)
