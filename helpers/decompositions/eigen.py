"""Eigenpairs: power iteration and the spectral decomposition by deflation (notebooks 01, 02).

Two algorithms, written to be read next to the mathematics they implement:

- :func:`power_iteration` (notebook 01) multiplies a vector by ``A`` again and
  again; it returns the dominant eigenpair *and* the history of its estimates,
  so the convergence rate ``|λ₂/λ₁|`` can be plotted.
- :func:`spectral_decomposition` (notebook 02) is the induction proof of the
  spectral theorem turned into code: find one eigenpair
  (:func:`symmetric_eigenpair`), extend the unit eigenvector to an orthonormal
  basis with a Householder reflector (:func:`orthogonal_with_first_column`),
  read off the block form ``QᵀAQ = [[λ, 0], [0, B]]`` (:func:`deflation_step`)
  and recurse on ``B``.

They are teaching code: clear, validated and tested against LAPACK, but slower
than ``numpy.linalg.eigh`` (the recursion costs O(n⁴) flops).

**How failure is reported.** An iteration that does not reach its tolerance
never returns its last iterate as if it were an answer: by default it raises
:class:`PowerIterationError`, whose ``result`` attribute holds the full history.
``power_iteration(..., raise_on_failure=False)`` returns that result instead,
with ``converged=False`` and a ``message`` saying why; it never warns.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np

from ..validation import as_flag, as_generator, as_matrix, as_rank, as_vector, scale_factor

__all__ = [
    "PowerIterationError",
    "PowerIterationResult",
    "power_iteration",
    "SymmetricEigenpair",
    "symmetric_eigenpair",
    "householder_reflector_to_e1",
    "orthogonal_with_first_column",
    "DeflationStep",
    "deflation_step",
    "spectral_decomposition",
    "definiteness",
]


# --------------------------------------------------------------------------- power iteration


@dataclass(frozen=True)
class PowerIterationResult:
    """What :func:`power_iteration` found, and how it got there.

    Attributes
    ----------
    eigenvalue : float
        The last Rayleigh quotient ``λₖ = xₖᵀ A xₖ`` (``xₖ`` has unit length).
    eigenvector : numpy.ndarray
        The last iterate ``xₖ``, a unit vector whose largest-magnitude entry
        is positive (so the sign is reproducible).
    converged : bool
        Whether the residual met the tolerance: ``‖A xₖ − λₖ xₖ‖₂ ≤ tol·‖A‖_F``.
    n_iter : int
        ``k``, the number of times the vector was multiplied by ``A`` and
        normalised (``xₖ ∝ Aᵏ x₀``); 0 when ``x₀`` already was an eigenvector.
    eigenvalue_history : numpy.ndarray
        ``λ₀, λ₁, …, λₖ``: the Rayleigh quotient of every iterate (length ``n_iter + 1``).
    residual_history : numpy.ndarray
        ``‖A xⱼ − λⱼ xⱼ‖₂`` for every iterate (length ``n_iter + 1``).
    tolerance : float
        The absolute threshold used, ``tol·‖A‖_F``.
    message : str
        One sentence on the outcome; when ``converged`` is False it says why
        power iteration can fail and what to try.
    """

    eigenvalue: float
    eigenvector: np.ndarray
    converged: bool
    n_iter: int
    eigenvalue_history: np.ndarray = field(repr=False)
    residual_history: np.ndarray = field(repr=False)
    tolerance: float
    message: str


class PowerIterationError(RuntimeError):
    """Power iteration did not converge; ``.result`` holds the history.

    Attributes
    ----------
    result : PowerIterationResult
        The unconverged result, with ``converged=False``.
    """

    def __init__(self, result: PowerIterationResult):
        super().__init__(result.message)
        self.result = result


def _positive_float(value, name: str) -> float:
    """Validate a positive finite real number (a tolerance)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a positive number, got {value!r} ({type(value).__name__})"
        )
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return value


def _fix_sign(x: np.ndarray) -> np.ndarray:
    """Return ``±x`` with its largest-magnitude entry positive (a reproducible sign).

    Entries within a relative 1e-8 of the largest magnitude count as tied, and
    the first of them decides, so round-off cannot flip the choice.
    """
    mags = np.abs(x)
    lead = np.flatnonzero(mags >= (1.0 - 1e-8) * mags.max())[0]
    return -x if x[lead] < 0 else x


def power_iteration(
    A,
    x0=None,
    *,
    tol: float = 1e-10,
    max_iter: int = 1000,
    seed: int | np.random.Generator = 0,
    raise_on_failure: bool = True,
) -> PowerIterationResult:
    """Find the dominant eigenpair of ``A`` by power iteration, keeping the history.

    Starting from a unit vector ``x₀``, repeat ``xₖ₊₁ = A xₖ / ‖A xₖ‖`` and
    estimate the eigenvalue by the **Rayleigh quotient** ``λₖ = xₖᵀ A xₖ``.
    Stop when the residual ``‖A xₖ − λₖ xₖ‖₂`` is at most ``tol·‖A‖_F``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real square matrix with finite entries.
    x0 : array_like, shape (n,), optional
        Starting vector (nonzero). By default a random Gaussian vector drawn
        with ``seed``.
    tol : float, optional
        Relative tolerance on the residual, measured against ``‖A‖_F``.
    max_iter : int, optional
        Most multiplications by ``A`` (at least 1).
    seed : int or numpy.random.Generator, optional
        Seed for the random ``x0``; ignored when ``x0`` is given.
    raise_on_failure : bool, optional
        If True (default), raise :class:`PowerIterationError` when the
        tolerance is not met within ``max_iter`` steps. If False, return the
        result with ``converged=False`` and an explanatory ``message``.

    Returns
    -------
    PowerIterationResult
        The eigenpair, the ``converged`` flag, ``n_iter`` and the histories of
        eigenvalue estimates and residuals.

    Raises
    ------
    TypeError
        If ``A`` or ``x0`` are not arrays of real numbers, or ``tol``,
        ``max_iter`` have the wrong type.
    ValueError
        If ``A`` is not square, is empty or holds NaN/infinity; if ``x0`` has
        the wrong length, is zero or not finite; if ``tol`` or ``max_iter`` are
        out of range.
    PowerIterationError
        If the iteration does not converge and ``raise_on_failure`` is True.

    Notes
    -----
    Write ``x₀ = Σ cᵢ vᵢ`` in eigenvectors with ``|λ₁| > |λ₂| ≥ …``. Then
    ``Aᵏ x₀ = λ₁ᵏ (c₁ v₁ + Σᵢ₍ᵢ₌₂₎ cᵢ (λᵢ/λ₁)ᵏ vᵢ)``, so the direction of ``xₖ``
    approaches ``v₁`` with error ``O(|λ₂/λ₁|ᵏ)``, and so does the residual. For
    a symmetric ``A`` the Rayleigh quotient is accurate to the square of that,
    ``O(|λ₂/λ₁|²ᵏ)`` (Trefethen & Bau, Lecture 27).

    What the method assumes, and what happens otherwise:

    - one eigenvalue is strictly largest in modulus. When two share the largest
      modulus with different values (``λ = ±1``, or a complex pair such as a
      rotation's) the direction never settles, the residual stays large and
      the result is reported as not converged;
    - ``x₀`` has a component along ``v₁`` (``c₁ ≠ 0``). A random ``x₀`` has one
      with probability 1. If ``c₁ = 0`` exactly, the iteration may converge to
      a genuine eigenpair that is *not* the dominant one: ``converged`` means
      "an eigenpair to within the tolerance", which is all a residual can certify.
    - A negative dominant eigenvalue is fine: ``xₖ`` flips sign every step, but
      the residual does not depend on the sign.

    Examples
    --------
    >>> result = power_iteration([[2.0, 1.0], [1.0, 2.0]])
    >>> round(result.eigenvalue, 10), result.converged
    (3.0, True)
    >>> result.eigenvector.round(6)
    array([0.707107, 0.707107])
    >>> power_iteration([[0.0, 1.0], [1.0, 0.0]], raise_on_failure=False).converged
    False
    """
    A = as_matrix(A, "A", square=True)
    n = A.shape[0]
    tol = _positive_float(tol, "tol")
    max_iter = as_rank(max_iter, "max_iter")
    rng = as_generator(seed, "seed")
    raise_on_failure = as_flag(raise_on_failure, "raise_on_failure")
    if x0 is None:
        x = rng.standard_normal(n)
    else:
        x = as_vector(x0, "x0", size=n).astype(float, copy=True)
    x = x / scale_factor(x)  # exact (a power of two): ‖x‖ cannot overflow or underflow
    norm_x = np.linalg.norm(x)
    if norm_x == 0.0:
        raise ValueError("x0 must be a nonzero vector: power iteration cannot start from 0")
    x = x / norm_x
    # Iterate with A/c, c a power of two near max|aᵢⱼ|: for entries near 1e200 the
    # norms (and the tolerance tol·‖A‖_F) overflow otherwise, near 1e-170 they underflow.
    # Eigenvectors of A/c are those of A; eigenvalues and residuals scale by c, exactly.
    c = scale_factor(A)
    A = A / c
    threshold = tol * np.linalg.norm(A)

    eigenvalues: list[float] = []
    residuals: list[float] = []
    converged = False
    k = 0
    while True:
        y = A @ x  # the one multiplication by A per step
        lam = float(x @ y)  # Rayleigh quotient (x has unit length)
        res = float(np.linalg.norm(y - lam * x))
        eigenvalues.append(lam)
        residuals.append(res)
        if res <= threshold:
            converged = True
            break
        if k == max_iter:
            break
        x = y / np.linalg.norm(y)  # y ≠ 0 here: y = 0 would give res = 0 above
        k += 1

    if converged:
        message = (
            f"converged after {k} iterations: ‖Ax − λx‖ = {residuals[-1] * c:.2e} "
            f"≤ tol·‖A‖_F = {threshold * c:.2e}"
        )
    else:
        message = (
            f"power iteration did not converge in {max_iter} iterations: the residual "
            f"‖Ax − λx‖ = {residuals[-1] * c:.2e} is above tol·‖A‖_F = {threshold * c:.2e}. "
            "Power iteration needs one eigenvalue strictly largest in modulus: it "
            "stalls when two eigenvalues share the largest modulus (such as λ = ±1, or "
            "the complex pair of a rotation), and it is slow when |λ₂/λ₁| is close to 1. "
            "Try more iterations, a shift A − σI, or numpy.linalg.eig."
        )
    result = PowerIterationResult(
        eigenvalue=eigenvalues[-1] * c,
        eigenvector=_fix_sign(x),
        converged=converged,
        n_iter=k,
        eigenvalue_history=np.array(eigenvalues) * c,
        residual_history=np.array(residuals) * c,
        tolerance=float(threshold * c),
        message=message,
    )
    if not converged and raise_on_failure:
        raise PowerIterationError(result)
    return result


# --------------------------------------------------------------------------- one eigenpair


@dataclass(frozen=True)
class SymmetricEigenpair:
    """One eigenpair of a symmetric matrix, found by :func:`symmetric_eigenpair`.

    Attributes
    ----------
    eigenvalue : float
        ``λ = qᵀ A q``.
    eigenvector : numpy.ndarray
        A real unit vector ``q`` (largest-magnitude entry positive).
    residual : float
        ``‖A q − λ q‖₂``.
    method : str
        ``"power iteration"`` or ``"power iteration + Rayleigh quotient iteration"``.
    power_iterations : int
        Steps of (shifted) power iteration used.
    rqi_iterations : int
        Steps of Rayleigh quotient iteration used (0 if none were needed).
    """

    eigenvalue: float
    eigenvector: np.ndarray
    residual: float
    method: str
    power_iterations: int
    rqi_iterations: int


def symmetric_eigenpair(
    A,
    *,
    tol: float = 1e-12,
    max_power_iter: int = 50,
    max_rqi_iter: int = 30,
    seed: int | np.random.Generator = 0,
) -> SymmetricEigenpair:
    """Find one real eigenpair of a symmetric matrix: step 1 of the induction proof.

    The proof of the spectral theorem needs *one* eigenpair ``(λ, q)`` with
    ``q`` real and ``‖q‖ = 1``; any one will do. This step gets it in two stages:

    1. **Shifted power iteration.** With the Gershgorin bound
       ``g = minᵢ (aᵢᵢ − Σ_{j≠i} |aᵢⱼ|) ≤ λ_min``, the matrix ``A − gI`` has
       eigenvalues ``λᵢ − g ≥ 0``. Its dominant one is ``λ_max − g``, so two
       eigenvalues can tie in modulus only if they are equal, and then every
       vector of their eigenspace is an eigenvector: the ``±λ`` stall of plain
       power iteration cannot happen.
    2. **Rayleigh quotient iteration**, only if stage 1 has not reached the
       tolerance after ``max_power_iter`` steps (a small gap ``λ₁ − λ₂`` makes
       power iteration slow): repeat ``μ = qᵀAq``, solve ``(A − μI) y = q``,
       ``q = y/‖y‖``. It converges cubically for symmetric matrices, to *some*
       eigenpair (Parlett, *The Symmetric Eigenvalue Problem*, ch. 4), which is
       all the proof needs.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real symmetric matrix with finite entries.
    tol : float, optional
        Stop when ``‖Aq − λq‖₂ ≤ tol·‖A‖_F``.
    max_power_iter, max_rqi_iter : int, optional
        Iteration budgets of the two stages.
    seed : int or numpy.random.Generator, optional
        Seed of the random starting vector.

    Returns
    -------
    SymmetricEigenpair

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite real symmetric square matrix, or the options
        are out of range.
    PowerIterationError
        If neither stage reaches the tolerance (not observed on symmetric
        matrices; reported rather than returning an inaccurate pair).

    Examples
    --------
    >>> pair = symmetric_eigenpair([[0.0, 1.0], [1.0, 0.0]])   # λ = ±1: a tie in modulus
    >>> round(pair.eigenvalue, 12), pair.eigenvector.round(6)
    (1.0, array([0.707107, 0.707107]))
    """
    A = as_matrix(A, "A", symmetric=True)
    tol = _positive_float(tol, "tol")
    max_power_iter = as_rank(max_power_iter, "max_power_iter")
    max_rqi_iter = as_rank(max_rqi_iter, "max_rqi_iter", low=0)
    rng = as_generator(seed, "seed")
    n = A.shape[0]
    if n == 1:
        return SymmetricEigenpair(float(A[0, 0]), np.ones(1), 0.0, "power iteration", 0, 0)
    c = scale_factor(A)  # work with A/c (exact), so no norm overflows; λ and residuals × c
    try:
        pair = _symmetric_eigenpair(A / c, tol, max_power_iter, max_rqi_iter, rng)
    except PowerIterationError as exc:
        r = exc.result
        raise PowerIterationError(
            PowerIterationResult(
                eigenvalue=r.eigenvalue * c,
                eigenvector=r.eigenvector,
                converged=False,
                n_iter=r.n_iter,
                eigenvalue_history=r.eigenvalue_history * c,
                residual_history=r.residual_history * c,
                tolerance=r.tolerance * c,
                message=r.message,
            )
        ) from None
    return SymmetricEigenpair(
        pair.eigenvalue * c,
        pair.eigenvector,
        pair.residual * c,
        pair.method,
        pair.power_iterations,
        pair.rqi_iterations,
    )


def _symmetric_eigenpair(A, tol, max_power_iter, max_rqi_iter, seed) -> SymmetricEigenpair:
    """The two stages of :func:`symmetric_eigenpair` on validated, scaled input."""
    n = A.shape[0]
    threshold = tol * np.linalg.norm(A)

    # Stage 1: power iteration on A − gI, whose eigenvalues are all ≥ 0.
    radii = np.sum(np.abs(A), axis=1) - np.abs(np.diag(A))
    g = float(np.min(np.diag(A) - radii))
    stage1 = power_iteration(
        A - g * np.eye(n), tol=tol, max_iter=max_power_iter, seed=seed, raise_on_failure=False
    )
    q = stage1.eigenvector
    lam = float(q @ A @ q)
    res = float(np.linalg.norm(A @ q - lam * q))
    if res <= threshold:
        return SymmetricEigenpair(lam, q, res, "power iteration", stage1.n_iter, 0)

    # Stage 2: Rayleigh quotient iteration from the power-iteration vector.
    scale = max(np.linalg.norm(A), np.finfo(float).tiny)
    for j in range(1, max_rqi_iter + 1):
        mu = lam
        for nudge in (0.0, 1e-14, 1e-12):  # exactly singular A − μI: μ is already exact
            try:
                y = np.linalg.solve(A - (mu + nudge * scale) * np.eye(n), q)
            except np.linalg.LinAlgError:
                continue
            if np.all(np.isfinite(y)) and np.linalg.norm(y) > 0:
                break
        else:  # pragma: no cover - three consecutive singular solves
            break
        q = _fix_sign(y / np.linalg.norm(y))
        lam = float(q @ A @ q)
        res = float(np.linalg.norm(A @ q - lam * q))
        if res <= threshold:
            return SymmetricEigenpair(
                lam, q, res, "power iteration + Rayleigh quotient iteration", stage1.n_iter, j
            )
    message = (
        f"no eigenpair to tolerance: residual {res:.2e} > {threshold:.2e} after "
        f"{stage1.n_iter} power and {max_rqi_iter} Rayleigh quotient iterations"
    )
    failed = PowerIterationResult(
        eigenvalue=lam,
        eigenvector=q,
        converged=False,
        n_iter=stage1.n_iter,
        eigenvalue_history=np.array([lam]),
        residual_history=np.array([res]),
        tolerance=float(threshold),
        message=message,
    )
    raise PowerIterationError(failed)


# --------------------------------------------------------------------------- Householder


def householder_reflector_to_e1(x) -> np.ndarray:
    """Return the Householder reflector ``H`` with ``H x = ‖x‖ e₁``.

    ``H = I − 2 v vᵀ / (vᵀv)`` with ``v = x − ‖x‖ e₁``: the mirror through the
    hyperplane orthogonal to ``v``, which swaps ``x`` and ``‖x‖e₁``. ``H`` is
    symmetric and orthogonal (``H = Hᵀ = H⁻¹``), so also ``H e₁ = x/‖x‖``.

    Parameters
    ----------
    x : array_like, shape (n,)
        A nonzero real vector.

    Returns
    -------
    numpy.ndarray, shape (n, n)
        ``H`` (the identity when ``x`` already is a positive multiple of ``e₁``).

    Raises
    ------
    TypeError, ValueError
        If ``x`` is not a finite real nonzero 1-D vector.

    Notes
    -----
    When ``x₁ > 0`` the first entry ``x₁ − ‖x‖`` would lose its digits to
    cancellation; it is computed as ``−(x₂² + … + xₙ²)/(x₁ + ‖x‖)`` instead
    (Parlett 1971; Golub & Van Loan, *Matrix Computations*, 4th ed., §5.1).

    Examples
    --------
    >>> H = householder_reflector_to_e1([3.0, 4.0])
    >>> (H @ [3.0, 4.0]).round(12) + 0.0
    array([5., 0.])
    >>> H.round(12)
    array([[ 0.6,  0.8],
           [ 0.8, -0.6]])
    """
    x = as_vector(x, "x")
    if x.size == 0:
        raise ValueError("x must not be empty")
    x = x / scale_factor(x)  # H is the same for every positive multiple of x; no overflow
    alpha = np.linalg.norm(x)
    if alpha == 0.0:
        raise ValueError("x must be nonzero: no reflector maps 0 to a unit multiple of e₁")
    v = x.astype(float, copy=True)
    if x[0] > 0:
        v[0] = -np.dot(x[1:], x[1:]) / (x[0] + alpha)  # = x₁ − ‖x‖ without cancellation
    else:
        v[0] = x[0] - alpha  # both terms ≤ 0: no cancellation
    vv = np.dot(v, v)
    H = np.eye(x.size)
    if vv == 0.0:  # x = ‖x‖ e₁ already
        return H
    return H - (2.0 / vv) * np.outer(v, v)


def orthogonal_with_first_column(q) -> np.ndarray:
    """Extend ``q`` to an orthonormal basis: an orthogonal ``Q`` with first column ``q/‖q‖``.

    Step 2 of the induction proof. The Householder reflector ``H`` that maps
    ``q`` to ``‖q‖e₁`` is symmetric and orthogonal, so its first column is
    ``H e₁ = Hᵀ e₁ = H⁻¹ e₁ = q/‖q‖``; its other ``n − 1`` columns are an
    orthonormal basis of the hyperplane ``q^⊥``. To extend several orthonormal
    columns at once, see :func:`helpers.decompositions.svd.complete_orthonormal_basis`.

    Parameters
    ----------
    q : array_like, shape (n,)
        A nonzero real vector (normally a unit eigenvector).

    Returns
    -------
    numpy.ndarray, shape (n, n)
        ``Q`` with ``QᵀQ = I`` and ``Q[:, 0] = q/‖q‖``.

    Raises
    ------
    TypeError, ValueError
        If ``q`` is not a finite real nonzero 1-D vector.

    Examples
    --------
    >>> Q = orthogonal_with_first_column([1.0, 1.0])
    >>> Q.round(6)
    array([[ 0.707107,  0.707107],
           [ 0.707107, -0.707107]])
    """
    q = as_vector(q, "q")
    if q.size == 0 or not np.any(q):
        raise ValueError(
            f"q must be a nonzero vector: only a nonzero q has a direction to extend, got {q!r}"
        )
    return householder_reflector_to_e1(q)


# --------------------------------------------------------------------------- deflation


@dataclass(frozen=True)
class DeflationStep:
    """One step of the induction: ``Q₁ᵀ A Q₁ = [[λ, 0], [0, B]]``.

    Attributes
    ----------
    eigenvalue : float
        ``λ``.
    eigenvector : numpy.ndarray
        The unit eigenvector ``q`` (first column of ``Q1``).
    Q1 : numpy.ndarray
        Orthogonal, first column ``q`` (a Householder reflector).
    T : numpy.ndarray
        ``Q1ᵀ A Q1`` as computed, round-off included.
    B : numpy.ndarray
        The trailing ``(n−1)×(n−1)`` block of ``T``, made exactly symmetric
        (``(B + Bᵀ)/2``; it is symmetric in exact arithmetic).
    off_block : float
        ``‖T[1:, 0]‖₂``: the column the proof shows is zero (here, round-off).
    pair : SymmetricEigenpair
        How the eigenpair was found.
    """

    eigenvalue: float
    eigenvector: np.ndarray
    Q1: np.ndarray
    T: np.ndarray
    B: np.ndarray
    off_block: float
    pair: SymmetricEigenpair = field(repr=False)


def deflation_step(A, *, tol: float = 1e-12, seed: int | np.random.Generator = 0) -> DeflationStep:
    """Do one step of the spectral theorem's induction on a symmetric ``A``.

    1. one eigenpair ``A q = λ q`` (:func:`symmetric_eigenpair`);
    2. ``Q₁`` orthogonal with first column ``q`` (:func:`orthogonal_with_first_column`);
    3. ``T = Q₁ᵀ A Q₁``: its first column is ``Q₁ᵀ A q = λ Q₁ᵀ q = λ e₁`` and
       ``T`` is symmetric, so ``T = [[λ, 0], [0, B]]`` with ``B`` symmetric.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real symmetric matrix, ``n ≥ 2``.
    tol : float, optional
        Residual tolerance of the eigenpair, relative to ``‖A‖_F``.
    seed : int or numpy.random.Generator, optional
        Seed of the eigenpair search.

    Returns
    -------
    DeflationStep

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite real symmetric matrix of size at least 2.

    Examples
    --------
    >>> step = deflation_step([[2.0, 1.0], [1.0, 2.0]])
    >>> step.T.round(12) + 0.0
    array([[3., 0.],
           [0., 1.]])
    """
    A = as_matrix(A, "A", symmetric=True)
    if A.shape[0] < 2:
        raise ValueError(f"A must be at least 2×2 to deflate, got shape {A.shape}")
    pair = symmetric_eigenpair(A, tol=tol, seed=seed)
    Q1 = orthogonal_with_first_column(pair.eigenvector)
    c = scale_factor(A)  # ‖T[1:, 0]‖ of A/c, then × c: no overflow for huge entries
    T = (Q1.T @ (A / c) @ Q1) * c
    B = T[1:, 1:]
    return DeflationStep(
        eigenvalue=pair.eigenvalue,
        eigenvector=Q1[:, 0].copy(),
        Q1=Q1,
        T=T,
        B=(B + B.T) / 2.0,
        off_block=float(np.linalg.norm(T[1:, 0] / c) * c),
        pair=pair,
    )


def spectral_decomposition(
    A, *, tol: float = 1e-12, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Orthogonally diagonalise a symmetric ``A = Q Λ Qᵀ`` by the induction proof.

    Exactly the recursion of the proof: one :func:`deflation_step` gives
    ``Q₁ᵀ A Q₁ = [[λ, 0], [0, B]]``; recursively ``B = Q₂ Λ' Q₂ᵀ``; then
    ``Q = Q₁ · diag(1, Q₂)`` is orthogonal and ``QᵀAQ = diag(λ, Λ')``. The base
    case is ``n = 1``: ``[a] = [1][a][1]``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real symmetric matrix with finite entries.
    tol : float, optional
        Residual tolerance of each eigenpair, relative to the Frobenius norm of
        the block it comes from.
    seed : int, optional
        Seed of the random starting vectors (the result is reproducible).

    Returns
    -------
    eigenvalues : numpy.ndarray, shape (n,)
        In **ascending** order, like ``numpy.linalg.eigh`` (the proof finds them
        in another order; they are sorted at the end).
    Q : numpy.ndarray, shape (n, n)
        Orthogonal; column ``i`` is a unit eigenvector for ``eigenvalues[i]``,
        signed so that its largest-magnitude entry (the first, among ties) is
        positive.

    Raises
    ------
    TypeError
        If ``A`` is not an array of real numbers.
    ValueError
        If ``A`` is not square, not symmetric (relative tolerance 1e-10), is
        empty or holds NaN or infinity.

    Notes
    -----
    Teaching code: each level costs O(n³) and there are n levels, so O(n⁴)
    in all, and the recursion is n deep. LAPACK's ``eigh`` reduces ``A`` to
    tridiagonal form first and costs O(n³) (Trefethen & Bau, Lectures 26–30).
    In floating point the off-diagonal block of ``Q₁ᵀAQ₁`` is round-off, not
    zero; dropping it changes ``A`` by that much (a small backward error).

    Examples
    --------
    >>> lam, Q = spectral_decomposition([[3.0, 1.0], [1.0, 3.0]])
    >>> lam.round(12)
    array([2., 4.])
    >>> Q.round(6)
    array([[ 0.707107,  0.707107],
           [-0.707107,  0.707107]])
    """
    A = as_matrix(A, "A", symmetric=True)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an integer, got {seed!r} ({type(seed).__name__})")
    rng = as_generator(seed, "seed", allow_none=False)
    tol = _positive_float(tol, "tol")
    c = scale_factor(A)  # recurse on A/c (exact); the eigenvalues scale back by c
    eigenvalues, Q = _deflate(A / c, tol, rng)
    order = np.argsort(eigenvalues, kind="stable")
    Q = np.column_stack([_fix_sign(Q[:, i]) for i in order])
    return eigenvalues[order] * c, Q


def _deflate(A: np.ndarray, tol: float, rng: np.random.Generator):
    """The recursion of the proof: return (eigenvalues in the order found, Q)."""
    n = A.shape[0]
    if n == 1:  # base case
        return np.array([A[0, 0]]), np.ones((1, 1))
    step = deflation_step(A, tol=tol, seed=rng)  # Q₁ᵀAQ₁ = [[λ, 0], [0, B]]
    lam_B, Q2 = _deflate(step.B, tol, rng)  # induction hypothesis: B = Q₂Λ'Q₂ᵀ
    Q3 = np.eye(n)
    Q3[1:, 1:] = Q2  # diag(1, Q₂)
    return np.concatenate([[step.eigenvalue], lam_B]), step.Q1 @ Q3


# --------------------------------------------------------------------------- definiteness

_DEFINITENESS = (
    "positive definite",
    "positive semidefinite",
    "negative definite",
    "negative semidefinite",
    "indefinite",
)


def definiteness(A, *, rtol: float | None = None) -> str:
    """Classify a symmetric matrix by the signs of its eigenvalues.

    With eigenvalues ``λ_min ≤ … ≤ λ_max`` and the threshold
    ``δ = rtol·max|λᵢ|``, an eigenvalue with ``|λ| ≤ δ`` counts as zero
    (round-off), and then

    - ``"positive definite"``: every ``λ > δ`` (``xᵀAx > 0`` for ``x ≠ 0``);
    - ``"positive semidefinite"``: every ``λ ≥ −δ`` and some ``|λ| ≤ δ``;
    - ``"negative definite"``: every ``λ < −δ``;
    - ``"negative semidefinite"``: every ``λ ≤ δ`` and some ``|λ| ≤ δ``;
    - ``"indefinite"``: some ``λ > δ`` and some ``λ < −δ``.

    The zero matrix is both positive and negative semidefinite; it is
    reported as ``"positive semidefinite"``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real symmetric matrix (relative tolerance 1e-10) with finite entries.
    rtol : float, optional
        Relative threshold, ``0 ≤ rtol < 1``. The default ``n·ε`` is the
        backward error of a symmetric eigensolver, ``O(n·ε·‖A‖₂)`` (Golub &
        Van Loan, *Matrix Computations*, 4th ed., §8.3), below which a computed
        eigenvalue cannot be told from 0. Being relative to ``max|λᵢ|``, the
        answer is the same for ``A`` and ``cA`` (``c > 0``), whatever the scale.

    Returns
    -------
    str
        One of the five names above.

    Raises
    ------
    TypeError
        If ``A`` is not an array of real numbers or ``rtol`` not a real number.
    ValueError
        If ``A`` is not square, not symmetric, empty or not finite, or ``rtol``
        is out of range.

    Examples
    --------
    >>> definiteness([[2.0, 1.0], [1.0, 2.0]])
    'positive definite'
    >>> definiteness([[1.0, 1.0], [1.0, 1.0]])
    'positive semidefinite'
    >>> definiteness([[-2e-200, 0.0], [0.0, -1e-200]])  # the scale does not matter
    'negative definite'
    >>> definiteness([[-2.0, 0.0], [0.0, -1e-200]])  # but −1e-200 is 0 next to −2
    'negative semidefinite'
    >>> definiteness([[0.0, 1.0], [1.0, 0.0]])
    'indefinite'
    """
    A = as_matrix(A, "A", symmetric=True)
    n = A.shape[0]
    if rtol is None:
        rtol = n * float(np.finfo(np.float64).eps)
    elif isinstance(rtol, bool) or not isinstance(rtol, numbers.Real):
        raise TypeError(
            f"rtol must be a real number or None, got {rtol!r} ({type(rtol).__name__})"
        )
    rtol = float(rtol)
    if not 0.0 <= rtol < 1.0:
        raise ValueError(f"rtol must satisfy 0 ≤ rtol < 1, got {rtol!r}")
    S = np.asarray(A, dtype=np.float64) / scale_factor(A)
    lam = np.linalg.eigvalsh((S + S.T) / 2.0)
    delta = rtol * float(np.max(np.abs(lam)))
    positive, negative = bool(np.any(lam > delta)), bool(np.any(lam < -delta))
    zero = bool(np.any(np.abs(lam) <= delta))
    if positive and negative:
        return "indefinite"
    if negative:
        return "negative semidefinite" if zero else "negative definite"
    if positive and not zero:
        return "positive definite"
    return "positive semidefinite"
