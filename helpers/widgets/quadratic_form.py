"""The quadratic-form explorer of notebook 02: xᵀAx on the unit circle.

The model, :class:`QuadraticForm`, is a 2×2 symmetric matrix
``A = [[a, b], [b, c]]``: its eigenpairs, its definiteness class (the rule of
:func:`helpers.decompositions.eigen.definiteness`, threshold ``2ε·max|λᵢ|``) and
the Rayleigh quotient ``R(θ) = xᵀAx`` at ``x = (cos θ, sin θ)``. The view, an
anywidget ES module (``quadratic_form.js`` beside this file), computes the same
numbers in the browser from the synced state ``a, b, c, theta``, so it also
works with no kernel (static site, decks).

DOM contract (what ``tests/browser/test_new_widgets.py`` relies on)
-------------------------------------------------------------------
- ``.course-quadratic-form``: the root; ``data-paints`` counts redraws,
  ``data-update-ms`` is the last redraw's duration.
- ``input.course-qf-a``, ``input.course-qf-b``, ``input.course-qf-c``: text
  boxes whose ``aria-label`` equals their visible label (``"a"``, ``"b"``,
  ``"c"``); ``aria-invalid="true"`` on a bad entry.
- ``select.course-qf-preset`` (``aria-label`` ``"preset"``): options
  ``pd``, ``indefinite``, ``psd``, ``nd`` (and ``custom``).
- ``input.course-qf-theta``: a range input, 0 to 359 degrees, ``aria-label``
  ``"angle θ (degrees)"``; ``circle.course-qf-handle`` in the plane plot is
  focusable (tabindex 0): ←/→ turn x by 1° (Shift: 10°), and it can be dragged.
- ``.course-qf-readout`` (``aria-live="polite"``): spans
  ``[data-field=theta|x1|x2|q|lambda1|lambda2|phi1|class]`` whose
  ``data-value`` is the exact number (or the class name).
- ``.course-qf-status`` (``role="status"``): ``data-kind`` is ``ok``,
  ``info`` or ``error``; an error (bad entry, overflow) keeps the picture and
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

from ..decompositions.eigen import definiteness
from ..validation import as_real
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


@dataclass(frozen=True)
class QuadraticForm:
    """The symmetric matrix ``[[a, b], [b, c]]`` and its quadratic form.

    Parameters
    ----------
    a, b, c : float
        Finite real numbers.

    Raises
    ------
    TypeError, ValueError
        If an entry is not a finite real number (the message names it), or an
        eigenvalue overflows float64.
    """

    a: float
    b: float
    c: float

    def __post_init__(self):
        for name in ("a", "b", "c"):
            object.__setattr__(self, name, as_real(getattr(self, name), name))
        lam1, lam2, _ = self._eig()
        if not (math.isfinite(lam1) and math.isfinite(lam2)):
            raise ValueError(
                f"the eigenvalues of [[a, b], [b, c]] overflow float64 for "
                f"a={self.a!r}, b={self.b!r}, c={self.c!r}"
            )

    @property
    def matrix(self) -> np.ndarray:
        """A new array ``[[a, b], [b, c]]``."""
        return np.array([[self.a, self.b], [self.b, self.c]])

    def _eig(self):
        s = max(abs(self.a), abs(self.b), abs(self.c))
        if s == 0:
            return 0.0, 0.0, 0.0
        a, b, c = self.a / s, self.b / s, self.c / s
        m, r = (a + c) / 2, math.hypot((a - c) / 2, b)
        phi = 0.5 * math.atan2(2 * b, a - c)
        return s * (m + r), s * (m - r), phi

    @property
    def eigenvalues(self) -> tuple[float, float]:
        """``(λ₁, λ₂)`` with ``λ₁ ≥ λ₂``."""
        lam1, lam2, _ = self._eig()
        return lam1, lam2

    @property
    def phi1(self) -> float:
        """The angle (radians, in (−π/2, π/2]) of the eigenvector v₁ of λ₁."""
        phi = self._eig()[2]
        return math.pi / 2 if phi == -math.pi / 2 else phi

    def rayleigh(self, theta):
        """``xᵀAx`` at ``x = (cos θ, sin θ)`` (θ in radians; array or scalar)."""
        t = np.asarray(theta, dtype=float)
        x, y = np.cos(t), np.sin(t)
        return self.a * x * x + 2 * self.b * x * y + self.c * y * y

    @property
    def definiteness(self) -> str:
        """The class, by :func:`helpers.decompositions.eigen.definiteness`."""
        return definiteness(self.matrix)

    def readout(self, theta_degrees: float) -> dict:
        """What the widget shows at angle ``theta_degrees``."""
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
    """The view (``quadratic_form.js``): entries ``a, b, c`` and the angle ``theta``.

    :attr:`form` is the :class:`QuadraticForm` on screen.
    """

    static_kind = "quadratic_form"
    _esm = widget_esm("quadratic_form")
    a = traitlets.Float(2.0).tag(sync=True)
    b = traitlets.Float(0.8).tag(sync=True)
    c = traitlets.Float(1.0).tag(sync=True)
    theta = traitlets.Float(30.0).tag(sync=True)

    @traitlets.validate("a", "b", "c", "theta")
    def _finite(self, proposal):
        return as_real(proposal["value"], proposal["trait"].name)

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

    Parameters
    ----------
    A : array_like, shape (2, 2), optional
        A symmetric matrix; by default the preset's.
    preset : {"pd", "indefinite", "psd", "nd"}, optional
        Used when ``A`` is None.
    theta : float, optional
        The starting angle of x, in degrees.

    Returns
    -------
    QuadraticFormWidget

    Raises
    ------
    TypeError, ValueError
        If ``A`` is not a finite symmetric 2×2 real matrix, ``preset`` is
        unknown or ``theta`` is not a finite real number.
    """
    if A is None:
        if preset not in PRESETS:
            raise ValueError(f"preset must be one of {sorted(PRESETS)}, got {preset!r}")
        a, b, c = PRESETS[preset]
    else:
        try:
            M = np.array(A, dtype=float)  # a copy: the caller's array is not kept
        except (TypeError, ValueError) as err:
            raise TypeError(f"A must be a 2×2 array of real numbers, got {A!r}") from err
        if M.shape != (2, 2):
            raise ValueError(f"A must have shape (2, 2), got {M.shape}")
        if not np.all(np.isfinite(M)):
            raise ValueError("A must have finite entries")
        if not math.isclose(M[0, 1], M[1, 0], rel_tol=1e-10, abs_tol=0.0):
            raise ValueError(f"A must be symmetric, got a12={M[0, 1]!r} and a21={M[1, 0]!r}")
        a, b, c = float(M[0, 0]), float(M[0, 1]), float(M[1, 1])
    QuadraticForm(a, b, c)  # the overflow guard
    theta = as_real(theta, "theta")
    return QuadraticFormWidget(a=a, b=b, c=c, theta=theta)
