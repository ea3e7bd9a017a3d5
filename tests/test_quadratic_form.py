"""Notebook 02's quadratic-form widget: the model against numpy, the view's state, its JS port."""

import json
import math
import shutil
import subprocess

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import helpers.widgets
from helpers.decompositions.eigen import definiteness
from helpers.widgets import STATIC_MIME, QuadraticForm, QuadraticFormWidget, quadratic_form_widget
from helpers.widgets.common import widget_esm
from helpers.widgets.quadratic_form import PRESETS

entries = st.floats(-10, 10, allow_nan=False).map(lambda x: round(x, 3))
SCALES = (1.0, 1e-170, 1e155, 1e-300, 1e300)


@pytest.mark.parametrize(
    ("abc", "lam", "cls"),
    [
        ((3.0, 1.0, 3.0), (4.0, 2.0), "positive definite"),
        ((1.0, 1.0, 1.0), (2.0, 0.0), "positive semidefinite"),
        ((4.0, 2.0, 1.0), (5.0, 0.0), "positive semidefinite"),
        ((1.0, 2.0, 1.0), (3.0, -1.0), "indefinite"),
        ((-3.0, 1.0, -3.0), (-2.0, -4.0), "negative definite"),
        ((-1.0, 1.0, -1.0), (0.0, -2.0), "negative semidefinite"),
        ((0.0, 0.0, 0.0), (0.0, 0.0), "positive semidefinite"),
        ((1.5, 0.0, 1.5), (1.5, 1.5), "positive definite"),
    ],
)
def test_known_forms(abc, lam, cls):
    form = QuadraticForm(*abc)
    assert form.eigenvalues == lam  # exact, a zero eigenvalue exactly 0 (never −0.0)
    assert all(math.copysign(1, x) == 1 for x in form.eigenvalues if x == 0)
    assert form.definiteness == cls == definiteness(form.matrix)


def test_presets_cover_four_classes():
    classes = {QuadraticForm(*v).definiteness for v in PRESETS.values()}
    assert classes == {
        "positive definite",
        "indefinite",
        "positive semidefinite",
        "negative definite",
    }


@given(entries, entries, entries, st.sampled_from(SCALES))
def test_model_agrees_with_numpy(a, b, c, scale):
    form = QuadraticForm(a * scale, b * scale, c * scale)
    M = form.matrix
    m = float(np.max(np.abs(M))) or 1.0
    lam = np.linalg.eigvalsh(M / m)[::-1] * m
    np.testing.assert_allclose(form.eigenvalues, lam, rtol=0, atol=1e-13 * m)
    V = form.eigenvectors
    np.testing.assert_allclose(V.T @ V, np.eye(2), atol=1e-15)
    for j, lam_j in enumerate(form.eigenvalues):
        np.testing.assert_allclose((M / m) @ V[:, j], lam_j / m * V[:, j], atol=1e-13)
    # the class agrees with helpers' definiteness except within round-off of the threshold
    small = min(abs(x) for x in lam)
    if not (1e-16 < small / m < 1e-14):
        assert form.definiteness == definiteness(M)


@given(entries, entries, entries, st.floats(0, 359).map(round))
def test_rayleigh_quotient_lies_between_the_eigenvalues(a, b, c, theta):
    form = QuadraticForm(a, b, c)
    r = form.readout(theta)
    x = np.array([r["x1"], r["x2"]])
    assert math.isclose(r["q"], x @ form.matrix @ x, rel_tol=1e-12, abs_tol=1e-12)
    assert r["lambda2"] - 1e-12 <= r["q"] <= r["lambda1"] + 1e-12
    # extreme at the eigen-directions: R(φ₁) = λ₁, R(φ₁ + 90°) = λ₂
    phi = form.phi1
    assert math.isclose(form.rayleigh(phi), r["lambda1"], abs_tol=1e-12)
    assert math.isclose(form.rayleigh(phi + math.pi / 2), r["lambda2"], abs_tol=1e-12)
    assert -90.0 < r["phi1"] <= 90.0


def test_readout_fields_and_message():
    form = QuadraticForm(3.0, 1.0, 3.0)
    r = form.readout(45)
    assert set(r) == {"theta", "x1", "x2", "q", "lambda1", "lambda2", "phi1", "class"}
    assert math.isclose(r["q"], 4.0) and r["phi1"] == 45.0
    assert form.message() == ("A is positive definite", "ok")
    text, level = QuadraticForm(1.0, 1.0, 1.0).message()
    assert level == "info" and "pair of lines" in text
    text, level = QuadraticForm(2.0, 0.0, 2.0).message()
    assert level == "info" and "every direction" in text


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("x", 1.0, 1.0), TypeError, "a"),
        ((1.0, float("nan"), 1.0), ValueError, "b"),
        ((1.0, 1.0, float("inf")), ValueError, "c"),
        ((True, 1.0, 1.0), TypeError, "a"),
        ((1e308, 1e308, 1e308), ValueError, "overflows"),
    ],
)
def test_model_refuses_bad_entries(args, error, match):
    with pytest.raises(error, match=match):
        QuadraticForm(*args)


@pytest.mark.parametrize(
    ("A", "error", "match"),
    [
        ([[1, 2], [3, 4]], ValueError, "symmetric"),
        (np.eye(3), ValueError, "2×2"),
        ([[1, np.nan], [np.nan, 1]], ValueError, "A"),
        ("abc", TypeError, "A"),
        ([[1e308, 1e308], [1e308, 1e308]], ValueError, "overflows"),
    ],
)
def test_widget_refuses_bad_matrices(A, error, match):
    with pytest.raises(error, match=match):
        quadratic_form_widget(A)


def test_widget_refuses_bad_preset_and_angle():
    with pytest.raises(ValueError, match="preset"):
        quadratic_form_widget(preset="spd")
    with pytest.raises(TypeError, match="theta"):
        quadratic_form_widget(theta="30")
    w = quadratic_form_widget()
    with pytest.raises(ValueError, match="theta"):
        w.theta = float("nan")
    with pytest.raises(TypeError, match="a"):
        w.a = "2"
    assert w.a == 2.0 and w.theta == 30.0


def test_widget_state_and_static_copy(capsys):
    A = np.array([[3.0, 1.0], [1.0, 3.0]])
    w = quadratic_form_widget(A, theta=-30.4)
    A[0, 0] = 9.0  # the caller's array is not kept
    assert capsys.readouterr().out == ""
    assert isinstance(w, QuadraticFormWidget)
    assert (w.a, w.b, w.c, w.theta) == (3.0, 1.0, 3.0, 330.0)
    assert w.readout() == w.form.readout(330.0)
    data, _ = w._repr_mimebundle_()
    assert data[STATIC_MIME] == {
        "kind": "quadratic_form",
        "state": {"a": 3.0, "b": 1.0, "c": 3.0, "theta": 330.0},
    }
    assert "export default" in w._esm and "function qfEig" in w._esm
    assert quadratic_form_widget(preset="psd").form.eigenvalues == (2.0, 0.0)


def test_reexported():
    assert {"QuadraticForm", "QuadraticFormWidget", "quadratic_form_widget"} <= set(
        helpers.widgets.__all__
    )


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_views_arithmetic_is_the_models():
    """qfEig and qfMessage in quadratic_form.js give the model's numbers.

    Equal to a few units in the last place (Math.hypot and math.hypot may differ
    by one), a zero eigenvalue exactly 0 in both, the same class and message.
    """
    rng = np.random.default_rng(2)
    cases = [list(v) for v in PRESETS.values()]
    cases += [[1, 1, 1], [4, 2, 1], [-1, 1, -1], [0, 0, 0], [2, 0, 2], [1e-200, 0, 5e-201]]
    cases += (rng.standard_normal((30, 3)) * 10.0 ** rng.integers(-5, 5, (30, 1))).tolist()
    source = widget_esm("quadratic_form").replace("export default { render };", "")
    script = (
        source
        + f"\nconst cases = {json.dumps(cases)};\n"
        + "console.log(JSON.stringify(cases.map(([a, b, c]) => {"
        + " const e = qfEig(a, b, c); return [e.lam1, e.lam2, e.phi, e.cls, qfMessage(e)]; })));"
    )
    out = subprocess.run(
        ["node", "--input-type=module"], input=script, capture_output=True, text=True, check=True
    )
    for (a, b, c), (lam1, lam2, phi, cls, message) in zip(
        cases, json.loads(out.stdout), strict=True
    ):
        form = QuadraticForm(a, b, c)
        for got, want in zip((lam1, lam2, phi), (*form.eigenvalues, form.phi1), strict=True):
            assert math.isclose(got, want, rel_tol=1e-14, abs_tol=0.0), (a, b, c, got, want)
        assert cls == form.definiteness, (a, b, c)
        assert tuple(message) == form.message()
