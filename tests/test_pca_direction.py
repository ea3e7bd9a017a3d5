"""Notebook 09's PCA direction widget: the model against numpy, the view's state, its JS port."""

import json
import math
import shutil
import subprocess

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import helpers.widgets
from helpers.pca import pca_svd
from helpers.widgets import (
    STATIC_MIME,
    PCADirection,
    PCADirectionWidget,
    pca_cloud,
    pca_direction_widget,
)
from helpers.widgets.common import widget_esm

CLOUD = pca_cloud()


def explicit(points, theta, centred):
    """Projections and residuals computed point by point, the definition."""
    P = np.asarray(points, dtype=float)
    p = P.mean(axis=0) if centred else np.zeros(2)
    u = np.array([math.cos(math.radians(theta)), math.sin(math.radians(theta))])
    z = (P - p) @ u
    res = (P - p) - np.outer(z, u)
    n = len(P)
    return z @ z / (n - 1), np.sum(res**2) / (n - 1), np.sum((P - p) ** 2) / (n - 1)


def angle_between(a, b):
    d = abs(a - b) % 180
    return min(d, 180 - d)


@pytest.mark.parametrize("centred", [True, False])
@given(theta=st.floats(-720, 720, allow_nan=False))
def test_readout_is_the_definition(centred, theta):
    r = PCADirection(CLOUD).readout(theta, centred)
    var, res, total = explicit(CLOUD, theta, centred)
    assert 0 <= r["theta"] < 180 and angle_between(theta, r["theta"]) < 1e-9
    assert math.isclose(r["variance"], var, rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(r["residual"], res, rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(r["total"], total, rel_tol=1e-12)
    assert math.isclose(r["variance"] + r["residual"], r["total"], rel_tol=1e-12)
    assert r["variance"] <= r["best_variance"] * (1 + 1e-12)
    assert r["centred"] is centred


def test_centred_best_direction_is_pc1():
    model = PCADirection(CLOUD)
    pca = pca_svd(CLOUD)
    v1 = pca.components[0]
    pc1_angle = math.degrees(math.atan2(v1[1], v1[0])) % 180
    r = model.readout(pc1_angle, True)
    assert angle_between(r["pc1_theta"], pc1_angle) < 1e-9
    assert r["best_theta"] == r["pc1_theta"]
    np.testing.assert_allclose([r["lambda1"], r["lambda2"]], pca.explained_variance, rtol=1e-12)
    assert math.isclose(r["variance"], pca.explained_variance[0], rel_tol=1e-12)
    assert math.isclose(r["residual"], pca.explained_variance[1], rel_tol=1e-10)
    # any other line has less variance
    for theta in np.linspace(0, 179, 180):
        assert model.readout(theta)["variance"] <= r["variance"] * (1 + 1e-12)
    assert model.message(r["pc1_theta"])[0].startswith("The line is the first principal")


def test_forgetting_the_mean_turns_the_best_line_to_the_mean():
    model = PCADirection(CLOUD)
    r = model.readout(0.0, centred=False)
    M = CLOUD.T @ CLOUD / (len(CLOUD) - 1)
    lam, V = np.linalg.eigh(M)
    v = V[:, -1]
    assert angle_between(r["best_theta"], math.degrees(math.atan2(v[1], v[0]))) < 1e-9
    assert math.isclose(r["best_variance"], lam[-1], rel_tol=1e-12)
    # M = C + n/(n − 1)·x̄x̄ᵀ, and its best line is nearer the mean's direction than PC1 is
    n, xbar = len(CLOUD), CLOUD.mean(axis=0)
    np.testing.assert_allclose(M, np.cov(CLOUD.T) + n / (n - 1) * np.outer(xbar, xbar))
    to_mean = math.degrees(math.atan2(xbar[1], xbar[0])) % 180
    assert angle_between(r["best_theta"], to_mean) < angle_between(r["pc1_theta"], to_mean)
    text, level = model.message(0.0, centred=False)
    assert level == "info" and "Not centred" in text


def test_centred_cloud_does_not_care_about_the_toggle():
    X = CLOUD - CLOUD.mean(axis=0)
    model = PCADirection(X)
    a, b = model.readout(30.0, True), model.readout(30.0, False)
    for key in ("variance", "residual", "total", "best_theta"):
        assert math.isclose(a[key], b[key], rel_tol=1e-9, abs_tol=1e-12), key


def test_cloud_is_seeded():
    np.testing.assert_array_equal(pca_cloud(), pca_cloud())
    assert pca_cloud(n=10, seed=1).shape == (10, 2)
    assert not np.array_equal(pca_cloud(seed=1), pca_cloud(seed=2))
    np.testing.assert_allclose(pca_cloud(n=2000).mean(axis=0), [3.0, 2.0], atol=0.15)


@pytest.mark.parametrize(
    ("points", "error", "match"),
    [
        ([[1.0, 2.0]], ValueError, "n ≥ 2"),
        (np.ones((4, 3)), ValueError, "n × 2"),
        ([[1.0, 2.0], [1.0, 2.0]], ValueError, "all be equal"),
        ([[1.0, np.nan], [0.0, 0.0]], ValueError, "points"),
        ("abc", TypeError, "points"),
        ([[1e200, 0.0], [-1e200, 0.0]], ValueError, "too large"),
    ],
)
def test_model_refuses_bad_points(points, error, match):
    with pytest.raises(error, match=match):
        PCADirection(points)
    with pytest.raises(error, match=match):
        pca_direction_widget(points)


def test_bad_arguments():
    model = PCADirection(CLOUD)
    with pytest.raises(TypeError, match="theta"):
        model.readout("30")
    with pytest.raises(ValueError, match="theta"):
        model.readout(float("inf"))
    with pytest.raises(TypeError, match="centred"):
        model.readout(30.0, centred=1)
    with pytest.raises(TypeError, match="n"):
        pca_cloud(n=2.5)
    with pytest.raises(ValueError, match="mean"):
        pca_cloud(mean=(1.0, 2.0, 3.0))
    w = pca_direction_widget()
    with pytest.raises(ValueError, match="theta"):
        w.theta = float("nan")
    with pytest.raises(TypeError, match="centred"):
        w.centred = "yes"
    assert w.theta == 0.0 and w.centred is True


def test_points_are_copied():
    P = CLOUD.copy()
    model = PCADirection(P)
    w = pca_direction_widget(P)
    P[0] = 100.0
    np.testing.assert_array_equal(model.points, CLOUD)
    np.testing.assert_array_equal(w.points, CLOUD.tolist())
    model.points[0] = 5.0  # a copy: the model is unchanged
    np.testing.assert_array_equal(model.points, CLOUD)


def test_widget_state_and_static_copy(capsys):
    w = pca_direction_widget(theta=-30.0, centred=False)
    assert capsys.readouterr().out == ""
    assert isinstance(w, PCADirectionWidget)
    assert (w.theta, w.centred) == (150.0, False)
    assert w.points == CLOUD.tolist()
    assert w.readout() == PCADirection(CLOUD).readout(150.0, False)
    data, _ = w._repr_mimebundle_()
    assert data[STATIC_MIME] == {
        "kind": "pca_direction",
        "state": {"points": CLOUD.tolist(), "theta": 150.0, "centred": False},
    }
    assert "export default" in w._esm and "function pcaReadout" in w._esm


def test_reexported():
    names = {"PCADirection", "PCADirectionWidget", "pca_cloud", "pca_direction_widget"}
    assert names <= set(helpers.widgets.__all__)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_views_arithmetic_is_the_models():
    """pcaReadout and pcaMessage in pca_direction.js give the model's numbers."""
    cases = [
        (theta, centred) for theta in (0, 20.5, 90, 179, 181, -45) for centred in (True, False)
    ]
    source = widget_esm("pca_direction").replace("export default { render };", "")
    script = (
        source
        + f"\nconst points = {json.dumps(CLOUD.tolist())};\n"
        + "const mean = [0, 0]; for (const [x, y] of points) { mean[0] += x; mean[1] += y; }\n"
        + "mean[0] /= points.length; mean[1] /= points.length;\n"
        + f"const cases = {json.dumps(cases)};\n"
        + "console.log(JSON.stringify(cases.map(([t, c]) => {"
        + " const r = pcaReadout(points, mean, pcaAngle(t), c); delete r.M;"
        + " return [r, pcaMessage(r)]; })));"
    )
    out = subprocess.run(
        ["node", "--input-type=module"], input=script, capture_output=True, text=True, check=True
    )
    model = PCADirection(CLOUD)
    for (theta, centred), (shown, message) in zip(cases, json.loads(out.stdout), strict=True):
        want = model.readout(theta, centred)
        assert set(shown) == set(want)
        for key, value in want.items():
            if isinstance(value, bool):
                assert shown[key] is value
            else:
                assert math.isclose(shown[key], value, rel_tol=1e-12, abs_tol=1e-13), (key, theta)
        assert tuple(message) == model.message(theta, centred)
