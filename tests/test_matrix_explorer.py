"""The matrix explorer: its model (analyse, eigen_directions, explain) and its DOM contract."""

import html
import re
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers.widgets
from helpers.widgets import matrix_explorer as explorer_module  # the function, see below
from helpers.widgets.matrix_explorer import (
    KINDS,
    PRESETS,
    analyse,
    eigen_directions,
    explain,
    plot_matrix_action,
)

FIELDS = ("kind", "lambda1", "lambda2", "det", "trace")
MODULE = sys.modules["helpers.widgets.matrix_explorer"]


@pytest.fixture
def fast_render(monkeypatch):
    """Replace the PNG rendering (the slow part) by a stub that records its input."""
    drawn = []

    def stub(A):
        drawn.append(np.array(A, dtype=float))
        return b"\x89PNG stub %d" % len(drawn)

    monkeypatch.setattr(MODULE, "_render_png", stub)
    return drawn


def find(widget, css_class):
    """Every descendant of ``widget`` (itself included) carrying ``css_class``."""
    found = [widget] if css_class in getattr(widget, "_dom_classes", ()) else []
    for child in getattr(widget, "children", ()):
        found.extend(find(child, css_class))
    return found


def one(widget, css_class):
    hits = find(widget, css_class)
    assert len(hits) == 1, f"expected one .{css_class}, found {len(hits)}"
    return hits[0]


def readout_values(box):
    text = one(box, "course-m-readout").value
    spans = dict(re.findall(r'data-field="([^"]+)" data-value="([^"]*)"', text))
    return {k: html.unescape(v) for k, v in spans.items()}


def set_matrix(box, A):
    for (i, j), key in np.ndenumerate(np.array([["a11", "a12"], ["a21", "a22"]])):
        one(box, f"course-m-{key}").value = float(A[i][j])


# --------------------------------------------------------------------------- the model


@pytest.mark.parametrize(
    ("A", "kind", "lam1", "lam2", "det", "trace"),
    [
        ([[2, 1], [1, 2]], "real-distinct", 3.0, 1.0, 3.0, 4.0),
        ([[1, 2], [2, 1]], "real-distinct", 3.0, -1.0, -3.0, 2.0),
        ([[0, -1], [1, 0]], "complex", 0.0, 0.0, 1.0, 0.0),
        ([[1, -1], [1, 1]], "complex", 1.0, 1.0, 2.0, 2.0),
        ([[1, 1], [0, 1]], "defective", 1.0, 1.0, 1.0, 2.0),
        ([[0, 1], [0, 0]], "defective", 0.0, 0.0, 0.0, 0.0),
        ([[1.5, 0], [0, 1.5]], "real-repeated-diagonalizable", 1.5, 1.5, 2.25, 3.0),
        ([[0, 0], [0, 0]], "real-repeated-diagonalizable", 0.0, 0.0, 0.0, 0.0),
        ([[1, 2], [0.5, 1]], "real-distinct", 2.0, 0.0, 0.0, 2.0),
        ([[0, 1], [1, 0]], "real-distinct", 1.0, -1.0, -1.0, 0.0),
        ([[-2, 0], [0, 3]], "real-distinct", 3.0, -2.0, -6.0, 1.0),
    ],
)
def test_analyse_known_matrices(A, kind, lam1, lam2, det, trace):
    info = analyse(A)
    assert list(info) == list(FIELDS)
    assert info["kind"] == kind
    assert info["lambda1"] == pytest.approx(lam1, abs=1e-12)
    assert info["lambda2"] == pytest.approx(lam2, abs=1e-12)
    assert info["det"] == pytest.approx(det, abs=1e-12)
    assert info["trace"] == pytest.approx(trace, abs=1e-12)
    assert all(isinstance(info[k], float) for k in FIELDS[1:])


entries = st.integers(-30, 30).map(lambda k: k / 10)  # the sliders' grid


@settings(max_examples=50, deadline=None)
@given(st.lists(entries, min_size=4, max_size=4))
def test_analyse_agrees_with_numpy(values):
    A = np.array(values).reshape(2, 2)
    info = analyse(A)
    assert info["kind"] in KINDS
    w = np.linalg.eigvals(A)
    assert info["det"] == pytest.approx(np.linalg.det(A), abs=1e-12)
    assert info["trace"] == pytest.approx(np.trace(A), abs=1e-12)
    if info["kind"] == "complex":
        assert np.all(np.abs(w.imag) > 0)
        assert info["lambda1"] == info["lambda2"] == pytest.approx(w.real[0], abs=1e-12)
    else:
        ref = np.sort(w.real)[::-1]
        # numpy perturbs a defective double eigenvalue by √ε; compare at that scale
        tol = 1e-6 if info["kind"] == "defective" else 1e-10
        assert info["lambda1"] >= info["lambda2"]
        assert [info["lambda1"], info["lambda2"]] == pytest.approx(ref, abs=tol)
    if np.allclose(A, A.T):
        assert info["kind"] != "defective" and info["kind"] != "complex"


@settings(max_examples=50, deadline=None)
@given(st.lists(entries, min_size=4, max_size=4))
def test_eigen_directions_are_eigenvectors(values):
    A = np.array(values).reshape(2, 2)
    kind = analyse(A)["kind"]
    pairs = eigen_directions(A)
    assert (
        len(pairs)
        == {
            "complex": 0,
            "defective": 1,
            "real-distinct": 2,
            "real-repeated-diagonalizable": 2,
        }[kind]
    )
    for lam, v in pairs:
        assert np.linalg.norm(v) == pytest.approx(1.0)
        assert np.linalg.norm(A @ v - lam * v) < 1e-9 * max(1.0, np.abs(A).max())


def test_eigen_directions_of_the_course_example():
    (l1, v1), (l2, v2) = eigen_directions([[2, 1], [1, 2]])
    assert (l1, l2) == (3.0, 1.0)
    np.testing.assert_allclose(v1, [2**-0.5, 2**-0.5])
    np.testing.assert_allclose(v2, [2**-0.5, -(2**-0.5)])
    ((lam, v),) = eigen_directions([[1, 1], [0, 1]])
    assert lam == 1.0
    np.testing.assert_allclose(v, [1.0, 0.0])


def test_tolerance_rule_never_calls_a_symmetric_matrix_defective():
    assert analyse([[1.0, 1e-9], [1e-9, 1.0]])["kind"] == "real-repeated-diagonalizable"
    assert analyse([[1.0, 1e-6], [1e-6, 1.0]])["kind"] == "real-distinct"
    assert analyse([[1.0, 1e-6], [0.0, 1.0]])["kind"] == "defective"


@pytest.mark.parametrize(
    ("A", "level", "words"),
    [
        ([[2, 1], [1, 2]], "ok", "Two real eigenvalues"),
        ([[1, 2], [2, 1]], "ok", "negative λ flips"),
        ([[0, -1], [1, 0]], "warning", "Complex eigenvalues λ = 0 ± 1.000i"),
        ([[1, 1], [0, 1]], "warning", "Defective"),
        ([[1, 2], [0.5, 1]], "warning", "singular"),
        ([[0, 0], [0, 0]], "warning", "singular"),
        ([[1.5, 0], [0, 1.5]], "info", "every vector is an eigenvector"),
    ],
)
def test_explain_messages(A, level, words):
    text, got = explain(A)
    assert got == level
    assert words in text


@pytest.mark.parametrize("func", [analyse, eigen_directions, explain, plot_matrix_action])
@pytest.mark.parametrize(
    ("A", "error", "match"),
    [
        (np.eye(3), ValueError, r"A must be a 2×2 matrix, got shape \(3, 3\)"),
        ([1.0, 2.0], ValueError, r"A must be a 2-D matrix"),
        ([[np.nan, 0], [0, 1]], ValueError, r"A contains NaN or infinity"),
        ([[1j, 0], [0, 1]], TypeError, r"A must be real"),
        ("A", TypeError, r"A must be an array of numbers"),
    ],
)
def test_model_rejects_bad_input(func, A, error, match):
    with pytest.raises(error, match=match):
        func(A)


def test_plot_matrix_action_draws_on_given_axes():
    fig, ax = plt.subplots()
    try:
        assert plot_matrix_action([[1, 2], [2, 1]], ax) is ax
        assert "real-distinct" in ax.get_title()
        assert ax.get_xlabel() and ax.get_ylabel()
    finally:
        plt.close(fig)


# --------------------------------------------------------------------------- the widget


def test_package_exposes_function_and_model():
    import importlib

    assert callable(helpers.widgets.matrix_explorer)
    assert importlib.import_module("helpers.widgets.matrix_explorer").analyse is analyse
    assert explorer_module is helpers.widgets.matrix_explorer
    assert {"analyse", "matrix_explorer"} <= set(helpers.widgets.__all__)


def test_widget_holds_the_matrix_and_its_range(capsys):
    from helpers.widgets import STATIC_MIME, MatrixExplorer

    w = helpers.widgets.matrix_explorer(A=[[2, 1], [1, 2]])
    assert capsys.readouterr().out == ""
    assert isinstance(w, MatrixExplorer)
    assert (w.a, w.low, w.high, w.step) == ([2.0, 1.0, 1.0, 2.0], -3.0, 3.0, 0.1)
    assert [name for name, _ in w.presets] == list(PRESETS)
    np.testing.assert_array_equal(w.A, [[2, 1], [1, 2]])
    data, _ = w._repr_mimebundle_()
    assert data[STATIC_MIME]["kind"] == "matrix_explorer"
    assert data[STATIC_MIME]["state"]["a"] == [2.0, 1.0, 1.0, 2.0]
    assert "export default" in w._esm and "function classify" in w._esm


def test_starting_matrix_widens_the_sliders():
    w = helpers.widgets.matrix_explorer(A=[[5.5, 0], [0, -4.2]])
    assert (w.low, w.high) == (-5.0, 6.0)


def test_widget_copies_the_callers_array():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    w = helpers.widgets.matrix_explorer(A=A)
    A[0, 0] = 9.0
    assert w.a[0] == 2.0


@pytest.mark.parametrize(
    "A",
    [
        [[1, 2], [0.5, 1]],
        [[0.1 * 3, 0.6], [0.1, 0.2]],
        [[1e-300, 0], [0, 1]],
        [[1e300, 1e300], [1e300, 1e300]],
    ],
)
def test_a_zero_eigenvalue_is_zero_and_not_called_negative(A):
    r = analyse(A)
    assert r["lambda2"] == 0.0 and r["det"] == 0.0
    assert str(r["lambda2"]) == "0.0"  # not -0.0
    text, level = explain(A)
    assert "negative" not in text and "λ₂ = 0:" in text and "singular" in text
    assert level == "warning" and "−0" not in text


def test_complex_pair_is_described_as_similar_to_a_rotation_and_scaling():
    text, _ = explain([[1, -1], [1, 1]])
    assert (
        "similar to a rotation-and-scaling" in text and "|λ| = 1.414" in text and "45.0°" in text
    )


def test_huge_entries_give_finite_eigenvalues():
    r = analyse([[1e154, 0], [0, 5e153]])  # det = 5e307: still a float
    assert (r["lambda1"], r["lambda2"], r["kind"]) == (1e154, 5e153, "real-distinct")
    assert r["det"] == pytest.approx(5e307)


@pytest.mark.parametrize(
    "func", [analyse, explain, eigen_directions, helpers.widgets.matrix_explorer]
)
def test_a_determinant_beyond_float64_is_refused_not_shown_as_inf(func):
    # issue 20, item 9: det = 5e615 (or a trace of 2e308) is no float64; analyse returned inf
    for A in ([[1e308, 0], [0, 5e307]], [[1.7e308, 0], [0, 1.7e308]]):
        with pytest.raises(ValueError, match="A's entries are too large"):
            func(A)


def test_tiny_entries_are_not_called_singular():
    # issue 20, item 9: det(1e-200·I) = 1e-400 underflows to 0, but the matrix is invertible
    text, level = explain([[1e-200, 0], [0, 1e-200]])
    assert "singular" not in text and level == "info"
    assert analyse([[1e-200, 0], [0, 1e-200]])["lambda2"] == 1e-200


@pytest.mark.parametrize(
    ("A", "error"),
    [([[1, 2, 3]], ValueError), ([[np.inf, 0], [0, 1]], ValueError), (None, TypeError)],
)
def test_widget_rejects_bad_starting_matrix(A, error):
    with pytest.raises(error, match="A "):
        helpers.widgets.matrix_explorer(A=A)
