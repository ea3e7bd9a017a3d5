"""The QR stepper: its model against householder_qr, and the widget's wiring."""

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.decompositions import householder_qr
from helpers.widgets import QR_METHODS, QRStepper, draw_qr_step, qr_stepper_widget

matplotlib.use("Agg")

SHAPES = [(2, 1), (2, 2), (3, 1), (3, 2), (3, 3)]


@pytest.mark.parametrize("method", QR_METHODS)
@pytest.mark.parametrize("shape", SHAPES)
def test_last_step_is_the_thin_qr(method, shape, rng):
    A = rng.standard_normal(shape)
    stepper = QRStepper(A, method)
    last = stepper.step(len(stepper) - 1)
    Q, R = householder_qr(A)
    np.testing.assert_allclose(last.matrix, R, atol=1e-12)
    np.testing.assert_allclose(last.Q, Q, atol=1e-12)
    readout = stepper.readout(len(stepper) - 1)
    assert readout["orthogonality"] < 1e-14
    assert readout["steps"] == len(stepper)
    np.testing.assert_allclose(np.array(readout["matrix"], dtype=float), R, atol=1e-6)


@pytest.mark.parametrize("shape", SHAPES)
def test_number_of_steps(shape, rng):
    m, n = shape
    A = rng.standard_normal(shape)
    for method in ("cgs", "mgs"):
        assert len(QRStepper(A, method)) == 1 + n * (n + 1) // 2  # subtractions and normalizations
    reflections = min(m - 1, n)
    assert len(QRStepper(A, "householder")) == 1 + 2 * reflections + 1


def test_gram_schmidt_steps_build_r_column_by_column():
    A = [[2.0, 1.0, 1.0], [0.0, 1.0, 2.0], [1.0, 1.0, 0.0]]
    stepper = QRStepper(A, "cgs")
    first = stepper.readout(0)["matrix"]
    assert first == [[None, None, None], [0.0, None, None], [0.0, 0.0, None]]
    after = stepper.readout(2)  # column 2: the q₁ component removed
    assert after["title"] == "column 2: remove the q₁ component"
    assert after["matrix"][0][1] == pytest.approx(3 / np.sqrt(5))
    assert after["matrix"][1][1] is None
    # the "v" drawn after a subtraction is orthogonal to the q it lost
    st = stepper.step(2)
    v = dict((label, vec) for label, vec, _, _ in st.arrows)["v"]
    assert abs(v @ st.Q[:, 0]) < 1e-14


def test_cgs_and_mgs_differ_only_in_the_source_of_the_coefficient():
    A = [[2.0, 1.0, 1.0], [0.0, 1.0, 2.0], [1.0, 1.0, 0.0]]
    cgs, mgs = QRStepper(A, "cgs"), QRStepper(A, "mgs")
    assert "q₂ᵀa₃" in cgs.step(5).description
    assert "q₂ᵀv (a₃ so far)" in mgs.step(5).description
    np.testing.assert_allclose(cgs.step(6).matrix, mgs.step(6).matrix, atol=1e-14)


def test_householder_steps_zero_one_column_at_a_time(rng):
    A = rng.standard_normal((3, 3))
    stepper = QRStepper(A, "householder")
    W = stepper.step(2).matrix  # after H₁
    assert np.all(W[1:, 0] == 0.0)
    assert abs(abs(W[0, 0]) - np.linalg.norm(A[:, 0])) < 1e-12
    v = stepper.step(1).mirror
    assert np.isclose(np.linalg.norm(v), 1.0)
    W = stepper.step(4).matrix  # after H₂
    assert np.all(np.tril(W, -1) == 0.0)


def test_householder_skips_a_column_that_is_already_reduced():
    A = [[1.0, 2.0], [0.0, 3.0]]  # column 1 is already zero below the diagonal
    stepper = QRStepper(A, "householder")
    assert len(stepper) == 2  # the input and the sign step
    np.testing.assert_allclose(stepper.step(1).matrix, householder_qr(A)[1])


@pytest.mark.parametrize(
    "A",
    [
        [[1.0, 2.0, 3.0], [2.0, 4.0, 1.0], [3.0, 6.0, 2.0]],  # column 2 = 2 · column 1
        [[1.0, 3.0, 0.0], [2.0, 6.0, 1.0], [3.0, 9.0, 1.0]],  # column 2 = 3 · column 1
    ],
)
def test_householder_treats_a_dependent_column_as_zero_not_as_noise(A):
    """No mirror is chosen from rounding noise: R[1, 1] is exactly 0 and no step reflects it.

    The browser's view computes the same steps; a mirror chosen from ~1e-16 noise
    would differ between numpy and JavaScript (a different R, even a different
    number of steps).
    """
    A = np.array(A)
    stepper = QRStepper(A, "householder")
    last = stepper.step(len(stepper) - 1)
    assert last.matrix[1, 1] == 0.0 and last.matrix[2, 1] == 0.0
    assert [st.title for st in stepper.steps].count("column 2: choose the mirror") == 0
    np.testing.assert_allclose(last.Q @ last.matrix, A, atol=1e-12)
    assert np.all(np.tril(last.matrix, -1) == 0.0)


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="method must be one of"):
        QRStepper(np.eye(2), "givens")
    with pytest.raises(ValueError, match="m = 2 or 3"):
        QRStepper(np.eye(4), "mgs")
    with pytest.raises(ValueError, match="m = 2 or 3"):
        QRStepper(np.ones((2, 3)), "householder")
    with pytest.raises(ValueError, match="column 2 of A depends on the earlier columns"):
        QRStepper([[1.0, 2.0], [2.0, 4.0]], "mgs")
    with pytest.raises(ValueError, match="A contains NaN"):
        QRStepper([[1.0, np.nan], [0.0, 1.0]], "cgs")
    with pytest.raises(ValueError, match="k must be at least 0 and at most 3"):
        QRStepper(np.eye(2), "mgs").step(4)
    stepper = QRStepper([[1.0, 2.0], [2.0, 4.0]], "householder")  # dependent columns are fine
    assert stepper.step(len(stepper) - 1).matrix[1, 1] == pytest.approx(0.0, abs=1e-14)


@pytest.mark.parametrize("m", [2, 3])
def test_draw_every_step(m, rng):
    A = rng.standard_normal((m, m))
    for method in QR_METHODS:
        stepper = QRStepper(A, method)
        for k in range(len(stepper)):
            fig = Figure()
            ax = fig.add_subplot(projection="3d" if m == 3 else None)
            assert draw_qr_step(ax, stepper, k) is ax
            assert ax.get_title().startswith(f"step {k}:")


def test_widget_state():
    from helpers.widgets import STATIC_MIME, QRStepperWidget

    A = [[2.0, 1.0, 1.0], [0.0, 1.0, 2.0], [1.0, 1.0, 0.0]]
    w = qr_stepper_widget(A, method="cgs", step=6)
    assert isinstance(w, QRStepperWidget)
    assert (w.a, w.method, w.step) == (A, "cgs", 6)
    assert len(w.stepper) == 7
    data, _ = w._repr_mimebundle_()
    assert data[STATIC_MIME]["kind"] == "qr_stepper"
    assert data[STATIC_MIME]["state"] == {"a": A, "method": "cgs", "step": 6}
    w.step = 0
    w.method = "householder"
    assert w.stepper.method == "householder" and len(w.stepper) == 6
    with pytest.raises(ValueError, match="step"):
        w.step = 6


def test_widget_refuses_a_method_that_cannot_run_and_keeps_its_state():
    w = qr_stepper_widget([[1.0, 2.0], [2.0, 4.0]], method="householder")
    with pytest.raises(ValueError, match="depends on the earlier columns"):
        w.method = "mgs"
    assert w.method == "householder" and w.stepper.method == "householder"
    with pytest.raises(ValueError, match="step"):
        qr_stepper_widget(step=99)


def test_model_copies_the_callers_array():
    A = np.array([[3.0, 2.0], [1.0, 2.5]])
    stepper = QRStepper(A, "mgs")
    A[0, 0] = -50.0
    assert stepper.A[0, 0] == 3.0
    np.testing.assert_allclose(
        stepper.readout(len(stepper) - 1)["matrix"][0][0], np.hypot(3, 1), atol=1e-6
    )


@pytest.mark.parametrize("scale", [1e155, 1e200, 1e-170, 1e-300])
@pytest.mark.parametrize("method", QR_METHODS)
def test_huge_and_tiny_vectors_are_orthonormalized(method, scale):
    # issue 20, item 9: ‖v‖ overflowed (1e155: Q = 0) or underflowed (1e-170: "depends on
    # the earlier columns") before the norms were scaled
    A = scale * np.array([[3.0, 2.0], [1.0, 2.5]])
    stepper = QRStepper(A, method)
    last = stepper.step(len(stepper) - 1)
    np.testing.assert_allclose(last.Q.T @ last.Q, np.eye(2), atol=1e-14)
    np.testing.assert_allclose(last.Q @ (last.matrix / scale), A / scale, atol=1e-14)
    identity = QRStepper(scale * np.eye(2), method)
    np.testing.assert_allclose(identity.steps[-1].Q, np.eye(2), atol=1e-15)
    fig = Figure()
    ax = draw_qr_step(fig.add_subplot(), stepper, 1)
    assert np.all(np.isfinite(ax.get_xlim()))
    assert ("×" in ax.get_xlabel()) == (scale > 1)  # huge vectors: drawn in units of 2ᵉ


def test_widget_checks_its_matrix_and_keeps_the_state_on_a_refusal():
    # issue 20, item 4 (Python side): a refused value leaves the widget as it was
    w = qr_stepper_widget([[1.0, 2.0], [2.0, 4.0]], method="householder")
    for bad, error in (([[np.nan, 0.0], [0.0, 1.0]], ValueError), ("A", TypeError)):
        with pytest.raises(error, match="A"):
            w.a = bad
    assert w.a == [[1.0, 2.0], [2.0, 4.0]] and w.method == "householder"
    with pytest.raises(TypeError, match="step"):
        w.step = 1.0
    assert w.step == 0


def test_drawing_checks_its_axes_and_stepper():
    stepper = QRStepper(np.eye(3), "mgs")
    with pytest.raises(TypeError, match="3-D"):
        draw_qr_step(Figure().add_subplot(), stepper, 0)
    with pytest.raises(TypeError, match="stepper"):
        draw_qr_step(Figure().add_subplot(projection="3d"), np.eye(3), 0)
    with pytest.raises(ValueError, match="limit"):
        draw_qr_step(Figure().add_subplot(projection="3d"), stepper, 0, limit=-1.0)
