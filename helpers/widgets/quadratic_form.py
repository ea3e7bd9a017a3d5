"""The quadratic-form explorer of notebook 02: xᵀAx on the unit circle.

A model plus a thin view, as every course widget:

- :class:`QuadraticForm` (the model the tests and the browser test read) is a
  2×2 symmetric matrix ``A = [[a, b], [b, c]]``: its eigenpairs, its
  definiteness class and the Rayleigh quotient ``R(θ) = xᵀAx`` at
  ``x = (cos θ, sin θ)``;
- :class:`QuadraticFormWidget` is the view, an anywidget whose ES module
  (``quadratic_form.js`` beside this file) computes the same numbers in the
  browser from the synced state ``a, b, c, theta``, so it also works with no
  kernel (static site, decks);
- :func:`quadratic_form_widget` makes one from a matrix or a preset.

DOM contract (what ``tests/browser/widget_checks_new.py`` relies on)
--------------------------------------------------------------------
- ``.course-quadratic-form``: the root; ``data-paints`` counts redraws,
  ``data-update-ms`` is the last redraw's duration.
- ``input.course-qf-a``, ``input.course-qf-b``, ``input.course-qf-c``: text
  boxes whose ``aria-label`` equals their visible label (``"a"``, ``"b"``,
  ``"c"``); ``aria-invalid="true"`` on a bad entry.
- ``select.course-qf-preset`` (``aria-label`` ``"preset"``): options
  ``pd``, ``indefinite``, ``psd``, ``nd`` (the keys of :data:`PRESETS`) and ``custom``.
- ``input.course-qf-theta``: a range input, 0 to 359 degrees, ``aria-label``
  ``"angle θ (degrees)"``; ``circle.course-qf-handle`` in the plane plot is
  focusable (tabindex 0): ←/→ turn x by 1° (Shift: 10°), and it can be dragged.
- ``.course-qf-readout`` (``aria-live="polite"``): spans
  ``[data-field=theta|x1|x2|q|lambda1|lambda2|phi1|class]`` whose
  ``data-value`` is the full number (or the class name), equal to
  :meth:`QuadraticForm.readout`'s to round-off; a zero eigenvalue is exactly 0.
- ``.course-qf-status`` (``role="status"``): ``data-kind`` is ``ok``,
  ``info`` or ``error``, its text (after the icon) :meth:`QuadraticForm.message`
  unless an entry is bad; an error (bad entry, overflow) keeps the picture and
  the readout on the last valid matrix, which ``.course-qf-plane``'s
  ``data-matrix`` (JSON ``[a, b, c]``) names.
- ``svg.course-qf-plane-svg`` (level sets ``polyline.course-qf-level-pos`` /
  ``-neg``, eigen-directions ``.course-qf-eig1``/``.course-qf-eig2``) and
  ``svg.course-qf-rayleigh`` (``polyline.course-qf-curve``,
  ``circle.course-qf-current`` with ``data-theta``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import anywidget
import numpy as np
import traitlets

from ..validation import as_matrix, as_real
from .common import StaticState, widget_esm

__all__ = ["PRESETS", "QuadraticForm", "QuadraticFormWidget", "quadratic_form_widget"]

#: Presets ``(a, b, c)``: one matrix per definiteness class.
PRESETS = {
    "pd": (2.0, 0.8, 1.0),
    "indefinite": (1.0, 1.5, -0.5),
    "psd": (1.0, 1.0, 1.0),
    "nd": (-2.0, 0.5, -1.0),
}

_EPS = float(np.finfo(np.float64).eps)


def _eig(a: float, b: float, c: float) -> tuple[float, float, float]:
    """``(λ₁, λ₂, φ₁)`` of ``[[a, b], [b, c]]``; ``quadratic_form.js``'s ``qfEig`` mirrors it.

    The work is done on the matrix divided by ``s = max(|a|, |b|, |c|)`` (no
    overflow or underflow in the steps). The eigenvalue of larger magnitude is
    ``m ± r`` (``m`` the mean of the diagonal, ``r = hypot((a − c)/2, b)``),
    the other ``det/that`` (no cancellation). An eigenvalue with
    ``|λ| ≤ 2ε·max|λᵢ|`` is set to exactly 0: the threshold of
    :func:`helpers.decompositions.eigen.definiteness` for ``n = 2``, below which
    a computed eigenvalue cannot be told from 0.
    """
    s = max(abs(a), abs(b), abs(c))
    if s == 0.0:
        return 0.0, 0.0, 0.0
    A, B, C = a / s, b / s, c / s
    m, r = (A + C) / 2.0, math.hypot((A - C) / 2.0, B)
    det = A * C - B * B
    if m >= 0.0:  # then λ₁ = m + r ≥ |λ₂| > 0
        l1 = m + r
        l2 = det / l1
    else:
        l2 = m - r
        l1 = det / l2
    delta = 2.0 * _EPS * max(abs(l1), abs(l2))
    l1 = 0.0 if abs(l1) <= delta else l1
    l2 = 0.0 if abs(l2) <= delta else l2
    phi = 0.5 * math.atan2(2.0 * B, A - C)
    if phi == -math.pi / 2:
        phi = math.pi / 2
    return s * l1 + 0.0, s * l2 + 0.0, phi


def _class(l1: float, l2: float) -> str:
    """The definiteness class of two eigenvalues already rounded to 0 by :func:`_eig`."""
    pos, neg, zero = l1 > 0 or l2 > 0, l1 < 0 or l2 < 0, l1 == 0 or l2 == 0
    if pos and neg:
        return "indefinite"
    if neg:
        return "negative semidefinite" if zero else "negative definite"
    return "positive definite" if pos and not zero else "positive semidefinite"


@dataclass(frozen=True)
class QuadraticForm:
    """The symmetric matrix ``[[a, b], [b, c]]`` and its quadratic form ``xᵀAx``.

    Parameters
    ----------
    a, b, c : float
        Finite real numbers: ``A = [[a, b], [b, c]]``.

    Raises
    ------
    TypeError, ValueError
        If an entry is not a finite real number (the message names it), or an
        eigenvalue overflows float64 (entries near ``1e308``).

    Examples
    --------
    >>> form = QuadraticForm(3.0, 1.0, 3.0)
    >>> form.eigenvalues, form.definiteness
    ((4.0, 2.0), 'positive definite')
    >>> QuadraticForm(1.0, 1.0, 1.0).eigenvalues  # singular: the 0 is exactly 0
    (2.0, 0.0)
    >>> round(form.readout(45.0)["q"], 12), form.readout(45.0)["phi1"]
    (4.0, 45.0)
    """

    a: float
    b: float
    c: float

    def __post_init__(self):
        for name in ("a", "b", "c"):
            object.__setattr__(self, name, as_real(getattr(self, name), name))
        lam1, lam2, _ = _eig(self.a, self.b, self.c)
        if not (math.isfinite(lam1) and math.isfinite(lam2)):
            raise ValueError(
                "the entries a, b, c are too large: an eigenvalue of [[a, b], [b, c]] "
                f"overflows float64 for a={self.a!r}, b={self.b!r}, c={self.c!r}"
            )

    @classmethod
    def from_matrix(cls, A) -> QuadraticForm:
        """The form of a symmetric 2×2 matrix ``A`` (``a₁₂`` is used for ``b``).

        Raises
        ------
        TypeError, ValueError
            If ``A`` is not a finite real symmetric 2×2 matrix (named ``A``).
        """
        M = as_matrix(A, "A", symmetric=True)
        if M.shape != (2, 2):
            raise ValueError(f"A must be a 2×2 matrix, got shape {M.shape}")
        return cls(float(M[0, 0]), float(M[0, 1]), float(M[1, 1]))

    @property
    def matrix(self) -> np.ndarray:
        """A new array ``[[a, b], [b, c]]``."""
        return np.array([[self.a, self.b], [self.b, self.c]])

    @property
    def eigenvalues(self) -> tuple[float, float]:
        """``(λ₁, λ₂)`` with ``λ₁ ≥ λ₂``; one below ``2ε·max|λᵢ|`` in size is 0."""
        lam1, lam2, _ = _eig(self.a, self.b, self.c)
        return lam1, lam2

    @property
    def phi1(self) -> float:
        """The angle (radians, in (−π/2, π/2]) of an eigenvector ``v₁`` of ``λ₁``."""
        return _eig(self.a, self.b, self.c)[2]

    @property
    def eigenvectors(self) -> np.ndarray:
        """A new 2×2 array whose columns are ``v₁ = (cos φ₁, sin φ₁)`` and ``v₂ ⟂ v₁``."""
        p = self.phi1
        return np.array([[math.cos(p), -math.sin(p)], [math.sin(p), math.cos(p)]])

    def rayleigh(self, theta):
        """``xᵀAx`` at ``x = (cos θ, sin θ)``, θ in radians (a scalar or an array)."""
        t = np.asarray(theta, dtype=float)
        x, y = np.cos(t), np.sin(t)
        return self.a * x * x + 2 * self.b * x * y + self.c * y * y

    @property
    def definiteness(self) -> str:
        """The class by the signs of the eigenvalues (a zero one as :attr:`eigenvalues` says).

        The rule of :func:`helpers.decompositions.eigen.definiteness` (threshold
        ``2ε·max|λᵢ|``), on this model's eigenvalues, so the view gives the same
        answer.
        """
        return _class(*self.eigenvalues)

    def message(self) -> tuple[str, str]:
        """The view's status line and its level (``"ok"`` or ``"info"``)."""
        lam1, lam2 = self.eigenvalues
        cls = self.definiteness
        if lam1 == lam2:
            return (
                f"A is {cls}: A = λI, xᵀAx is the same on the whole circle and every "
                "direction is an eigen-direction",
                "info",
            )
        if "semidefinite" in cls:
            return (
                f"A is {cls}: xᵀAx = 0 along an eigen-direction, a level set is a pair "
                "of lines or empty",
                "info",
            )
        return f"A is {cls}", "ok"

    def readout(self, theta_degrees: float) -> dict:
        """What the widget shows with x at angle ``theta_degrees``.

        Returns
        -------
        dict
            ``theta`` (degrees), ``x1``, ``x2``, ``q`` (= xᵀAx), ``lambda1``,
            ``lambda2``, ``phi1`` (degrees, the angle of ``v₁``) and ``class``.
        """
        theta = as_real(theta_degrees, "theta_degrees")
        t = math.radians(theta)
        lam1, lam2 = self.eigenvalues
        return {
            "theta": theta,
            "x1": math.cos(t),
            "x2": math.sin(t),
            "q": float(self.rayleigh(t)),
            "lambda1": lam1,
            "lambda2": lam2,
            "phi1": math.degrees(self.phi1),
            "class": self.definiteness,
        }


class QuadraticFormWidget(StaticState, anywidget.AnyWidget):
    """The view (``quadratic_form.js``): entries ``a, b, c`` and the angle ``theta`` (degrees).

    The view computes :class:`QuadraticForm`'s numbers itself, so it needs no
    kernel; :attr:`form` is the model of the matrix on screen and
    :meth:`readout` what it shows.
    """

    static_kind = "quadratic_form"
    _esm = widget_esm("quadratic_form")
    a = traitlets.Float(2.0).tag(sync=True)
    b = traitlets.Float(0.8).tag(sync=True)
    c = traitlets.Float(1.0).tag(sync=True)
    theta = traitlets.Float(30.0).tag(sync=True)

    @traitlets.validate("a", "b", "c")
    def _finite(self, proposal):
        return as_real(proposal["value"], proposal["trait"].name)

    @traitlets.validate("theta")
    def _angle(self, proposal):
        # whole degrees in [0, 360), as the view's slider holds them
        return float(round(as_real(proposal["value"], "theta")) % 360)

    @property
    def form(self) -> QuadraticForm:
        """The model of the matrix on screen."""
        return QuadraticForm(self.a, self.b, self.c)

    def readout(self) -> dict:
        """What the view shows (see :meth:`QuadraticForm.readout`)."""
        return self.form.readout(self.theta)

    def static_state(self) -> dict:
        return {"a": self.a, "b": self.b, "c": self.c, "theta": self.theta}


def quadratic_form_widget(A=None, *, preset: str = "pd", theta: float = 30.0):
    """Drag x around the unit circle and watch ``xᵀAx``, for a 2×2 symmetric ``A``.

    The picture (SVG, drawn in the browser) shows the unit circle with x on it,
    the eigen-directions ``v₁`` (where xᵀAx is largest, ``= λ₁``) and ``v₂``
    (smallest, ``= λ₂``), and the level sets ``xᵀAx = ±1``; beside it the
    curve ``θ ↦ xᵀAx`` between ``λ₂`` and ``λ₁``. Typed entries ``a, b, c`` or
    a preset change the matrix; the readout gives the class. A bad entry shows
    an error in the status line while the picture keeps the last valid matrix.

    Parameters
    ----------
    A : array_like, shape (2, 2), optional
        A finite symmetric matrix; by default the preset's.
    preset : {"pd", "indefinite", "psd", "nd"}, optional
        Used when ``A`` is None (:data:`PRESETS`).
    theta : float, optional
        The starting angle of x, in degrees (rounded to a whole degree in [0, 360)).

    Returns
    -------
    QuadraticFormWidget
        Nothing is printed when it is created.

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite symmetric 2×2 real matrix or its eigenvalues
        overflow, ``preset`` is unknown or ``theta`` is not a finite real number.

    Examples
    --------
    >>> w = quadratic_form_widget([[3.0, 1.0], [1.0, 3.0]], theta=45)
    >>> w.readout()["class"], w.readout()["lambda1"]
    ('positive definite', 4.0)
    """
    if A is None:
        if not isinstance(preset, str) or preset not in PRESETS:
            raise ValueError(f"preset must be one of {sorted(PRESETS)}, got {preset!r}")
        form = QuadraticForm(*PRESETS[preset])
    else:
        form = QuadraticForm.from_matrix(A)
    theta = as_real(theta, "theta")
    return QuadraticFormWidget(a=form.a, b=form.b, c=form.c, theta=theta)
