"""Power iteration, Householder extension and the spectral decomposition by deflation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.decompositions import (
    DeflationStep,
    PowerIterationError,
    PowerIterationResult,
    deflation_step,
    householder_reflector_to_e1,
    orthogonal_with_first_column,
    power_iteration,
    spectral_decomposition,
    symmetric_eigenpair,
)
from helpers.matrices import random_orthogonal, random_symmetric


def with_spectrum(eigenvalues, seed=0):
    """A symmetric matrix Q diag(λ) Qᵀ with Haar-random Q."""
    lam = np.asarray(eigenvalues, dtype=float)
    Q = random_orthogonal(lam.size, seed)
    A = (Q * lam) @ Q.T
    return (A + A.T) / 2


def assert_eigendecomposition(A, lam, Q, tol=1e-10):
    n = A.shape[0]
    scale = max(np.linalg.norm(A), 1.0)
    assert lam.shape == (n,) and Q.shape == (n, n)
    assert np.all(np.diff(lam) >= 0), "eigenvalues must be ascending"
    np.testing.assert_allclose(lam, np.linalg.eigvalsh(A), atol=tol * scale, rtol=0)
    assert np.linalg.norm(Q.T @ Q - np.eye(n)) < 1e-12 * n
    assert np.linalg.norm(A @ Q - Q * lam) < tol * scale


# --------------------------------------------------------------------------- power iteration


def test_power_iteration_on_the_course_example():
    result = power_iteration([[2, 1], [1, 2]])
    assert isinstance(result, PowerIterationResult)
    assert result.converged
    assert result.eigenvalue == pytest.approx(3.0, abs=1e-12)
    np.testing.assert_allclose(result.eigenvector, [2**-0.5, 2**-0.5], atol=1e-10)
    assert "converged after" in result.message


def test_power_iteration_history_is_consistent():
    A = with_spectrum([5.0, 4.0, 2.0, 1.0, -0.5], seed=3)
    result = power_iteration(A, tol=1e-12, max_iter=500)
    k = result.n_iter
    assert result.eigenvalue_history.shape == (k + 1,)
    assert result.residual_history.shape == (k + 1,)
    assert result.eigenvalue_history[-1] == result.eigenvalue
    assert result.residual_history[-1] <= result.tolerance
    assert np.all(result.residual_history[:-1] > result.tolerance)
    assert result.tolerance == pytest.approx(1e-12 * np.linalg.norm(A))
    x = result.eigenvector
    assert np.linalg.norm(A @ x - result.eigenvalue * x) == pytest.approx(
        result.residual_history[-1]
    )


def test_power_iteration_converges_at_rate_lambda2_over_lambda1():
    A = with_spectrum([5.0, 4.0, 2.0, 1.0, 0.5], seed=1)
    result = power_iteration(A, tol=1e-13, max_iter=500)
    r = result.residual_history
    tail = r[20:-5]
    rate = np.exp(np.mean(np.diff(np.log(tail))))
    assert rate == pytest.approx(4.0 / 5.0, abs=0.01)
    # the Rayleigh quotient of a symmetric matrix converges at the squared rate
    err = np.abs(result.eigenvalue_history - 5.0)[20:60]
    rate2 = np.exp(np.mean(np.diff(np.log(err))))
    assert rate2 == pytest.approx((4.0 / 5.0) ** 2, abs=0.01)


def test_power_iteration_agrees_with_eig_on_a_nonsymmetric_matrix(rng):
    T = np.triu(rng.standard_normal((4, 4)))
    np.fill_diagonal(T, [4.0, 2.0, 1.0, -1.5])
    S = rng.standard_normal((4, 4)) + 4 * np.eye(4)
    A = S @ T @ np.linalg.inv(S)
    result = power_iteration(A, tol=1e-12, max_iter=2000)
    assert result.eigenvalue == pytest.approx(4.0, abs=1e-8)
    w, V = np.linalg.eig(A)
    v1 = np.real(V[:, np.argmax(np.abs(w))])
    v1 /= np.linalg.norm(v1)
    assert abs(abs(v1 @ result.eigenvector) - 1.0) < 1e-9


def test_power_iteration_negative_dominant_eigenvalue():
    result = power_iteration(np.diag([-3.0, 1.0, 0.5]), tol=1e-12)
    assert result.converged
    assert result.eigenvalue == pytest.approx(-3.0, abs=1e-12)
    np.testing.assert_allclose(result.eigenvector, [1.0, 0.0, 0.0], atol=1e-10)


def test_power_iteration_reproducible_with_seed():
    A = random_symmetric(6, 2)
    a = power_iteration(A, seed=5, max_iter=5000)
    b = power_iteration(A, seed=5, max_iter=5000)
    np.testing.assert_array_equal(a.residual_history, b.residual_history)
    np.testing.assert_array_equal(a.eigenvector, b.eigenvector)


def test_power_iteration_eigenvector_start_needs_no_iteration():
    result = power_iteration([[2.0, 1.0], [1.0, 2.0]], x0=[3.0, 3.0])
    assert result.n_iter == 0 and result.converged
    assert result.eigenvalue == pytest.approx(3.0)


def test_power_iteration_start_without_dominant_component_is_documented():
    # x0 ⟂ v₁: a true eigenpair is returned, but not the dominant one (see the docstring)
    result = power_iteration([[2.0, 1.0], [1.0, 2.0]], x0=[1.0, -1.0])
    assert result.converged and result.eigenvalue == pytest.approx(1.0)


def test_power_iteration_zero_matrix():
    result = power_iteration(np.zeros((3, 3)))
    assert result.converged and result.eigenvalue == 0.0 and result.n_iter == 0


@pytest.mark.parametrize(
    "A",
    [
        [[0.0, 1.0], [1.0, 0.0]],  # λ = ±1
        [[0.0, -1.0], [1.0, 0.0]],  # rotation by 90°: λ = ±i
        [[np.cos(1.0), -np.sin(1.0)], [np.sin(1.0), np.cos(1.0)]],  # rotation by 1 rad
        np.diag([2.0, -2.0, 1.0]),
    ],
)
def test_power_iteration_reports_non_convergence(A):
    with pytest.raises(PowerIterationError, match="did not converge in 200 iterations") as info:
        power_iteration(A, max_iter=200)
    result = info.value.result
    assert not result.converged
    assert result.n_iter == 200
    assert result.residual_history.shape == (201,)
    assert result.residual_history[-1] > result.tolerance
    assert "largest modulus" in str(info.value)
    quiet = power_iteration(A, max_iter=200, raise_on_failure=False)
    assert not quiet.converged
    assert quiet.message == result.message


def test_power_iteration_slow_gap_reports_too():
    A = with_spectrum([1.0, 0.999, 0.5], seed=4)
    with pytest.raises(PowerIterationError, match="close to 1"):
        power_iteration(A, max_iter=50)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"A": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}, ValueError, r"A must be square"),
        ({"A": [1.0, 2.0]}, ValueError, r"A must be a 2-D matrix"),
        ({"A": [[1.0, np.nan], [0.0, 1.0]]}, ValueError, r"A contains NaN or infinity"),
        ({"A": [[1.0, np.inf], [0.0, 1.0]]}, ValueError, r"A contains NaN or infinity"),
        ({"A": [[1j, 0], [0, 1]]}, TypeError, r"A must be real"),
        ({"A": "abc"}, TypeError, r"A must be an array of numbers"),
        ({"A": np.eye(2), "x0": [1.0, 2.0, 3.0]}, ValueError, r"x0 must have length 2"),
        ({"A": np.eye(2), "x0": [0.0, 0.0]}, ValueError, r"x0 must be a nonzero vector"),
        ({"A": np.eye(2), "x0": [np.nan, 1.0]}, ValueError, r"x0 contains NaN"),
        ({"A": np.eye(2), "tol": 0.0}, ValueError, r"tol must be a positive finite"),
        ({"A": np.eye(2), "tol": np.nan}, ValueError, r"tol must be a positive finite"),
        ({"A": np.eye(2), "tol": "small"}, TypeError, r"tol must be a positive number"),
        ({"A": np.eye(2), "max_iter": 0}, ValueError, r"max_iter must be at least 1"),
        ({"A": np.eye(2), "max_iter": 2.5}, TypeError, r"max_iter must be an integer"),
    ],
)
def test_power_iteration_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        power_iteration(**kwargs)


@settings(max_examples=50, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(2, 6),
    top=st.floats(0.5, 10.0),
    sign=st.sampled_from([-1.0, 1.0]),
    ratio=st.floats(0.0, 0.8),
)
def test_power_iteration_finds_the_dominant_eigenpair(seed, n, top, sign, ratio):
    rng = np.random.default_rng(seed)
    rest = top * ratio * rng.uniform(-1.0, 1.0, n - 1)
    lam = np.concatenate([[sign * top], rest])
    A = with_spectrum(lam, seed)
    result = power_iteration(A, tol=1e-12, max_iter=2000, seed=seed)
    assert result.converged
    assert result.eigenvalue == pytest.approx(sign * top, abs=1e-9 * top)
    assert abs(np.linalg.norm(result.eigenvector) - 1.0) < 1e-12


# --------------------------------------------------------------------------- Householder


@pytest.mark.parametrize(
    "x",
    [[3.0, 4.0], [1.0, 0.0, 0.0], [-1.0, 0.0], [-2.0, 1.0, 2.0], [1.0, 1e-12], [5.0], [-5.0]],
)
def test_householder_maps_x_to_its_norm_times_e1(x):
    x = np.asarray(x)
    H = householder_reflector_to_e1(x)
    e1 = np.zeros(x.size)
    e1[0] = 1.0
    np.testing.assert_allclose(H @ x, np.linalg.norm(x) * e1, atol=1e-15 * np.linalg.norm(x))
    np.testing.assert_allclose(H, H.T, atol=0)
    np.testing.assert_allclose(H @ H, np.eye(x.size), atol=1e-15)


def test_householder_is_accurate_near_e1():
    x = np.array([1.0, 1e-9, -2e-9])
    H = householder_reflector_to_e1(x)
    y = H @ x
    assert abs(y[1]) < 1e-24 and abs(y[2]) < 1e-24  # no cancellation: tiny entries stay tiny


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(-1e3, 1e3)))
def test_householder_property(x):
    if np.linalg.norm(x) < 1e-100:
        return
    H = householder_reflector_to_e1(x)
    alpha = np.linalg.norm(x)
    assert np.linalg.norm(H.T @ H - np.eye(x.size)) < 1e-13
    assert abs((H @ x)[0] - alpha) < 1e-12 * alpha
    assert np.linalg.norm((H @ x)[1:]) < 1e-12 * alpha
    Q = orthogonal_with_first_column(x)
    np.testing.assert_allclose(Q[:, 0], x / alpha, atol=1e-13)


def test_orthogonal_with_first_column_first_column():
    q = np.array([1.0, 2.0, 2.0]) / 3.0
    Q = orthogonal_with_first_column(q)
    np.testing.assert_allclose(Q[:, 0], q, atol=1e-15)
    np.testing.assert_allclose(Q.T @ Q, np.eye(3), atol=1e-15)


@pytest.mark.parametrize(
    ("func", "x", "error", "match"),
    [
        (householder_reflector_to_e1, [0.0, 0.0], ValueError, r"x must be nonzero"),
        (householder_reflector_to_e1, [], ValueError, r"x must not be empty"),
        (householder_reflector_to_e1, [[1.0, 0.0]], ValueError, r"x must be a 1-D vector"),
        (householder_reflector_to_e1, [np.inf, 0.0], ValueError, r"x contains NaN or infinity"),
        (orthogonal_with_first_column, [0.0, 0.0, 0.0], ValueError, r"q must be a nonzero"),
        (orthogonal_with_first_column, np.eye(2), ValueError, r"q must be a 1-D vector"),
        (orthogonal_with_first_column, None, TypeError, r"q must be an array of numbers"),
    ],
)
def test_householder_rejects_bad_input(func, x, error, match):
    with pytest.raises(error, match=match):
        func(x)


# --------------------------------------------------------------------------- one eigenpair


@pytest.mark.parametrize(
    "spectrum",
    [[1.0, -1.0], [1.0, -1.0, 1.0, -1.0], [2.0, 2.0, 2.0], [3.0, 0.0, -3.0], [1.0, 1.0 - 1e-4]],
)
def test_symmetric_eigenpair_handles_ties_and_small_gaps(spectrum):
    A = with_spectrum(spectrum, seed=2)
    pair = symmetric_eigenpair(A)
    q = pair.eigenvector
    assert abs(np.linalg.norm(q) - 1.0) < 1e-14
    assert pair.residual == pytest.approx(np.linalg.norm(A @ q - pair.eigenvalue * q))
    assert pair.residual <= 1e-12 * np.linalg.norm(A)
    assert np.min(np.abs(np.array(spectrum) - pair.eigenvalue)) < 1e-11


def test_symmetric_eigenpair_uses_rqi_only_when_power_iteration_is_slow():
    fast = symmetric_eigenpair(with_spectrum([10.0, 1.0, 0.5], seed=1))
    assert fast.method == "power iteration" and fast.rqi_iterations == 0
    slow = symmetric_eigenpair(with_spectrum([1.0, 0.9999, 0.5], seed=1))
    assert slow.method == "power iteration + Rayleigh quotient iteration"
    assert 1 <= slow.rqi_iterations <= 10


def test_symmetric_eigenpair_small_cases():
    pair = symmetric_eigenpair([[7.0]])
    assert pair.eigenvalue == 7.0 and pair.eigenvector.tolist() == [1.0]
    zero = symmetric_eigenpair(np.zeros((3, 3)))
    assert zero.eigenvalue == 0.0 and zero.residual == 0.0


@pytest.mark.parametrize(
    ("A", "kwargs", "error", "match"),
    [
        ([[1.0, 2.0], [0.0, 1.0]], {}, ValueError, r"A must be symmetric"),
        ([[1.0, 2.0, 3.0]], {}, ValueError, r"A must be square"),
        ([[np.nan]], {}, ValueError, r"A contains NaN"),
        (np.eye(2), {"tol": -1.0}, ValueError, r"tol must be a positive finite"),
        (np.eye(2), {"max_power_iter": 0}, ValueError, r"max_power_iter must be at least 1"),
        (np.eye(2), {"max_rqi_iter": -1}, ValueError, r"max_rqi_iter must be at least 0"),
    ],
)
def test_symmetric_eigenpair_rejects_bad_input(A, kwargs, error, match):
    with pytest.raises(error, match=match):
        symmetric_eigenpair(A, **kwargs)


def test_symmetric_eigenpair_reports_failure_instead_of_garbage():
    A = with_spectrum([1.0, 0.9999, 0.5], seed=1)
    with pytest.raises(PowerIterationError, match="no eigenpair to tolerance"):
        symmetric_eigenpair(A, max_power_iter=5, max_rqi_iter=0)


# --------------------------------------------------------------------------- deflation


def test_deflation_step_block_form():
    A = random_symmetric(5, 7)
    step = deflation_step(A)
    assert isinstance(step, DeflationStep)
    scale = np.linalg.norm(A)
    assert step.T[0, 0] == pytest.approx(step.eigenvalue, abs=1e-12 * scale)
    assert step.off_block < 1e-11 * scale
    assert np.linalg.norm(step.T[0, 1:]) < 1e-11 * scale
    np.testing.assert_array_equal(step.B, step.B.T)
    np.testing.assert_allclose(step.Q1[:, 0], step.eigenvector, atol=0)
    np.testing.assert_allclose(step.Q1.T @ step.Q1, np.eye(5), atol=1e-14)
    # the eigenvalues of A are λ together with those of B
    together = np.sort(np.concatenate([[step.eigenvalue], np.linalg.eigvalsh(step.B)]))
    np.testing.assert_allclose(together, np.linalg.eigvalsh(A), atol=1e-11 * scale)


def test_deflation_step_needs_two_by_two():
    with pytest.raises(ValueError, match=r"A must be at least 2×2 to deflate"):
        deflation_step([[1.0]])


# ------------------------------------------------------------------ spectral decomposition


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 21])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_spectral_decomposition_matches_eigh(n, seed):
    A = random_symmetric(n, seed)
    lam, Q = spectral_decomposition(A)
    assert_eigendecomposition(A, lam, Q)


@pytest.mark.parametrize(
    "spectrum",
    [
        [1.0, 1.0, 1.0, 2.0],
        [1.0, -1.0, 1.0, -1.0],
        [5.0, 5.0, -5.0, -5.0, 0.0],
        [2.0, 2.0, 2.0, 2.0],
        [0.0, 0.0, 1.0],
        [-3.0, 3.0, 1e-9, 0.0],
        [1.0, 1.0 + 1e-6, 1.0 - 1e-6, 4.0],
    ],
)
def test_spectral_decomposition_repeated_and_tied_eigenvalues(spectrum):
    A = with_spectrum(spectrum, seed=1)
    lam, Q = spectral_decomposition(A)
    np.testing.assert_allclose(lam, np.sort(spectrum), atol=1e-12 * max(np.linalg.norm(A), 1))
    assert_eigendecomposition(A, lam, Q)


def test_spectral_decomposition_course_example_and_sign_convention():
    lam, Q = spectral_decomposition([[3, 1], [1, 3]])
    np.testing.assert_allclose(lam, [2.0, 4.0], atol=1e-13)
    s = 2**-0.5
    np.testing.assert_allclose(Q, [[s, s], [-s, s]], atol=1e-12)


def test_spectral_decomposition_is_deterministic():
    A = random_symmetric(7, 11)
    lam1, Q1 = spectral_decomposition(A)
    lam2, Q2 = spectral_decomposition(A)
    np.testing.assert_array_equal(lam1, lam2)
    np.testing.assert_array_equal(Q1, Q2)


def test_spectral_decomposition_zero_and_diagonal():
    lam, Q = spectral_decomposition(np.zeros((3, 3)))
    np.testing.assert_array_equal(lam, np.zeros(3))
    np.testing.assert_allclose(Q.T @ Q, np.eye(3), atol=1e-15)
    lam, Q = spectral_decomposition(np.diag([3.0, -1.0, 2.0]))
    np.testing.assert_allclose(lam, [-1.0, 2.0, 3.0], atol=1e-13)
    np.testing.assert_allclose(np.abs(Q), np.eye(3)[:, [1, 2, 0]], atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(1, 6), st.just(6)), elements=st.integers(-4, 4)))
def test_spectral_decomposition_property_on_small_integer_matrices(G):
    n = G.shape[0]
    G = G[:, :n].astype(float)
    A = G + G.T  # symmetric; small integers give many repeated eigenvalues
    lam, Q = spectral_decomposition(A)
    assert_eigendecomposition(A, lam, Q)


@pytest.mark.parametrize(
    ("A", "kwargs", "error", "match"),
    [
        ([[1.0, 2.0], [3.0, 4.0]], {}, ValueError, r"A must be symmetric"),
        ([[1.0, 2.0, 3.0], [2.0, 1.0, 0.0]], {}, ValueError, r"A must be square"),
        ([[1.0, np.inf], [np.inf, 1.0]], {}, ValueError, r"A contains NaN or infinity"),
        (np.zeros((0, 0)), {}, ValueError, r"A must not be empty"),
        ([["a", "b"], ["b", "a"]], {}, TypeError, r"A must be an array of real numbers"),
        (np.eye(2), {"seed": 1.5}, TypeError, r"seed must be an integer"),
        (np.eye(2), {"tol": 0}, ValueError, r"tol must be a positive finite"),
    ],
)
def test_spectral_decomposition_rejects_bad_input(A, kwargs, error, match):
    with pytest.raises(error, match=match):
        spectral_decomposition(A, **kwargs)


# --------------------------------------------------------------------------- issue 20


@pytest.mark.parametrize("scale", [1e200, 1e-170, 1.0])
def test_power_iteration_at_any_scale(scale):
    # Unscaled, ‖A‖ overflowed for 1e200 entries: "converged after 0 iterations", λ wrong.
    A = scale * np.array([[2.0, 1.0], [1.0, 2.0]])
    result = power_iteration(A)
    assert result.converged and result.n_iter > 0
    assert result.eigenvalue == pytest.approx(3.0 * scale, rel=1e-9)
    assert np.allclose(result.eigenvector, [1 / np.sqrt(2), 1 / np.sqrt(2)])
    assert np.all(np.isfinite(result.residual_history))
    assert result.tolerance == pytest.approx(1e-10 * np.linalg.norm([[2, 1], [1, 2]]) * scale)


def test_power_iteration_flags_and_seeds_are_checked():
    with pytest.raises(TypeError, match="raise_on_failure must be True or False"):
        power_iteration([[2.0, 1.0], [1.0, 2.0]], raise_on_failure="no")
    with pytest.raises(TypeError, match="seed must be"):
        power_iteration([[2.0, 1.0], [1.0, 2.0]], seed=1.5)
    with pytest.raises(ValueError, match="seed must be a nonnegative integer"):
        power_iteration([[2.0, 1.0], [1.0, 2.0]], seed=-3)


@pytest.mark.parametrize("scale", [1e200, 1e-170])
def test_householder_reflector_at_any_scale(scale):
    x = scale * np.array([3.0, 4.0])
    H = householder_reflector_to_e1(x)
    assert np.all(np.isfinite(H))
    assert np.allclose(H, householder_reflector_to_e1([3.0, 4.0]), atol=1e-15)
    assert np.allclose(H @ (x / scale), [5.0, 0.0])


@pytest.mark.parametrize("scale", [1e200, 1e-170])
def test_spectral_decomposition_and_eigenpair_at_any_scale(scale):
    A = np.array([[3.0, 1.0], [1.0, 3.0]])
    lam, _ = spectral_decomposition(scale * A)
    assert np.allclose(lam / scale, [2.0, 4.0])
    pair = symmetric_eigenpair(scale * A)
    assert pair.eigenvalue / scale == pytest.approx(
        4.0
    ) or pair.eigenvalue / scale == pytest.approx(2.0)
    step = deflation_step(scale * A)
    assert np.isfinite(step.off_block) and step.off_block <= 1e-12 * scale


@pytest.mark.parametrize(
    ("M", "name"),
    [
        ([[2.0, 0.0], [0.0, 1.0]], "positive definite"),
        ([[1.0, 1.0], [1.0, 1.0]], "positive semidefinite"),
        ([[-2.0, 0.0], [0.0, -1.0]], "negative definite"),
        ([[-1.0, -1.0], [-1.0, -1.0]], "negative semidefinite"),
        ([[0.0, 1.0], [1.0, 0.0]], "indefinite"),
        ([[0.0, 0.0], [0.0, 0.0]], "positive semidefinite"),
    ],
)
@pytest.mark.parametrize("scale", [1.0, 1e200, 1e-170])
def test_definiteness_classes_at_any_scale(M, name, scale):
    from helpers.decompositions import definiteness

    assert definiteness(scale * np.array(M)) == name


def test_definiteness_guards():
    from helpers.decompositions import definiteness

    with pytest.raises(ValueError, match="A must be symmetric"):
        definiteness([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="rtol must satisfy"):
        definiteness(np.eye(2), rtol=-1.0)
    with pytest.raises(TypeError, match="rtol must be a real number"):
        definiteness(np.eye(2), rtol="0")
    # the tolerance is relative: −1e-200 next to −2 is round-off
    assert definiteness([[-2.0, 0.0], [0.0, -1e-200]]) == "negative semidefinite"
    assert definiteness([[-2.0, 0.0], [0.0, -1e-200]], rtol=0.0) == "negative definite"
