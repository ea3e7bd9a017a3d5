"""The SVD geometry model (stages of UΣVᵀ on the unit circle) and its widget."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.widgets import (
    STAGES,
    SVDGeometry,
    canonical_svd_2x2,
    describe_orthogonal,
    plot_svd_stages,
    svd_geometry_widget,
)

entries = st.floats(-5.0, 5.0, allow_nan=False).map(lambda x: round(x, 2))
matrices_2x2 = st.lists(entries, min_size=4, max_size=4).map(lambda v: np.reshape(v, (2, 2)))


@settings(max_examples=50, deadline=None)
@given(matrices_2x2)
def test_canonical_svd_is_an_svd_with_fixed_signs(A):
    U, s, Vt = canonical_svd_2x2(A)
    scale = max(np.abs(A).max(), 1.0)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt, A, atol=1e-12 * scale)
    np.testing.assert_allclose(U.T @ U, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(Vt @ Vt.T, np.eye(2), atol=1e-12)
    assert s[0] >= s[1] >= 0
    kind, angle = describe_orthogonal(Vt.T)
    assert kind == "rotation" and -90.0 < angle <= 90.0 + 1e-9
    det = np.linalg.det(A)
    if abs(det) > 1e-9 * scale**2:  # det A = det U · σ₁σ₂ · det V, and det V = +1
        assert describe_orthogonal(U)[0] == ("rotation" if det > 0 else "reflection")


@settings(max_examples=50, deadline=None)
@given(matrices_2x2)
def test_stages_compose_to_A(A):
    geo = SVDGeometry(A)
    first, after_v, after_s, last = geo.stages()
    np.testing.assert_allclose(first.circle[:, 0], [1.0, 0.0])
    scale = max(np.abs(A).max(), 1.0)
    np.testing.assert_allclose(last.circle, geo.A @ first.circle, atol=1e-12 * scale)
    np.testing.assert_allclose(last.basis, geo.A, atol=1e-12 * scale)
    # Vᵀ sends v₁, v₂ to e₁, e₂; Σ stretches them to σ₁e₁, σ₂e₂; U sends those to σᵢuᵢ
    np.testing.assert_allclose(after_v.singular, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(after_s.singular, np.diag(geo.s), atol=1e-12 * scale)
    np.testing.assert_allclose(last.singular, geo.semi_axes, atol=1e-12 * scale)
    np.testing.assert_allclose(np.linalg.norm(geo.semi_axes, axis=0), geo.s, atol=1e-12 * scale)
    # Vᵀ and U keep the circle a unit circle
    np.testing.assert_allclose(np.linalg.norm(after_v.circle, axis=0), 1.0, atol=1e-12)
    assert [st.name for st in geo.stages()] == list(STAGES)


def test_ellipse_extremes_are_the_singular_values():
    geo = SVDGeometry([[3.0, 0.0], [4.0, 5.0]], n_points=20001)
    radii = np.linalg.norm(geo.stage(3).circle, axis=0)
    np.testing.assert_allclose([radii.max(), radii.min()], [np.sqrt(45), np.sqrt(5)], rtol=1e-6)
    x, y = geo.stage(2).circle
    np.testing.assert_allclose((x / geo.s[0]) ** 2 + (y / geo.s[1]) ** 2, 1.0, atol=1e-12)


def test_readout_of_the_notebook_example():
    r = SVDGeometry([[3.0, 0.0], [4.0, 5.0]]).readout()
    assert set(r) == {"sigma1", "sigma2", "rank", "det", "v_kind", "v_angle", "u_kind", "u_angle"}
    assert r["sigma1"] == pytest.approx(np.sqrt(45)) and r["sigma2"] == pytest.approx(np.sqrt(5))
    assert r["rank"] == 2 and r["det"] == pytest.approx(15.0)
    assert (r["v_kind"], r["u_kind"]) == ("rotation", "rotation")
    assert r["v_angle"] == pytest.approx(45.0)
    assert r["u_angle"] == pytest.approx(np.degrees(np.arctan(3.0)))


def test_negative_determinant_makes_u_a_reflection():
    geo = SVDGeometry([[1.0, 2.0], [2.0, 1.0]])
    assert geo.readout()["u_kind"] == "reflection"
    assert "reflection" in geo.stage(3).description


@pytest.mark.parametrize(
    ("A", "rank", "shape_word"),
    [([[1.0, 2.0], [2.0, 4.0]], 1, "segment"), ([[0.0, 0.0], [0.0, 0.0]], 0, "point")],
)
def test_singular_matrices_give_a_degenerate_ellipse(A, rank, shape_word):
    geo = SVDGeometry(A)
    assert geo.rank == rank
    assert geo.s[1] == 0.0  # exactly zero, not round-off
    assert shape_word in geo.stage(2).description
    image = geo.stage(3).circle
    if rank == 1:  # every point lies on the line through u₁
        u1 = geo.U[:, 0]
        np.testing.assert_allclose(u1[0] * image[1] - u1[1] * image[0], 0.0, atol=1e-12)
    else:
        assert np.all(image == 0.0)


def test_repeated_singular_values_choose_v_equal_identity():
    for A in ([[2.0, 0.0], [0.0, 2.0]], [[0.0, -1.0], [1.0, 0.0]]):
        geo = SVDGeometry(A)
        np.testing.assert_array_equal(geo.Vt, np.eye(2))
        np.testing.assert_allclose(geo.U * geo.s, A, atol=1e-15)
    assert SVDGeometry([[0.0, -1.0], [1.0, 0.0]]).readout()["u_angle"] == pytest.approx(90.0)


def test_describe_orthogonal():
    assert describe_orthogonal(np.eye(2)) == ("rotation", 0.0)
    assert describe_orthogonal(-np.eye(2)) == ("rotation", 180.0)
    kind, angle = describe_orthogonal([[1.0, 0.0], [0.0, -1.0]])
    assert (kind, angle) == ("reflection", 0.0)
    assert describe_orthogonal([[-1.0, 0.0], [0.0, 1.0]]) == ("reflection", 90.0)
    with pytest.raises(ValueError, match="Q must be orthogonal"):
        describe_orthogonal([[1.0, 1.0], [0.0, 1.0]])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: SVDGeometry([[1.0, 2.0, 3.0]]), ValueError, r"A must be a 2×2 matrix"),
        (lambda: SVDGeometry([[1.0, np.nan], [0, 1]]), ValueError, "A contains NaN"),
        (lambda: SVDGeometry([1.0, 2.0]), ValueError, "A must be a 2-D matrix"),
        (lambda: SVDGeometry(np.eye(2), n_points=3), ValueError, "n_points must be at least 8"),
        (
            lambda: SVDGeometry(np.eye(2)).stage(4),
            ValueError,
            "k must be at least 0 and at most 3",
        ),
        (lambda: SVDGeometry(np.eye(2)).stage(1.5), TypeError, "k must be an integer"),
        (lambda: canonical_svd_2x2("A"), TypeError, "A must be an array of numbers"),
        (lambda: svd_geometry_widget(np.eye(2), stage=7), ValueError, "stage must be at least 0"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_widget_holds_a_small_state_and_carries_it_for_static_pages():
    from helpers.widgets import STATIC_MIME, SVDGeometryWidget

    w = svd_geometry_widget([[3.0, 0.0], [4.0, 5.0]], stage=2)
    assert isinstance(w, SVDGeometryWidget)
    assert (w.a, w.stage) == ([3.0, 0.0, 4.0, 5.0], 2)
    assert "export default" in w._esm and "function render" in w._esm
    data, _ = w._repr_mimebundle_()
    assert data[STATIC_MIME] == {"kind": "svd_geometry", "state": {"a": w.a, "stage": 2}}
    w.a = [1.0, 2.0, 2.0, 4.0]
    assert w.geometry.rank == 1
    with pytest.raises(ValueError, match="stage"):
        w.stage = 4
    assert w.stage == 2  # a refused value leaves the state as it was


def test_widget_rejects_bad_starting_values():
    with pytest.raises(ValueError, match="stage"):
        svd_geometry_widget(stage=7)
    with pytest.raises(ValueError):
        svd_geometry_widget([[float("nan"), 0.0], [0.0, 1.0]])


def test_model_copies_the_callers_array():
    A = np.array([[3.0, 0.0], [4.0, 5.0]])
    geo = SVDGeometry(A)
    A[0, 0] = 100.0
    assert geo.A[0, 0] == 3.0 and geo.readout()["sigma1"] < 7


@pytest.mark.parametrize("big", [1e308, 1e200, 1e-300])
def test_huge_and_tiny_entries_are_right_or_refused(big):
    A = np.array([[0.3, 0.0], [0.4, 0.5]]) * big
    try:
        geo = SVDGeometry(A)
    except ValueError as exc:
        assert "overflows" in str(exc) and big > 1e154  # det = 0.15·big² is beyond float64
        return
    assert big < 1e154
    np.testing.assert_allclose(geo.s / big, [np.sqrt(0.45), np.sqrt(0.05)], rtol=1e-12)
    assert geo.rank == 2


def test_rank_one_matrix_has_a_rotation_u_and_zero_sigma2():
    geo = SVDGeometry([[1.0, 2.0], [2.0, 4.0]])
    assert geo.s[1] == 0.0 and geo.rank == 1
    assert np.isclose(np.linalg.det(geo.U), 1.0)
    assert "σ₂ = 0 " in geo.stage(2).description


def test_static_figure():
    fig = plot_svd_stages([[3.0, 0.0], [4.0, 5.0]])
    assert len(fig.axes) == 4
    assert [ax.get_title() for ax in fig.axes] == [f"stage {k}: {n}" for k, n in enumerate(STAGES)]
    plt.close(fig)


def test_widget_refuses_a_bad_matrix_and_keeps_the_one_on_screen():
    # issue 20, item 4 (Python side): a refused entry leaves the state, and so the picture, as is
    w = svd_geometry_widget([[3, 0], [4, 5]], stage=2)
    for bad, error in (
        ([np.nan, 0.0, 0.0, 1.0], ValueError),
        ([1.0, 2.0, 3.0], ValueError),
        ([1e308, 1e308, 1e308, -1e308], ValueError),  # σ₁ overflows
        ("abcd", TypeError),
    ):
        with pytest.raises(error, match="a |A"):
            w.a = bad
    with pytest.raises(TypeError, match="stage"):
        w.stage = 2.0
    assert (w.a, w.stage) == ([3.0, 0.0, 4.0, 5.0], 2)
    assert w.geometry.readout()["sigma1"] == pytest.approx(np.sqrt(45))
