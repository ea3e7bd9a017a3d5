"""Exercises of notebook 07 · LU and Cholesky."""

import numpy as np

from ..registry import Exercise


def _u_factor():
    from ...decompositions.lu import lu_partial_pivot

    return lu_partial_pivot(np.array([[4.0, 3.0], [6.0, 3.0]]))[2]


def _wilkinson_last_column():
    from ...decompositions.lu import lu_partial_pivot, max_growth_matrix

    return lu_partial_pivot(max_growth_matrix(6))[2][:, -1]


def _gp_log_likelihood():
    import scipy.stats

    x, y = np.array([0.0, 0.5, 1.0]), np.array([1.0, 0.0, -1.0])
    K = np.exp(-((x[:, None] - x[None, :]) ** 2) / (2 * 0.5**2)) + 0.1 * np.eye(3)
    return scipy.stats.multivariate_normal(np.zeros(3), K).logpdf(y)


def _best_length_scale():
    """The data of notebook 07, section 8, rebuilt from its seed."""
    from ...gaussian_process import gp_log_marginal_likelihood, rbf_kernel

    rng = np.random.default_rng(2007)
    x = np.sort(rng.uniform(0, 1, 25))
    y = np.sin(2 * np.pi * x) + 0.1 * rng.standard_normal(25)
    scales = (0.03, 0.3, 3.0)
    logml = [gp_log_marginal_likelihood(rbf_kernel(x, length_scale=s), y, 0.01) for s in scales]
    return scales[int(np.argmax(logml))]


def _schur_diagonal():
    """The diagonal of the Schur complement after one step on section 6's SPD matrix."""
    A = np.array([[4.0, 2.0, 1.0], [2.0, 3.0, 1.0], [1.0, 1.0, 2.0]])
    return np.diag(A[1:, 1:] - np.outer(A[1:, 0], A[0, 1:]) / A[0, 0])


EXERCISES = (
    Exercise(
        "07.1",
        expected=_u_factor,
        hints=(
            "Partial pivoting takes the entry of largest modulus in the column as the pivot.",
            "The pivot is 6 (row 2); the multiplier is 4/6.",
        ),
    ),
    Exercise(
        "07.2",
        expected=lambda: np.linalg.det(
            np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 1.0, 0.0]])
        ),
        hints=(
            "det A = det(P)·Π uᵢᵢ, with det(P) = ±1 by the number of swaps.",
            "P is a 3-cycle (two swaps, sign +1); the pivots are 2, 2, 3/4.",
        ),
    ),
    Exercise(
        "07.3",
        expected=lambda: np.linalg.cholesky(np.array([[4.0, 2.0], [2.0, 5.0]])) @ [1.0, -1.0],
        hints=(
            "x = Lz with Σ = LLᵀ: find L first.",
            "ℓ11 = 2, ℓ21 = 2/2, ℓ22 = √(5 − 1).",
        ),
    ),
    Exercise(
        "07.4",
        expected=[2, -5.0],
        hints=(
            "Run Cholesky step by step until a diagonal entry would need "
            "the square root of a number ≤ 0.",
            "ℓ11 = 1, ℓ21 = 2, ℓ22 = 1, ℓ31 = 0, ℓ32 = 3; then 4 − 0² − 3².",
        ),
    ),
    Exercise(
        "07.5",
        expected=_wilkinson_last_column,
        hints=(
            "Run the first two steps on W_4 by hand: what happens to the last column?",
            "Each step adds the pivot row to every row below it (multiplier −1), "
            "so the last entries of those rows double.",
        ),
        kind="proof",
    ),
    Exercise(
        "07.6",
        expected=_gp_log_likelihood,
        hints=(
            "log p(y) = −½ yᵀα − Σ log ℓ_jj − (n/2) log 2π with K_y = K + σ²I = LLᵀ "
            "and α = K_y⁻¹y.",
            "L = np.linalg.cholesky(K + 0.1 * np.eye(3)); "
            "alpha = scipy.linalg.cho_solve((L, True), y); n = 3.",
        ),
    ),
    Exercise(
        "07.7",
        expected=_best_length_scale,
        hints=(
            "The log marginal likelihood trades data fit (−½ yᵀα) against complexity "
            "(−½ log det K_y).",
            "A sine of period 1 has bumps of width about 0.25 to 0.5.",
        ),
        kind="predict",
    ),
    Exercise(
        "07.8",
        expected=_schur_diagonal,
        hints=(
            "After one step the active block is the Schur complement S = B − wwᵀ/a₁₁, "
            "which section 6 shows is symmetric positive definite; compare s_ii with a_ii.",
            "In a positive definite M every 2×2 principal minor is positive: "
            "m_ij² < m_ii m_jj. So the largest entry of M is on its diagonal.",
        ),
        kind="proof",
    ),
)
