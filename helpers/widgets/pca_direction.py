"""The PCA direction explorer of notebook 09: turn a line through a 2-D point cloud.

A model plus a thin view, as every course widget:

- :class:`PCADirection` (the model the tests and the browser test read) holds a
  2-D point cloud and, for a direction ``u = (cos θ, sin θ)`` through a
  reference point ``p`` (the mean, or the origin when the centring is switched
  off), gives the variance of the projections ``(xᵢ − p)·u``, the residual
  variance (what is left perpendicular to the line), their sum and the
  direction where the first is largest;
- :class:`PCADirectionWidget` is the view, an anywidget whose ES module
  (``pca_direction.js`` beside this file) receives the points once and
  computes the same numbers in the browser from the synced ``theta`` and
  ``centred``, so it also works with no kernel (static site, decks);
- :func:`pca_cloud` draws the seeded cloud notebook 09 uses and
  :func:`pca_direction_widget` makes the widget.

With ``M = Σᵢ (xᵢ − p)(xᵢ − p)ᵀ / (n − 1)`` (the covariance ``C`` when ``p``
is the mean), the projected variance is ``uᵀMu``, the residual ``u⊥ᵀMu⊥`` and
their sum ``tr M`` for every θ. With ``p`` the mean, ``uᵀCu`` is largest, equal
to ``λ₁``, at the first principal direction. With ``p = 0`` (the mean
forgotten) ``M = C + n/(n − 1)·x̄x̄ᵀ`` and its best direction leans towards
the mean.

DOM contract (what ``tests/browser/widget_checks_new.py`` relies on)
--------------------------------------------------------------------
- ``.course-pca-direction``: the root; ``data-points`` the JSON of the points
  it received, ``data-paints`` counts redraws, ``data-update-ms`` the last
  redraw's duration.
- ``input.course-pca-theta`` (range, 0 to 179 degrees, step 1,
  ``aria-label`` ``"direction θ (degrees)"``) and ``input.course-pca-theta-text``
  (a typed angle, any real number of degrees, taken modulo 180;
  ``aria-invalid="true"`` on a bad entry).
- ``circle.course-pca-handle``: the end of the line in the picture, focusable
  (tabindex 0): ←/→ turn the line by 1° (Shift: 10°), and it can be dragged.
- ``button.course-pca-centre`` (``aria-pressed`` true when the data are
  centred) and ``button.course-pca-to-pc1`` (turns the line to the best
  direction for the current reference point).
- ``.course-pca-readout``: spans ``[data-field=theta|centred|variance|residual|
  total|fraction|best_theta|best_variance|pc1_theta|lambda1|lambda2]`` whose
  ``data-value`` is the full number (``centred``: ``true``/``false``), equal to
  :meth:`PCADirection.readout`'s to round-off.
- ``.course-pca-status`` (``role="status"``): ``data-kind`` ``ok``, ``info`` or
  ``error``; text :meth:`PCADirection.message` unless the typed angle is bad
  (then the picture keeps the last valid angle).
- ``svg.course-pca-plot`` (``data-theta``, ``data-centred``, ``data-view`` the
  JSON ``[cx, cy, L]``: the picture shows ``[cx − L, cx + L] × [cy − L, cy + L]``; points
  ``circle.course-pca-point``, residual segments ``line.course-pca-residual``)
  and ``svg.course-pca-curve`` (``polyline.course-pca-variance``,
  ``circle.course-pca-current`` with ``data-theta``).
"""

from __future__ import annotations

import math

import anywidget
import numpy as np
import traitlets

from ..validation import as_flag, as_matrix, as_rank, as_real, as_vector
from .common import StaticState, widget_esm

__all__ = ["PCADirection", "PCADirectionWidget", "pca_cloud", "pca_direction_widget"]


def _angle(theta: float) -> float:
    """``theta`` (degrees) as a line's angle in [0, 180)."""
    t = math.fmod(theta, 180.0)
    t = t + 180.0 if t < 0 else t
    return 0.0 if t >= 180.0 else t + 0.0


def _eig_angle(m11: float, m12: float, m22: float) -> tuple[float, float, float]:
    """``(λ₁, λ₂, φ₁)`` of ``[[m11, m12], [m12, m22]]``, φ₁ in degrees in [0, 180).

    The formulas of ``pcaEig`` in ``pca_direction.js``: ``m ± r`` with
    ``m = (m11 + m22)/2`` and ``r = hypot((m11 − m22)/2, m12)``, and
    ``φ₁ = ½·atan2(2m12, m11 − m22)``.
    """
    m, r = (m11 + m22) / 2.0, math.hypot((m11 - m22) / 2.0, m12)
    phi = math.degrees(0.5 * math.atan2(2.0 * m12, m11 - m22))
    return m + r, max(m - r, 0.0), _angle(phi)


class PCADirection:
    """A 2-D point cloud and the variance of its projections onto a line.

    Parameters
    ----------
    points : array_like, shape (n, 2)
        ``n ≥ 2`` finite points, not all equal. They are copied.

    Raises
    ------
    TypeError, ValueError
        If ``points`` is not a finite real ``n × 2`` array with ``n ≥ 2`` and
        two distinct points, or its squared spread overflows float64.

    Examples
    --------
    >>> model = PCADirection([[0.0, 0.0], [2.0, 0.0], [4.0, 0.0]])
    >>> r = model.readout(0.0)
    >>> r["variance"], r["residual"], r["pc1_theta"]
    (4.0, 0.0, 0.0)
    >>> round(model.readout(90.0)["variance"], 12)  # cos 90° is 6e-17 in floating point
    0.0
    """

    def __init__(self, points):
        P = as_matrix(points, "points", copy=True).astype(float)
        if P.shape[1] != 2 or P.shape[0] < 2:
            raise ValueError(f"points must be an n × 2 array with n ≥ 2, got shape {P.shape}")
        if np.all(P == P[0]):
            raise ValueError("points must not all be equal: a cloud of one point has no direction")
        self._points = P
        self._points.setflags(write=False)
        with np.errstate(over="ignore", invalid="ignore"):
            ok = all(np.all(np.isfinite(self.scatter(c))) for c in (True, False))
        if not ok:
            raise ValueError(
                "points are too large: their squared spread overflows float64 (about 1.8e308)"
            )

    @property
    def points(self) -> np.ndarray:
        """A new ``n × 2`` array of the points."""
        return self._points.copy()

    @property
    def n(self) -> int:
        return int(self._points.shape[0])

    @property
    def mean(self) -> np.ndarray:
        """The mean point ``x̄`` (a new array)."""
        return self._points.sum(axis=0) / self.n

    def scatter(self, centred: bool = True) -> np.ndarray:
        """``M = Σ (xᵢ − p)(xᵢ − p)ᵀ / (n − 1)``, ``p = x̄`` (centred) or ``0``."""
        centred = as_flag(centred, "centred")
        D = self._points - self.mean if centred else self._points
        return D.T @ D / (self.n - 1)

    def variance(self, theta, centred: bool = True):
        """``uᵀMu`` at ``u = (cos θ, sin θ)``, θ in degrees (a scalar or an array)."""
        M = self.scatter(centred)
        t = np.radians(np.asarray(theta, dtype=float))
        c, s = np.cos(t), np.sin(t)
        return M[0, 0] * c * c + 2 * M[0, 1] * c * s + M[1, 1] * s * s

    def residual(self, theta, centred: bool = True):
        """``u⊥ᵀMu⊥``, ``u⊥ = (−sin θ, cos θ)``: the variance left perpendicular to the line."""
        M = self.scatter(centred)
        t = np.radians(np.asarray(theta, dtype=float))
        c, s = np.cos(t), np.sin(t)
        return M[0, 0] * s * s - 2 * M[0, 1] * c * s + M[1, 1] * c * c

    def best(self, centred: bool = True) -> tuple[float, float, float]:
        """``(λ₁, λ₂, φ₁)``: the eigenvalues of ``M`` and the angle (degrees, [0, 180)) of v₁."""
        M = self.scatter(centred)
        return _eig_angle(float(M[0, 0]), float(M[0, 1]), float(M[1, 1]))

    def readout(self, theta: float, centred: bool = True) -> dict:
        """What the widget shows for the line at ``theta`` degrees.

        Returns
        -------
        dict
            ``theta`` (in [0, 180)), ``centred``, ``variance`` (``uᵀMu``),
            ``residual`` (``u⊥ᵀMu⊥``), ``total`` (``tr M``), ``fraction``
            (variance/total), ``best_theta`` and ``best_variance`` (where
            ``uᵀMu`` is largest, and that largest value), and, for the centred
            data whatever ``centred`` is, ``pc1_theta`` and the covariance's
            eigenvalues ``lambda1``, ``lambda2``.
        """
        theta = _angle(as_real(theta, "theta"))
        centred = as_flag(centred, "centred")
        M = self.scatter(centred)
        var = float(self.variance(theta, centred))
        res = float(self.residual(theta, centred))
        total = float(M[0, 0] + M[1, 1])
        best_var, _, best_theta = self.best(centred)
        lam1, lam2, pc1 = self.best(True)
        return {
            "theta": theta,
            "centred": centred,
            "variance": var,
            "residual": res,
            "total": total,
            "fraction": var / total,
            "best_theta": best_theta,
            "best_variance": best_var,
            "pc1_theta": pc1,
            "lambda1": lam1,
            "lambda2": lam2,
        }

    def message(self, theta: float, centred: bool = True) -> tuple[str, str]:
        """The view's status line and its level for the line at ``theta`` degrees."""
        r = self.readout(theta, centred)
        off = abs(r["theta"] - r["best_theta"])
        off = min(off, 180.0 - off)
        if not r["centred"]:
            gap = abs(r["best_theta"] - r["pc1_theta"])
            gap = min(gap, 180.0 - gap)
            return (
                "Not centred: the line passes through the origin and the projections "
                "are measured from 0, so the best line leans towards the mean: "
                f"{r['best_theta']:.1f}° instead of PC1's {r['pc1_theta']:.1f}° "
                f"({gap:.1f}° apart)",
                "info",
            )
        if off < 0.05:
            return (
                "The line is the first principal direction: the variance of the "
                "projections is the largest possible (λ₁), the residual the smallest (λ₂)",
                "ok",
            )
        return (
            f"{off:.1f}° from PC1: the projected variance is below λ₁ and the residual "
            "above λ₂; their sum stays the total variance",
            "ok",
        )


def pca_cloud(n: int = 60, seed: int = 9, mean=(3.0, 2.0)) -> np.ndarray:
    """A seeded 2-D Gaussian cloud, covariance ``[[3, 1.5], [1.5, 1]]``, as notebook 09 uses.

    Parameters
    ----------
    n : int, optional
        Number of points, 2 to 2000.
    seed : int, optional
        Seed of ``numpy.random.default_rng``.
    mean : array_like, shape (2,), optional
        The population mean.

    Returns
    -------
    numpy.ndarray, shape (n, 2)

    Raises
    ------
    TypeError, ValueError
        If ``n`` is not an integer in range, ``seed`` not a non-negative
        integer or ``mean`` not two finite numbers.
    """
    n = as_rank(n, "n", low=2, high=2000)
    seed = as_rank(seed, "seed", low=0)
    mu = as_vector(mean, "mean", size=2)
    rng = np.random.default_rng(seed)
    L = np.linalg.cholesky(np.array([[3.0, 1.5], [1.5, 1.0]]))
    return mu + rng.standard_normal((n, 2)) @ L.T


class PCADirectionWidget(StaticState, anywidget.AnyWidget):
    """The view (``pca_direction.js``): the points (sent once), ``theta`` and ``centred``.

    :attr:`model` is the :class:`PCADirection` of the points and
    :meth:`readout` what the view shows.
    """

    static_kind = "pca_direction"
    _esm = widget_esm("pca_direction")
    points = traitlets.List().tag(sync=True)
    theta = traitlets.Float(0.0).tag(sync=True)
    centred = traitlets.Any(True).tag(
        sync=True
    )  # Any: a Bool trait turns 1 into True before the check

    @traitlets.validate("points")
    def _valid_points(self, proposal):
        return PCADirection(proposal["value"]).points.tolist()

    @traitlets.validate("theta")
    def _valid_theta(self, proposal):
        return _angle(as_real(proposal["value"], "theta"))

    @traitlets.validate("centred")
    def _valid_centred(self, proposal):
        return as_flag(proposal["value"], "centred")

    @property
    def model(self) -> PCADirection:
        """The model of the points on screen."""
        return PCADirection(self.points)

    def readout(self) -> dict:
        """What the view shows (see :meth:`PCADirection.readout`)."""
        return self.model.readout(self.theta, self.centred)

    def static_state(self) -> dict:
        return {"points": self.points, "theta": self.theta, "centred": self.centred}


def pca_direction_widget(points=None, *, theta: float = 0.0, centred: bool = True):
    """Turn a line through a 2-D cloud; watch the projected variance and the residual.

    The picture (SVG, drawn in the browser) shows the points, the line through
    the mean (or, with the centring off, through the origin), each point's
    residual segment to the line and the first principal direction (dotted);
    beside it the curve ``θ ↦`` projected variance over 0°…180°. Drag the end
    of the line, press ←/→ on it, move the slider or type an angle; "line to
    the best direction" turns it to where the variance is largest.

    Parameters
    ----------
    points : array_like, shape (n, 2), optional
        The cloud (copied; sent to the view once). By default :func:`pca_cloud`.
    theta : float, optional
        The starting angle of the line, in degrees (taken modulo 180).
    centred : bool, optional
        Start with the data centred (the line through the mean).

    Returns
    -------
    PCADirectionWidget
        Nothing is printed when it is created.

    Raises
    ------
    TypeError, ValueError
        As :class:`PCADirection`; or if ``theta`` is not a finite real number
        or ``centred`` not a bool.

    Examples
    --------
    >>> w = pca_direction_widget([[0, 0], [2, 0], [4, 0]], theta=180.0)
    >>> w.theta, w.readout()["variance"]
    (0.0, 4.0)
    """
    model = PCADirection(pca_cloud() if points is None else points)
    theta = as_real(theta, "theta")
    centred = as_flag(centred, "centred")
    return PCADirectionWidget(points=model.points.tolist(), theta=theta, centred=centred)
